package io.kubensbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.Comparison;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.ResultsManifest;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.analysis.results.Unreadable;
import io.kubensbench.reports.exports.MarkdownExport;
import io.kubensbench.reports.html.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report says what the results directory is and names what it could not read. */
class ResultsDirOutputTest {

    @TempDir
    Path tmp;

    private static Summary withUnreadable(Summary s, List<Unreadable> unreadable) {
        return new Summary(s.campaign(), s.sources(), s.baselineArm(), s.candidateArm(), s.runs(), s.valid(),
                s.invalidReasons(), s.cells(), s.nodes(), s.costModels(), unreadable);
    }

    private static String text(Path file) throws Exception {
        return Files.readString(file).replace("&#x3D;", "=").replace("&#39;", "'");
    }

    @Test
    void skippedLinesAreCountedAndNamedInTheReportSummaryAndComparison() throws Exception {
        Path dir = tmp.resolve("damaged");
        Summary clean = SyntheticResults.write(dir, "damaged", "vm", 3, new int[] {100});
        Summary summary = withUnreadable(clean, List.of(
                new Unreadable(dir.resolve("runs.jsonl").toString(), 3, "Unrecognized token 'garbage'"),
                new Unreadable(dir.resolve("samples.jsonl").toString(), 40, "Unexpected end-of-input")));
        new ReportWriter().write(dir, summary);

        String named = "2 unreadable lines skipped: " + dir.resolve("runs.jsonl") + " line 3: Unrecognized token"
                + " 'garbage'; " + dir.resolve("samples.jsonl") + " line 40: Unexpected end-of-input";
        assertThat(text(dir.resolve("report/index.html"))).contains("Damaged results: " + named + ".");
        assertThat(text(dir.resolve("summary.md"))).contains(named + ".");
        assertThat(new MarkdownExport().render(Comparison.of(clean, summary, 10), clean, summary))
                .contains("Current results damaged: " + named + ".").doesNotContain("Baseline results damaged");
    }

    @Test
    void manySkippedLinesAreCountedAndTheFirstTenNamed() {
        List<Unreadable> many = IntStream.rangeClosed(1, 25).mapToObj(i -> new Unreadable("s", i, "bad")).toList();
        assertThat(ResultsDirText.skippedCount(many)).isEqualTo("25 unreadable lines skipped");
        assertThat(ResultsDirText.skippedLines(many)).hasSize(11).first().isEqualTo("s line 1: bad");
        assertThat(ResultsDirText.skippedLines(many)).last().isEqualTo("and 15 more (all in summary.json)");
        assertThat(ResultsDirText.skipped(List.of())).isEmpty();
    }

    @Test
    void aVersionTwoDirectoryShowsItsTraitsAndLinksItsDescription() throws Exception {
        Path dir = tmp.resolve("v2");
        Summary summary = SyntheticResults.write(dir, "v2", "vm", 3, new int[] {100});
        TargetTraits traits = new TargetTraits("lab", TargetTraits.ArmSwitching.IN_PLACE, 2, 0.005, 120,
                TargetTraits.MountEvents.COUNTED, "the kubens-bench JVM", 60, "nothing");
        CampaignRecord campaign = new CampaignRecord("v2", "lab",
                List.of(new CampaignRecord.Arm("off", "off", "baseline"), new CampaignRecord.Arm("on", "on", "candidate")),
                List.of(new CampaignRecord.Level("pods=100", 100, 14, 0.0)), null, 1.0);
        ResultsDir.mapper().writeValue(dir.resolve(ResultsDir.MANIFEST).toFile(), ResultsManifest.of(campaign, traits));
        new ReportWriter().write(dir, summary);

        assertThat(text(dir.resolve("report/index.html")))
                .contains("<tr><th>results</th><td>schema version 2; lab: arms switched in place by the harness;"
                        + " mount events counted on the node; a run starts once systemd is below 0.5% of a core;"
                        + " harness CPU is the kubens-bench JVM</td></tr>")
                .contains("href=\"../results.json\"")
                .doesNotContain("Damaged results");
    }

    @Test
    void aVersionOneDirectorySaysItsTraitsAreUnknown() throws Exception {
        Path dir = tmp.resolve("v1");
        Summary summary = SyntheticResults.write(dir, "v1", "vm", 3, new int[] {100});
        new ReportWriter().write(dir, summary);
        assertThat(text(dir.resolve("report/index.html")))
                .contains("schema version 1 (no results.json): what the target could do is unknown")
                .doesNotContain("results.json\"");
    }
}
