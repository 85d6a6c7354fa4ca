package io.kubensbench.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.agreement.PrometheusAgreement;
import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.AgreementTolerance;
import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.reports.SyntheticResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A campaign compared with Prometheus: its section in the report and in summary.md, and each run's figure. */
class PrometheusReportTest {

    private static final CampaignRecord.Prometheus SETTINGS = new CampaignRecord.Prometheus(
            "sum(rate(container_cpu_usage_seconds_total{id=\"/init.scope\",node=\"{{node}}\"}[{{window}}]))",
            AgreementTolerance.DEFAULT);

    @Test
    void theReportShowsTheAgreementPerNodeAndArmAndFlagsADisagreement(@TempDir Path dir) throws Exception {
        SyntheticResults.write(dir, "with-prometheus", List.of("worker-a", "worker-b"), 3, new int[] {100});
        List<RunRecord> runs = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (RunRecord r : new ResultsDir(dir).runs()) {
            RunRecord.Builder b = r.toBuilder();
            if (r.node().equals("worker-b") && r.arm().equals("off") && r.repetition() == 2) {
                b.prometheusCores(r.systemdCores() * 1.5);
            } else if (r.node().equals("worker-a") && r.arm().equals("on") && r.repetition() == 1) {
                b.prometheusMissing("no series (rate() needs two scrapes in the window: is it two scrape intervals"
                        + " long?)");
            } else {
                b.prometheusCores(r.systemdCores() * 1.02);
            }
            RunRecord changed = b.build();
            runs.add(changed);
            lines.append(ResultsDir.mapper().writeValueAsString(changed)).append('\n');
        }
        Files.writeString(dir.resolve(ResultsDir.RUNS), lines);
        Summary summary = new Analyzer().analyze("with-prometheus",
                List.of(dir.toString()), runs, "off", "on")
                .withPrometheus(PrometheusAgreement.of(runs, "off", "on", SETTINGS));

        Path index = new ReportWriter().write(dir, summary);

        String html = Files.readString(index).replace("&#x3D;", "=").replace("&#39;", "'").replace("&quot;", "\"");
        assertThat(html).contains("<section id=\"prometheus\">", "<h2>Prometheus beside the probe</h2>",
                "whichever is larger", "<tr class=\"disagrees\"><td>worker-b</td><td>off</td>",
                "worker-a on: no figure in 1 of", "Prometheus disagrees with the harness by more than 10%",
                "<th>Prometheus</th>", "none: no series");
        String md = Files.readString(dir.resolve("summary.md"));
        assertThat(md).contains("## Prometheus beside the probe", "| worker-b | off | ", "**DISAGREES**",
                "| worker-a | off | ", "| agrees |");
    }

    @Test
    void aCampaignWithoutPrometheusHasNoSectionAndNoColumn(@TempDir Path dir) throws Exception {
        Summary summary = SyntheticResults.write(dir, "plain", "vm", 3, new int[] {100});
        String html = Files.readString(new ReportWriter().write(dir, summary));
        assertThat(html).doesNotContain("id=\"prometheus\"", "<th>Prometheus</th>");
        assertThat(Files.readString(dir.resolve("summary.md"))).doesNotContain("Prometheus");
    }
}
