package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line on stderr and exit code 2, never a stack trace. */
class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void anUnknownOptionIsOneLineAndExit2() {
        assertThat(run("lab", "verify", "--podz", "3")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--podz").startsWith("kubens-bench:");
    }

    @Test
    void anOutOfRangePodCountIsOneLineAndExit2() {
        assertThat(run("lab", "verify", "--pods", "0")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("kubens-bench: --pods must be between 1 and 5000 (got 0)");
    }

    @Test
    void aNonNumberIsOneLineAndExit2() {
        assertThat(run("lab", "shell", "--pods", "many")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("many");
    }

    private static final String CAMPAIGN = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: out-check
            target: {lab: {}}
            workload: {pods: 3}
            arms: [off, on]
            schedule: {warmup: 0s, measure: 2s, repetitions: 1}
            """;

    @Test
    void anUnwritableResultsDirectoryIsRefusedBeforeTheTargetStarts(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), CAMPAIGN);
        assertThat(run("run", file.toString(), "--out", "/proc/nope")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .isEqualTo("kubens-bench: /proc/nope: cannot create the results directory (no such file or directory)");
    }

    @Test
    void aDirectoryThatAlreadyHoldsACampaignIsRefusedBeforeTheTargetStarts(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), CAMPAIGN);
        Path results = Files.createDirectories(dir.resolve("results"));
        Files.writeString(results.resolve("campaign.yaml"), CAMPAIGN);
        assertThat(run("run", file.toString(), "--out", results.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("kubens-bench: " + results + " already holds a campaign: use"
                + " --resume " + results + " to finish it, or --out with a new directory");
    }

    @Test
    void aResumeOfADirectoryWithoutACampaignIsRefusedBeforeTheTargetStarts(@TempDir Path dir) {
        assertThat(run("run", "--resume", dir.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("not a kubens-bench results directory");
    }

    @Test
    void helpListsTheLabCommands() {
        assertThat(run("lab", "--help")).isZero();
        assertThat(out.toString()).contains("verify", "shell", "bench-mounts");
    }

    @Test
    void aMistypedCommandGetsPicocliSuggestionOnTheSameLine() {
        assertThat(run("anlyze", "r")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("kubens-bench: unknown command 'anlyze': did you mean 'analyze'?"
                + " (see 'kubens-bench --help')" + System.lineSeparator());
    }

    @Test
    void aMistypedOptionGetsPicocliSuggestionOnTheSameLine() {
        assertThat(run("compare", "--max-regresion", "5", "a", "b")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("kubens-bench: unknown option '--max-regresion': did you mean"
                + " '--max-regression'? (see 'kubens-bench compare --help')");
    }

    @Test
    void anUnknownOptionWithNothingAlikeSaysSoWithoutASuggestion() {
        assertThat(run("analyze", "--max-regresion", "5", "x")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("kubens-bench: unknown option '--max-regresion' (see 'kubens-bench analyze --help')");
    }

    @Test
    void helpCommandPrintsTheNamedCommandsHelp() {
        assertThat(run("help", "analyze")).isZero();
        assertThat(out.toString()).startsWith("Usage: kubens-bench analyze ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void helpOfAnUnknownCommandIsOneLineAndExit2() {
        assertThat(run("help", "anlyze")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").startsWith("kubens-bench: ").contains("anlyze");
    }

    @Test
    void versionNamesTheBuildAndItsCommit() {
        assertThat(run("--version")).isZero();
        // From classes there is no jar manifest to name the version; the commit is there when git was.
        assertThat(out.toString().strip()).matches("kubens-bench dev \\((commit [0-9a-f]{12}|unknown commit)\\)");
    }
}
