package io.kubensbench.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.reports.ReportData;
import io.kubensbench.reports.SyntheticResults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;

/** Charts of a campaign over several nodes: one run index is a record, and a line, per node. */
class MultiNodeChartsTest {

    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");

    @TempDir
    Path tmp;

    private ReportData data;

    @BeforeEach
    void results() throws Exception {
        Path dir = tmp.resolve("multi");
        Summary summary = SyntheticResults.write(dir, "multi", NODES, 3, new int[] {50, 200});
        data = ReportData.load(dir, summary);
    }

    @Test
    void aRunsSamplesAreItsOwnNodesOnly() {
        RunRecord run = data.runs().get(3);
        assertThat(data.runs().stream().filter(r -> r.index() == run.index())).hasSize(NODES.size());
        assertThat(data.samples(run)).hasSize(16).allSatisfy(s -> assertThat(s.attempt()).isEqualTo(run.attempt()));
    }

    @Test
    void cpuAndMountsOverTimeDrawALinePerRunAndNode() {
        List<RunRecord> level = data.runs().stream().filter(r -> r.level().equals("pods=50")).toList();
        assertThat(level).hasSize(2 * 3 * NODES.size());

        Figure cpu = new SystemdCpuOverTimeChart().figures(data).get(0);
        // per record a warm-up line and a measured line
        XYChart cpuChart = (XYChart) cpu.chart();
        assertThat(cpuChart.getSeriesCollection()).hasSize(2 * level.size());
        assertThat(cpuChart.getSeries("run 0 on node-b (off)")).isNotNull();
        assertThat(cpuChart.getSeries("run 0 on node-b (off) warm-up")).isNotNull();
        assertThat(cpu.caption()).endsWith("a line per run and node.");
        Figure mounts = new MountsOverTimeChart().figures(data).get(0);
        XYChart mountsChart = (XYChart) mounts.chart();
        assertThat(mountsChart.getSeriesCollection()).hasSize(2 * level.size());
        assertThat(mountsChart.getSeries("run 1 on node-c kubelet")).isNotNull();
        assertThat(new HarnessCpuOverTimeChart().figures(data)).hasSize(2);
    }

    @Test
    void nodeChartJoinsEachNodesArmsPerLevelAndGoesWithTheNodes() {
        List<Figure> figures = new NodeCpuByLevelChart().figures(data);
        assertThat(figures).hasSize(1);
        Figure f = figures.get(0);
        assertThat(f.section()).isEqualTo(Figure.Section.NODES);
        assertThat(f.level()).isNull();
        CategoryChart chart = (CategoryChart) f.chart();
        assertThat(chart.getSeriesCollection()).hasSize(NODES.size() * 2);
        assertThat(chart.getSeriesCollection()).filteredOn(CategorySeries::isShowInLegend)
                .extracting(CategorySeries::getLabel).containsExactly("node-a", "node-b", "node-c");
        // node-a at pods=50: its off and on means, nothing at pods=200 (a line of its own)
        var cell = data.summary().nodes().get(0).cell("pods=50").orElseThrow();
        double[] y = chart.getSeries("node 0 level 0").getYData();
        assertThat(y).hasSize(4);
        assertThat(y[0]).isCloseTo(100 * cell.baseline().cores().mean(), within(1e-9));
        assertThat(y[1]).isCloseTo(100 * cell.candidate().cores().mean(), within(1e-9));
        assertThat(y[2]).isNaN();
        assertThat(y[3]).isNaN();
    }
}
