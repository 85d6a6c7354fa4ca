package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

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

    @Test
    void helpListsTheLabCommands() {
        assertThat(run("lab", "--help")).isZero();
        assertThat(out.toString()).contains("verify", "shell", "bench-mounts");
    }
}
