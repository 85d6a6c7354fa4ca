package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad Prometheus options and settings are one line and exit 2, before any node is touched. */
class PrometheusOptionsTest {

    private static final String LAB = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: prom-options
            target: {lab: {}}
            workload: {pods: 10}
            arms: [off, on]
            schedule: {warmup: 1s, measure: 2s, repetitions: 3}
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Path dir, String campaign, String... options) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, campaign);
        String[] args = new String[options.length + 4];
        args[0] = "run";
        args[1] = file.toString();
        args[2] = "--out";
        args[3] = dir.resolve("results").toString();
        System.arraycopy(options, 0, args, 4, options.length);
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String errorLine() {
        return err.toString().lines().filter(l -> !l.startsWith("kubens-bench: campaign")).reduce((a, b) -> b)
                .orElse("");
    }

    @Test
    void aUrlThatIsNotHttpIsRefused(@TempDir Path dir) throws Exception {
        assertThat(run(dir, LAB, "--prometheus", "localhost:9090")).isEqualTo(Main.BAD_INPUT);
        assertThat(errorLine()).isEqualTo("kubens-bench: --prometheus: must be an http or https URL with a host, such as"
                + " http://127.0.0.1:9090 (got \"localhost:9090\")");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void noPrometheusDoesNotGoWithAUrl(@TempDir Path dir) throws Exception {
        assertThat(run(dir, LAB, "--no-prometheus", "--prometheus", "http://127.0.0.1:9090"))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(errorLine()).isEqualTo("kubens-bench: --no-prometheus does not go with --prometheus or"
                + " --prometheus-ca");
    }

    @Test
    void aLabCampaignNeedsAUrlToAskAPrometheus(@TempDir Path dir) throws Exception {
        assertThat(run(dir, LAB + "prometheus: {tolerance: {relative: 0.2}}\n")).isEqualTo(Main.BAD_INPUT);
        assertThat(errorLine()).isEqualTo("kubens-bench: prometheus: a lab node has no monitoring stack to find;"
                + " give prometheus.url or --prometheus URL");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void aCaFileThatIsNotThereIsRefused(@TempDir Path dir) throws Exception {
        assertThat(run(dir, LAB, "--prometheus", "https://127.0.0.1:9090", "--prometheus-ca",
                dir.resolve("missing.crt").toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(errorLine()).isEqualTo("kubens-bench: the Prometheus CA file " + dir.resolve("missing.crt")
                + ": no such file");
    }
}
