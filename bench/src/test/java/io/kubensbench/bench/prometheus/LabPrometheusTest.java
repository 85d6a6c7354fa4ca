package io.kubensbench.bench.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.agreement.NodeAgreement;
import io.kubensbench.analysis.agreement.PrometheusAgreement;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.analysis.results.AgreementTolerance;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.cli.Main;
import io.kubensbench.bench.lab.LabAssumptions;
import io.kubensbench.bench.lab.LabTargets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus beside the probe on a real lab node: a real Prometheus scrapes, every second, the
 * lab's systemd's own cgroup counter as cAdvisor exports it ({@code id="/init.scope"}, labelled
 * with the lab's node name as OpenShift's monitoring labels the kubelet's), and a short campaign
 * with churn asks it per run with the default query. Each run's Prometheus figure must agree
 * with the harness's within the default tolerance. A Prometheus that cannot be reached costs
 * the campaign one line and nothing else.
 */
class LabPrometheusTest {

    private static final String CAMPAIGN = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: lab-prometheus
            target: {lab: {}}
            workload:
              pods: 100
              containersPerPod: 2
              volumesPerPod: {secret: 4, projected: 1, configMap: 2, emptyDirMemory: 2, downwardAPI: 1}
              churn: {podsPerSecond: 5}
            arms: [off, on]
            schedule: {warmup: 2s, measure: %s, repetitions: %d, order: interleaved, seed: 1}
            sampling: {interval: 1s}
            prometheus:
              url: %s
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void requireLabAndPrometheus() {
        LabAssumptions.assumeLab();
        RealPrometheus.assumeAvailable();
    }

    @Test
    void eachRunsPrometheusFigureAgreesWithTheHarnessWithinTheTolerance(@TempDir Path dir) throws Exception {
        InitScopeCounter counter = new InitScopeCounter();
        try (MetricsServer exporter = MetricsServer.start(counter::body);
             RealPrometheus prometheus = RealPrometheus.start(exporter.target(),
                     "{node: '" + LabTargets.nodeName() + "'}", null)) {
            Path file = dir.resolve("c.yaml");
            // 10 scrapes in a window: the default tolerance's premise. Prometheus starts scraping a few
            // seconds after it is ready; a window it has not scraped from the start it cannot see whole.
            Files.writeString(file, CAMPAIGN.formatted("10s", 2, prometheus.url()));
            prometheus.awaitScrapes(2, Duration.ofSeconds(30), null);
            Path results = dir.resolve("results");
            int code = Main.run(new String[] {"run", file.toString(), "--out", results.toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(code).as(err.toString()).isZero();
            List<RunRecord> runs = new ResultsDir(results).runs();
            assertThat(runs).hasSize(4).allMatch(RunRecord::valid);
            String figures = runs.stream().map(r -> String.format(Locale.ROOT,
                    "run %d %s: harness %.5f, Prometheus %s", r.index(), r.arm(), r.systemdCores(),
                    r.prometheusCores() == null ? r.prometheusMissing() : String.format(Locale.ROOT, "%.5f",
                            r.prometheusCores()))).collect(Collectors.joining("; "));
            for (RunRecord r : runs) {
                assertThat(r.prometheusMissing()).as(figures).isNull();
                assertThat(r.prometheusCores()).as(figures).isNotNull();
                assertThat(AgreementTolerance.DEFAULT.exceeded(r.systemdCores(), r.prometheusCores()))
                        .as(figures).isFalse();
            }
            // systemd was busy in the off runs: the agreement is not two zeros.
            assertThat(runs.stream().filter(r -> r.arm().equals("off")))
                    .allMatch(r -> r.systemdCores() > 0.02 && r.prometheusCores() > 0.02);
            assertThat(err.toString()).contains("kubens-bench: asking Prometheus at " + prometheus.url()
                    + " for systemd's CPU per run and node: ");
            assertThat(new ResultsDir(results).campaign().prometheus().tolerance()).isEqualTo(AgreementTolerance.DEFAULT);

            StringWriter analysis = new StringWriter();
            assertThat(Main.run(new String[] {"analyze", results.toString()}, new PrintWriter(analysis, true),
                    new PrintWriter(err, true))).isZero();
            assertThat(analysis.toString()).contains("Prometheus beside the probe: ",
                    "Prometheus agrees with the harness within 10% of the harness's figure or 0.50% of a core,"
                            + " whichever is larger, in every run compared (4 of 4 valid runs compared).");
            // The table for whoever runs the test: the README quotes it.
            System.out.println(analysis.toString().substring(analysis.toString().indexOf("Prometheus beside")));
            PrometheusAgreement agreement = SummaryJson.read(results.resolve(SummaryJson.FILE)).prometheus();
            assertThat(agreement.rows()).extracting(NodeAgreement::node, NodeAgreement::arm, NodeAgreement::compared)
                    .containsExactly(Tuple.tuple(LabTargets.nodeName(), "off", 2),
                            Tuple.tuple(LabTargets.nodeName(), "on", 2));
        }
    }

    @Test
    void anUnreachablePrometheusCostsTheCampaignOneLine(@TempDir Path dir) throws Exception {
        String url = "http://127.0.0.1:" + RealPrometheus.freePort();
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, CAMPAIGN.formatted("3s", 1, url));
        Path results = dir.resolve("results");
        int code = Main.run(new String[] {"run", file.toString(), "--out", results.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        List<RunRecord> runs = new ResultsDir(results).runs();
        assertThat(runs).hasSize(2).allMatch(RunRecord::valid);
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.prometheusCores()).isNull();
            assertThat(r.prometheusMissing()).isEqualTo("unreachable: connection refused");
        });
        assertThat(err.toString().lines().filter(line -> line.contains("Prometheus at " + url + ":"))).containsExactly(
                "kubens-bench: Prometheus at " + url + ": unreachable: connection refused; runs without an answer"
                        + " record no Prometheus figure, and after 3 in a row it is not asked again");
        StringWriter analysis = new StringWriter();
        assertThat(Main.run(new String[] {"analyze", results.toString()}, new PrintWriter(analysis, true),
                new PrintWriter(err, true))).isZero();
        assertThat(analysis.toString()).contains("Prometheus gave no figure for any of the 2 valid runs:"
                + " 2 \u00d7 unreachable: connection refused.");
        Summary summary = SummaryJson.read(results.resolve(SummaryJson.FILE));
        assertThat(summary.prometheus().compared()).isZero();
    }
}
