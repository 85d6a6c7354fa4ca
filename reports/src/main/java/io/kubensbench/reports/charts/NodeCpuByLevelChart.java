package io.kubensbench.reports.charts;

import io.kubensbench.analysis.compare.ArmStats;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.NodeResult;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.reports.ReportData;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * (g) For a campaign over several nodes, each node's mean systemd CPU with encapsulation off
 * and on, per level, as a slope from one arm to the other: the blocked comparison rests on
 * these per-node means, so a node that saves less than the others, or runs hotter in both
 * arms, is visible at a glance where the pooled figures would only average it in.
 */
public final class NodeCpuByLevelChart implements ReportChart {

    /** Beyond this many nodes a legend is a wall of names; the Nodes table names them instead. */
    static final int MAX_LEGEND_NODES = 12;

    /** Colours that stay apart for colour-blind readers, on white. */
    private static final List<Color> PALETTE = List.of(new Color(0xE69F00), new Color(0x0072B2),
            new Color(0x009E73), new Color(0xD55E00), new Color(0x56B4E9), new Color(0xCC79A7), new Color(0x555555));
    private static final List<Marker> MARKERS = List.of(SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND,
            SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN);

    @Override
    public List<Figure> figures(ReportData data) {
        Summary s = data.summary();
        List<String> levels = data.levels();
        if (!s.multiNode() || levels.isEmpty()) {
            return List.of();
        }
        List<String> categories = new ArrayList<>();
        for (String level : levels) {
            categories.add(level + ": " + s.baselineArm());
            categories.add(level + ": " + s.candidateArm());
        }
        CategoryChart chart = ChartStyle.category("systemd CPU per node, by level and arm", "level and arm",
                "% of a core");
        boolean any = false;
        for (int n = 0; n < s.nodes().size(); n++) {
            NodeResult node = s.nodes().get(n);
            Color color = PALETTE.get(n % PALETTE.size());
            Marker marker = MARKERS.get(n / PALETTE.size() % MARKERS.size());
            boolean legend = true;
            for (int l = 0; l < levels.size(); l++) {
                Optional<CellResult> cell = node.cell(levels.get(l));
                if (cell.isEmpty()) {
                    continue;
                }
                Double[] y = new Double[categories.size()];
                y[2 * l] = mean(cell.get().baseline());
                y[2 * l + 1] = mean(cell.get().candidate());
                if (y[2 * l] == null && y[2 * l + 1] == null) {
                    continue;
                }
                // a series per node and level: the nulls elsewhere keep one level's slope from joining the next's
                CategorySeries series = chart.addSeries("node " + n + " level " + l, categories, Arrays.asList(y));
                series.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
                series.setLineColor(color);
                series.setLineStyle(ChartStyle.SOLID);
                series.setMarker(marker);
                series.setMarkerColor(color);
                series.setLabel(Objects.toString(node.node(), "(no node)"));
                series.setShowInLegend(legend);
                legend = false;
                any = true;
            }
        }
        if (!any) {
            return List.of();
        }
        boolean legend = s.nodes().size() <= MAX_LEGEND_NODES;
        chart.getStyler().setLegendVisible(legend);
        chart.getStyler().setYAxisMin(0.0);
        if (levels.size() > 2) {
            chart.getStyler().setXAxisLabelRotation(30);
        }
        return List.of(new Figure("node-cpu-by-level", null, chart.getTitle(),
                "Each node's mean systemd CPU over its valid runs, " + s.baselineArm() + " and " + s.candidateArm()
                        + ", joined per level: the per-node means the comparison with nodes as blocks rests on."
                        + (legend ? "" : " With more than " + MAX_LEGEND_NODES
                        + " nodes the legend is left out; the table above has every node's figures."),
                chart, Figure.Section.NODES));
    }

    private static Double mean(ArmStats arm) {
        return arm.n() == 0 || Double.isNaN(arm.cores().mean()) ? null : 100 * arm.cores().mean();
    }
}
