package io.kubensbench.reports.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.BlockedResult;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.Comparison;
import io.kubensbench.analysis.compare.NodeResult;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.text.Wording;
import io.kubensbench.reports.ReportData;
import io.kubensbench.reports.SyntheticResults;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exports of a campaign over several nodes show the figures its verdicts rest on. */
class MultiNodeExportsTest {

    static final List<String> NODES = List.of("node-a", "<script>alert(3)</script>", "node-c");

    @TempDir
    Path tmp;

    private Summary summary;
    private ReportData data;

    @BeforeEach
    void results() throws Exception {
        Path dir = tmp.resolve("multi");
        summary = SyntheticResults.write(dir, "multi", NODES, 3, new int[] {50, 200});
        data = ReportData.load(dir, summary);
        assertThat(summary.multiNode()).isTrue();
        assertThat(summary.cells()).allSatisfy(c -> assertThat(c.blocked()).isNotNull());
    }

    @Test
    void nodesCsvHasARowPerNodeAndLevelWithThatNodesOwnFigures() {
        NodesCsvExport export = new NodesCsvExport();
        assertThat(export.appliesTo(data)).isTrue();
        List<String> lines = Arrays.asList(export.render(data).split("\r\n"));

        assertThat(lines.get(0)).isEqualTo("node,level,pods,baseline_arm,baseline_n,baseline_mean_cores,candidate_arm,"
                + "candidate_n,candidate_mean_cores,difference,reduction,verdict");
        assertThat(lines).hasSize(1 + 3 * 2);
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.substring(0, l.indexOf(",pods=") + 1))
                .containsExactly("node-a,", "node-a,", "<script>alert(3)</script>,", "<script>alert(3)</script>,",
                        "node-c,", "node-c,");
        NodeResult c = summary.nodes().get(2);
        CellResult cell = c.cell("pods=200").orElseThrow();
        assertThat(lines.get(6)).isEqualTo(String.join(",", "node-c", "pods=200", "200", "off",
                Integer.toString(cell.baseline().n()), Csv.num(cell.baseline().cores().mean()), "on",
                Integer.toString(cell.candidate().n()), Csv.num(cell.candidate().cores().mean()),
                Csv.num(cell.difference()), Csv.num(cell.reduction()), cell.verdict().label()));
    }

    @Test
    void nodesCsvIsOnlyForSeveralNodes() throws Exception {
        Path dir = tmp.resolve("one");
        Summary one = SyntheticResults.write(dir, "one", "vm", 3, new int[] {50});
        assertThat(new NodesCsvExport().appliesTo(ReportData.load(dir, one))).isFalse();
    }

    @Test
    void cellsCsvCarriesTheBlockedFigures() {
        List<String> lines = Arrays.asList(new CellsCsvExport().render(data).split("\r\n"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        List<String> row = Arrays.asList(lines.get(2).split(",", -1));
        BlockedResult b = summary.cell("pods=200").orElseThrow().blocked();

        assertThat(row.get(header.indexOf("blocked_nodes"))).isEqualTo("3");
        assertThat(row.get(header.indexOf("blocked_difference"))).isEqualTo(Csv.num(b.difference()));
        assertThat(row.get(header.indexOf("blocked_difference_ci_low"))).isEqualTo(Csv.num(b.differenceCi().low()));
        assertThat(row.get(header.indexOf("blocked_difference_ci_high"))).isEqualTo(Csv.num(b.differenceCi().high()));
        assertThat(row.get(header.indexOf("blocked_paired_t_p"))).isEqualTo(Csv.num(b.pairedT().p()));
        assertThat(row.get(header.indexOf("blocked_reduction"))).isEqualTo(Csv.num(b.reduction()));
        assertThat(row.get(header.indexOf("blocked_reduction_ci_low"))).isEqualTo(Csv.num(b.reductionCiLow()));
        assertThat(row.get(header.indexOf("blocked_reduction_ci_high"))).isEqualTo(Csv.num(b.reductionCiHigh()));
    }

    @Test
    void summaryMarkdownGivesTheBlockedFiguresBesideEachVerdict() {
        String md = new SummaryMarkdownExport().render(data);
        CellResult cell = summary.cell("pods=200").orElseThrow();
        BlockedResult b = cell.blocked();

        assertThat(md).contains("- At pods=200, encapsulation reduced systemd's CPU by " + Wording.reduction(b)
                        + ", with 3 nodes as blocks: mean per-node difference ")
                .contains("| pods=200 | 3 | " + cell.baseline().n() + " | " + cell.candidate().n() + " | "
                        + Wording.reduction(b) + " | ")
                .contains(" per node | " + Wording.test(cell) + " | reduced (nodes as blocks) |")
                .contains("| &lt;script&gt;alert(3)&lt;/script&gt; | pods=200 |")
                .doesNotContain("<script>", "Welch p", Wording.reduction(cell));
    }

    @Test
    void compareMarkdownShowsWhatTheGateJudged() {
        Comparison comparison = Comparison.of(summary, summary, 10);
        String md = new MarkdownExport().render(comparison, summary, summary);
        CellResult cell = summary.cell("pods=50").orElseThrow();
        BlockedResult b = cell.blocked();
        String reduction = String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f], 3 nodes", 100 * b.reduction(),
                100 * b.reductionCiLow(), 100 * b.reductionCiHigh());

        String change = Comparison.pointsBracketed(comparison.reductionChange("pods=50").orElseThrow());
        assertThat(change).startsWith("+0.0 points");
        assertThat(md).contains("| level | baseline reduction | current reduction | change [90% CI] | baseline"
                        + " difference on - off | current difference on - off | current p | verdict |")
                .contains("| pods=50 | " + reduction + " | " + reduction + " | " + change + " | ")
                .contains("| " + Wording.test(cell) + " | reduced (nodes as blocks) |")
                .contains("| pods=50 | per-node difference | pass |")
                .doesNotContain(String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", 100 * cell.reduction(),
                        100 * cell.reductionCiLow(), 100 * cell.reductionCiHigh()));
        String xml = new JunitXmlExport().render(comparison, summary, summary);
        assertThat(xml).contains("name=\"per-node difference\"").contains("3 nodes as blocks");
    }
}
