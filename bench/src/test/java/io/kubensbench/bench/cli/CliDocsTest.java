package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script and man pages the build installs beside the jar cover every command. */
class CliDocsTest {

    private static final List<List<String>> COMMANDS = HelpTextTest.commands();

    @Test
    void theCompletionScriptNamesEverySubcommand(@TempDir Path target) throws Exception {
        CliDocs.write(target);
        String script = Files.readString(target.resolve("completion/kubens-bench_completion"));
        for (List<String> command : COMMANDS) {
            if (!command.isEmpty()) {
                assertThat(script).as(String.join(" ", command)).containsPattern("\\b" + command.get(command.size() - 1)
                        + "\\b");
            }
        }
        assertThat(script).contains("complete -F _complete_kubens-bench");
    }

    @Test
    void theCompletionCommandPrintsTheSameScript(@TempDir Path target) throws Exception {
        CliDocs.write(target);
        Cli cli = new Cli();
        assertThat(cli.run("completion")).isZero();
        assertThat(cli.out()).isEqualTo(Files.readString(target.resolve("completion/kubens-bench_completion")));
    }

    @Test
    void bashLoadsTheScriptAndCompletesSubcommands(@TempDir Path target) throws Exception {
        CliDocs.write(target);
        Path script = target.resolve("completion/kubens-bench_completion");
        Process bash = new ProcessBuilder("bash", "-c", "source \"$0\"; COMP_WORDS=(kubens-bench ana); COMP_CWORD=1;"
                + " COMP_LINE='kubens-bench ana'; COMP_POINT=${#COMP_LINE}; _complete_kubens-bench;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"", script.toString()).redirectErrorStream(true).start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .isEqualTo("analyze");
    }

    @Test
    void thereIsAManPagePerCommand(@TempDir Path target) throws Exception {
        CliDocs.write(target);
        for (List<String> command : COMMANDS) {
            String name = Stream.concat(Stream.of("kubens-bench"), command.stream()).collect(Collectors.joining("-"));
            Path page = target.resolve("man-adoc/" + name + ".adoc");
            assertThat(page).as(name).exists();
            assertThat(Files.readString(page)).contains(":doctype: manpage", "== Synopsis");
        }
    }

    @Test
    void manPagesShowExitCodesAsHelpDoes(@TempDir Path target) throws Exception {
        CliDocs.write(target);
        String compare = Files.readString(target.resolve("man-adoc/kubens-bench-compare.adoc"));
        assertThat(compare).contains("*10*::", "rise past P% of the baseline's off arm").doesNotContain("%%");
    }
}
