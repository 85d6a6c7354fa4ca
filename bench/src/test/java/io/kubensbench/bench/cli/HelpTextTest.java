package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Every command's {@code --help} at 80 columns, as users read it and copy from it: no picocli
 * warning, and no path, option or command split over two lines.
 */
class HelpTextTest {

    /** Words with a '.', '/', ':', '<', '(' or '-' inside: paths, file names, commands, options. */
    private static final Pattern TOKEN = Pattern.compile("[^\\s()\\[\\]'\",;]*\\w[./:<(-][^\\s,;'\"]*\\w");

    @Test
    void everyCommandsHelpRendersWithoutAPicocliWarning() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        List<String> helps = new ArrayList<>();
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            for (List<String> command : commands()) {
                helps.add(help(command));
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(helps).hasSize(commands().size());
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void noHelpLineEndsInsideAPathOrACommand() {
        Set<String> tokens = tokens(Main.commandLine().getCommandSpec());
        assertThat(tokens).contains("~/.kube/config", "target.cluster.context", "CAMPAIGN.yaml", "--kubeconfig");
        for (List<String> command : commands()) {
            String help = help(command);
            assertThat(brokenTokens(help, tokens)).as("kubens-bench %s --help", String.join(" ", command)).isEmpty();
            assertThat(help.lines()).as("kubens-bench %s --help", String.join(" ", command))
                    .allSatisfy(line -> assertThat(line.length()).isLessThan(80));
        }
    }

    @Test
    void theKubeconfigDefaultReadsWhole() {
        assertThat(help(List.of("cleanup"))).contains("~/.kube/config)");
    }

    @Test
    void eachClusterCommandSaysWhichContextItDefaultsTo() {
        for (String command : List.of("cleanup", "encapsulation", "estimate", "observe")) {
            assertThat(help(List.of(command)).replaceAll("\\s+", " ")).as(command)
                    .contains("--context=NAME Kubeconfig context (default: the kubeconfig's current context).")
                    .doesNotContain("campaign's target");
        }
        for (String command : List.of("run", "plan")) {
            assertThat(help(List.of(command)).replaceAll("\\s+", " ")).as(command)
                    .contains("(default: the campaign's target.cluster.context if it names one, then the"
                            + " kubeconfig's current context)");
        }
    }

    @Command(name = "wrapped", description = "Loads ~/.kube/config, then writes DIR/report/index.html:"
            + " source <(wrapped completion) or registry.access.redhat.com/ubi9/ubi-minimal.",
            subcommands = Sub.class)
    static final class Wrapped {
        @Parameters(paramLabel = "CAMPAIGN.yaml", description = "A campaign.yaml, e.g. docs/campaigns/lab.yaml.")
        String campaign;

        @Option(names = "--kubeconfig", paramLabel = "FILE",
                description = "Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config); see target.cluster.context"
                        + " and node-role.kubernetes.io/worker, or kubectl get namespace NAME -o yaml.")
        String kubeconfig;

        @Option(names = {"--a-rather-long-option-name", "--another-long-option-name"}, paramLabel = "DURATION")
        String longOne;

        @Option(names = "--sample-interval", paramLabel = "DURATION") String interval;

        @Option(names = "--selector", paramLabel = "node-role.kubernetes.io/worker") String selector;
    }

    @Command(name = "sub", description = "Prints ~/.kube/config and target.cluster.context, then source"
            + " <(wrapped completion) with DIR/report/index.html and registry.access.redhat.com/ubi9/ubi-minimal.")
    static final class Sub {
    }

    @Test
    void atAnyWidthLinesBreakAtSpacesOnly() {
        CommandLine wrapped = new CommandLine(new Wrapped()).setHelpFactory(WordWrappedHelp::new);
        Set<String> tokens = tokens(wrapped.getCommandSpec());
        for (int width = 70; width <= 120; width++) {
            wrapped.setUsageHelpWidth(width);
            assertThat(brokenTokens(wrapped.getUsageMessage(CommandLine.Help.Ansi.OFF), tokens))
                    .as("at %d columns", width).isEmpty();
        }
    }

    @Test
    void plainPicocliBreaksInsidePathsWhichIsWhyHelpWrapsItsOwnWay() {
        CommandLine plain = new CommandLine(new Wrapped());
        Set<String> tokens = tokens(plain.getCommandSpec());
        boolean broken = false;
        for (int width = 70; width <= 120 && !broken; width++) {
            plain.setUsageHelpWidth(width);
            broken = !brokenTokens(plain.getUsageMessage(CommandLine.Help.Ansi.OFF), tokens).isEmpty();
        }
        assertThat(broken).isTrue();
    }

    /** The commands a user can ask help for, each as its words after {@code kubens-bench}. */
    static List<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        collect(Main.commandLine(), new ArrayList<>(), all);
        return all;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> all) {
        all.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(name);
                collect(sub, deeper, all);
            }
        });
    }

    /** What {@code kubens-bench CMD --help} prints, or {@code kubens-bench help CMD} for jmh, whose options are JMH's. */
    private static String help(List<String> command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = command.equals(List.of("jmh")) ? new String[] {"help", "jmh"}
                : Stream.concat(command.stream(), Stream.of("--help")).toArray(String[]::new);
        assertThat(Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true))).isZero();
        assertThat(err.toString()).isEmpty();
        return out.toString();
    }

    /** Every path- or command-like word in a command tree's help texts, and every option name. */
    private static Set<String> tokens(CommandSpec root) {
        Set<String> tokens = new LinkedHashSet<>();
        List<CommandSpec> specs = new ArrayList<>();
        specs.add(root);
        for (int i = 0; i < specs.size(); i++) {
            CommandSpec spec = specs.get(i);
            spec.subcommands().values().forEach(sub -> specs.add(sub.getCommandSpec()));
            List<String> texts = new ArrayList<>(Arrays.asList(spec.usageMessage().description()));
            texts.addAll(Arrays.asList(spec.usageMessage().footer()));
            texts.addAll(spec.usageMessage().exitCodeList().values());
            for (ArgSpec arg : spec.args()) {
                texts.addAll(Arrays.asList(arg.description()));
                texts.add(arg.paramLabel());
            }
            spec.options().forEach(option -> tokens.addAll(Arrays.asList(option.names())));
            for (String text : texts) {
                Matcher m = TOKEN.matcher(text);
                while (m.find()) {
                    tokens.add(m.group());
                }
            }
        }
        return tokens;
    }

    /** The lines of {@code help} that end inside one of {@code tokens}, with the line after. */
    private static List<String> brokenTokens(String help, Set<String> tokens) {
        List<String> broken = new ArrayList<>();
        String[] lines = help.split("\\R");
        for (int i = 0; i + 1 < lines.length; i++) {
            String end = lastWord(lines[i]);
            String start = lines[i + 1].strip().split("\\s+")[0];
            if (end.isEmpty() || start.isEmpty()) {
                continue;
            }
            String joined = end + start;
            for (String token : tokens) {
                for (int at = joined.indexOf(token); at >= 0; at = joined.indexOf(token, at + 1)) {
                    if (at < end.length() && end.length() < at + token.length()) {
                        broken.add(lines[i].strip() + " / " + lines[i + 1].strip() + "  (" + token + ")");
                    }
                }
            }
        }
        return broken;
    }

    private static String lastWord(String line) {
        if (line.isEmpty() || Character.isWhitespace(line.charAt(line.length() - 1))) {
            return "";
        }
        String[] words = line.split("\\s+");
        return words[words.length - 1];
    }
}
