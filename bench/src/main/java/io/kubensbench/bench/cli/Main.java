package io.kubensbench.bench.cli;

import io.kubensbench.bench.lab.LabUnavailableException;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import io.kubensbench.workloads.spec.InvalidSpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The {@code kubens-bench} command line. Exit codes: 0 success, 1 the run failed, 2 bad
 * input or an unmet precondition (always one line on stderr, with picocli's "did you mean"
 * for a mistyped command or option; {@code --verbose} adds the stack trace); {@code compare}
 * 10 to 13 (see {@link CompareCommand}); {@code encapsulation verify} 3 when a node checked
 * disagrees with the state expected of it, apart from 1 when the check could not be made;
 * {@code run}, {@code observe}, {@code analyze} and {@code compare} 4 when every result was
 * written but indexing them failed (a gate's 10 to 13 wins over it).
 */
@Command(name = "kubens-bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Measures the CPU systemd (PID 1) spends on Kubernetes mounts, and what mount "
                + "namespace encapsulation (kubens.service) saves.",
        subcommands = {LabCommand.class, RunCommand.class, PlanCommand.class, AnalyzeCommand.class,
            CompareCommand.class, ReportCommand.class, SampleCommand.class, EncapsulationCommand.class,
            CleanupCommand.class, JmhCommand.class, ObserveCommand.class, PredictCommand.class,
            EstimateCommand.class, CompletionCommand.class, HelpCommand.class})
public final class Main {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    /** Where commands ask the user before they reboot a cluster's nodes. */
    final Prompt prompt;

    private Main(Prompt prompt) {
        this.prompt = prompt;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs one invocation with the given streams, asking questions at the terminal; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, Prompt.console());
    }

    /** Runs one invocation with the given streams, asking questions through {@code prompt}; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Prompt prompt) {
        Main main = new Main(prompt);
        CommandLine cl = commandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println(UsageErrorLine.of(ex));
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            int code = exitCode(ex);
            err.println("kubens-bench: " + (code == FAILED ? "error: " : "") + oneLine(ex));
            if (main.verbose) {
                ex.printStackTrace(err);
            }
            return code;
        });
        return cl.execute(args);
    }

    /**
     * The whole command tree, built without running anything and asking nothing: for the
     * completion script and the man pages the build writes.
     */
    static CommandLine commandLine() {
        return commandLine(new Main(Prompt.NONE));
    }

    private static CommandLine commandLine(Main main) {
        return new CommandLine(main).setHelpFactory(WordWrappedHelp::new);
    }

    /**
     * The exit code a command's failure ends with: {@link #BAD_INPUT} for what the user must fix
     * (a cluster refusing access among them, wherever in a command it refuses), else {@link #FAILED}.
     */
    public static int exitCode(Throwable ex) {
        return isBadInput(ex) ? BAD_INPUT : FAILED;
    }

    private static boolean isBadInput(Throwable ex) {
        return ex instanceof LabUnavailableException || ex instanceof InvalidSpecException
                || ex instanceof ClusterAccessException
                || ex instanceof IllegalArgumentException;
    }

    static String oneLine(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        return m.replace('\n', ' ').strip();
    }

    /**
     * Version from the jar's manifest and the git commit the build read, so a bug report names
     * the exact build; "dev" when run from classes, "unknown commit" when built without git or a
     * checkout.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            String commit = commit();
            return new String[] {"kubens-bench " + (version == null ? "dev" : version) + " ("
                    + (commit.matches("[0-9a-f]{7,40}") ? "commit " + commit : "unknown commit") + ")"};
        }

        /** What the build wrote into {@code git-commit} beside this class: a hash, or nothing. */
        private static String commit() {
            try (InputStream in = Main.class.getResourceAsStream("git-commit")) {
                return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return "";
            }
        }
    }
}
