package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** {@code kubens-bench sample} against a spinning and a sleeping process. */
class SampleCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private double targetPercent() {
        Matcher m = Pattern.compile("target pid \\d+ \\(.*\\): ([0-9.]+)% of one core").matcher(err.toString());
        assertThat(m.find()).as(err.toString()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aSpinningProcessIsAboutOneCore() throws Exception {
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).as("needs Linux /proc").isTrue();
        Process spinner = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            assertThat(run("sample", "--pid", Long.toString(spinner.pid()), "--duration", "5s")).isZero();
        } finally {
            spinner.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        assertThat(targetPercent()).isBetween(85.0, 101.0);
        assertThat(err.toString()).contains("harness pid " + ProcessHandle.current().pid());
        List<String> rows = out.toString().lines().toList();
        assertThat(rows.get(0)).startsWith("seq,monotonic_ns,epoch_ms,role,pid,comm,sched_ns,stat_ticks");
        assertThat(rows).hasSize(1 + 6 * 2);
    }

    @Test
    void aSleepingProcessIsAboutZero() throws Exception {
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).as("needs Linux /proc").isTrue();
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            assertThat(run("sample", "--pid", Long.toString(sleeper.pid()), "--duration", "2s", "--interval", "500ms",
                    "--format", "jsonl")).isZero();
        } finally {
            sleeper.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        assertThat(targetPercent()).isLessThan(1.0);
        ObjectMapper json = new JsonMapper();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(5);
        JsonNode last = json.readTree(lines.get(4));
        JsonNode target = last.get("processes").get(0);
        assertThat(target.get("role").asString()).isEqualTo("target");
        assertThat(target.get("comm").asString()).isEqualTo("sleep");
        assertThat(target.get("mnt_ns").asString()).startsWith("mnt:[");
        assertThat(json.readTree(lines.get(0)).get("processes").get(0).get("mounts").asLong())
                .as("the first sample counts mounts").isPositive();
        assertThat(target.get("cores_sched").asDouble()).isLessThan(0.01);
    }

    @Test
    void samplesCanGoToAFile(@TempDir Path dir) throws Exception {
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).as("needs Linux /proc").isTrue();
        Path file = dir.resolve("s.csv");
        assertThat(run("sample", "--pid", Long.toString(ProcessHandle.current().pid()), "--duration", "100ms",
                "--interval", "50ms", "--out", file.toString())).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(Files.readAllLines(file)).hasSize(1 + 3 * 2);
    }

    @Test
    void badInputIsOneLineAndExit2() {
        assertThat(run("sample", "--pid", "999999999", "--duration", "1s")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("kubens-bench: there is no process 999999999");
        err.getBuffer().setLength(0);
        assertThat(run("sample", "--duration", "5")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("has no unit");
        err.getBuffer().setLength(0);
        assertThat(run("sample", "--format", "xml")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("kubens-bench: --format must be one of [csv, jsonl] (got 'xml')");
        err.getBuffer().setLength(0);
        assertThat(run("sample", "--pid", "1", "--systemd")).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("mutually exclusive");
    }
}
