package io.kubensbench.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.text.Wording;
import io.kubensbench.reports.ReportData;
import io.kubensbench.reports.SyntheticResults;
import io.kubensbench.reports.charts.ChartRenderer;
import io.kubensbench.reports.charts.Figure;
import io.kubensbench.reports.charts.LoadModelChart;
import io.kubensbench.reports.charts.NodeCpuByLevelChart;
import io.kubensbench.reports.charts.RenderedChart;
import io.kubensbench.reports.charts.ReportChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    /** Node names come from the cluster: one that is markup must stay text. */
    private static final List<String> NODES = List.of("node-a", "<script>alert(3)</script>", "node-c");

    @TempDir
    Path tmp;

    @Test
    void writesSelfContainedReportWithVerdictNumbersAndVersion() throws Exception {
        Path dir = tmp.resolve("lab");
        Summary summary = SyntheticResults.write(dir, "lab-default", "vm", 4, new int[] {200});
        Path index = new ReportWriter().write(dir, summary);

        assertThat(index).isEqualTo(dir.resolve("report/index.html"));
        String html = Files.readString(index);
        String text = html.replace("&#x3D;", "=").replace("&#39;", "'");
        assertThat(html).doesNotContain("http://", "https://", "src=\"//", "href=\"//", "<script", "@import", "url(http");
        assertThat(text).contains("encapsulation reduced systemd's CPU by")
                .contains("n = " + summary.cells().get(0).baseline().n() + " off and "
                        + summary.cells().get(0).candidate().n() + " on runs")
                .contains("252 (252.38-1~deb12u1)")
                .contains("burst of 5 per 1 s")
                .contains("href=\"../runs.jsonl\"")
                .contains("<svg");
        assertThat(text).contains(String.format(Locale.ROOT, "%.1f%%", 100 * summary.cells().get(0).reduction()));
        assertThat(dir.resolve("summary.md")).content().contains("reduced systemd's CPU");
        assertThat(dir.resolve("runs.csv")).content().hasLineCount(1 + 8);
        assertThat(dir.resolve("cells.csv")).content().hasLineCount(1 + 1);
        try (var pngs = Files.list(dir.resolve("report"))) {
            assertThat(pngs.filter(p -> p.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void everyChartRendersNonEmptySvgAndPng() throws Exception {
        Path dir = tmp.resolve("dose");
        Summary summary = SyntheticResults.write(dir, "dose", "vm", 3, new int[] {25, 100, 250});
        ReportData data = ReportData.load(dir, summary);
        for (ReportChart chart : ReportChart.all()) {
            if (chart instanceof NodeCpuByLevelChart) {
                assertThat(chart.figures(data)).as("a chart of nodes for one node").isEmpty();
            } else if (chart instanceof LoadModelChart) {
                // drawn only where the levels let a form be chosen: LoadModelChartTest has one
                chart.figures(data).forEach(ReportWriterTest::renders);
            } else {
                rendersEveryFigure(chart, data);
            }
        }
    }

    @Test
    void everyChartRendersForSeveralNodes() throws Exception {
        Path dir = tmp.resolve("nodes");
        Summary summary = SyntheticResults.write(dir, "nodes", NODES, 3, new int[] {25, 100, 250});
        ReportData data = ReportData.load(dir, summary);
        for (ReportChart chart : ReportChart.all()) {
            if (chart instanceof LoadModelChart) {
                chart.figures(data).forEach(ReportWriterTest::renders);
            } else {
                rendersEveryFigure(chart, data);
            }
        }
    }

    private static void rendersEveryFigure(ReportChart chart, ReportData data) {
        var figures = chart.figures(data);
        assertThat(figures).as(chart.getClass().getSimpleName()).isNotEmpty();
        figures.forEach(ReportWriterTest::renders);
    }

    private static void renders(Figure f) {
        RenderedChart r = new ChartRenderer().render(f);
        assertThat(r.svg()).as(f.id()).startsWith("<svg").contains("viewBox").contains("<path")
                .doesNotContain("http://", "<?xml", "<!DOCTYPE");
        assertThat(r.png()).as(f.id()).hasSizeGreaterThan(1000);
        assertThat(r.png()[1]).isEqualTo((byte) 'P');
    }

    @Test
    void aReportOverSeveralNodesHasTheNodesAndTheBlockedLineEscaped() throws Exception {
        Path dir = tmp.resolve("multi");
        Summary summary = SyntheticResults.write(dir, "multi", NODES, 3, new int[] {50, 200});
        String html = Files.readString(new ReportWriter().write(dir, summary));
        String text = html.replace("&#x3D;", "=").replace("&#39;", "'");
        CellResult cell = summary.cell("pods=200").orElseThrow();

        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
                .doesNotContain("http://", "https://", "src=\"//", "href=\"//", "<script", "@import", "url(http",
                        "<img");
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script");
        assertThat(text).contains("<section id=\"nodes\">", "<h2>Nodes</h2>", "<figure id=\"fig-node-cpu-by-level\">",
                        "href=\"../nodes.csv\"", "<th>run</th><th>node</th><th>arm</th>")
                .contains("<td>&lt;script&gt;alert(3)&lt;/script&gt;</td><td>pods=200</td>")
                .contains("<tr class=\"blocked\"><td>pods=200, 3 nodes as blocks</td>")
                .contains("<td>" + Wording.reduction(cell.blocked()) + "</td>")
                .contains("<td>pods=200, runs pooled</td>")
                .contains("<td>for reference</td></tr>")
                .contains("encapsulation reduced systemd's CPU by " + Wording.reduction(cell.blocked())
                        + ", with 3 nodes as blocks");
        // the pooled reduction is in the pooled row only, never in the verdict
        String verdicts = text.substring(text.indexOf("<section id=\"verdict\">"), text.indexOf("<section id=\"setup\">"));
        assertThat(verdicts).doesNotContain(Wording.reduction(cell)).contains("paired t p ");
        // one row per node and level in the Nodes table, one per run record in the evidence
        assertThat(html.split("<td>pods&#x3D;50</td><td class=\"num\">", -1)).hasSize(1 + NODES.size());
        assertThat(dir.resolve("nodes.csv")).content().hasLineCount(1 + NODES.size() * 2);
        assertThat(dir.resolve("runs.csv")).content().hasLineCount(1 + summary.runs());
        assertThat(summary.runs()).isEqualTo(2 * 2 * 3 * NODES.size());
    }

    @Test
    void aSingleNodeReportHasNoNodes() throws Exception {
        Path dir = tmp.resolve("single");
        Summary summary = SyntheticResults.write(dir, "single", "vm", 3, new int[] {50});
        String html = Files.readString(new ReportWriter().write(dir, summary));
        assertThat(html).doesNotContain("id=\"nodes\"", "nodes.csv", "<th>node</th>", "class=\"blocked\"",
                "nodes as blocks");
        assertThat(dir.resolve("nodes.csv")).doesNotExist();
    }

    @Test
    void escapesCampaignAndNodeNamesFromTheData() throws Exception {
        Path dir = tmp.resolve("xss");
        String campaign = "<script>alert(1)</script>";
        String node = "\"><img src=x onerror=alert(2)>";
        Summary summary = SyntheticResults.write(dir, campaign, node, 3, new int[] {100});
        String html = Files.readString(new ReportWriter().write(dir, summary));

        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;")
                .doesNotContain("<script", "<img", "onerror=alert", " onerror=");
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("onerror=alert(2)>");
    }

    /** Its speed is measured by the ReportBenchmark in bench, not here. */
    @Test
    void aHundredRunReportHasEveryLevelAndIsWrittenAgainWithoutLeftovers() throws Exception {
        Path dir = tmp.resolve("hundred");
        // 5 levels x 10 repetitions x 2 arms = 100 runs
        Summary summary = SyntheticResults.write(dir, "hundred", "vm", 10, new int[] {25, 100, 250, 500, 1000});
        ReportWriter writer = new ReportWriter();
        writer.write(dir, summary);
        Path index = writer.write(dir, summary);
        assertThat(summary.runs()).isEqualTo(100);
        // The template engine escapes '=' too.
        String html = Files.readString(index).replace("&#x3D;", "=");
        for (String level : new String[] {"pods=25", "pods=100", "pods=250", "pods=500", "pods=1000"}) {
            assertThat(html).contains(level);
        }
    }
}
