package io.kubensbench.reports.charts;

import io.kubensbench.analysis.compare.BlockedResult;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.reports.ReportData;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * (d) The reduction per level with its 95% interval (Fieller's): the interval's bounds as
 * triangles pointing at the estimate (the interval is asymmetric, so no symmetric error bar).
 * A level without finite bounds (unbounded, exact by counting, an arm without spread) shows
 * the estimate alone. A level measured on several nodes shows the reduction its verdict rests
 * on: pooled over the nodes as blocks, with Fieller's interval over the nodes' arm means.
 */
public final class ReductionChart implements ReportChart {

    @Override
    public List<Figure> figures(ReportData data) {
        List<CellResult> cells = data.summary().cells();
        if (cells.stream().allMatch(c -> Double.isNaN(reduction(c)))) {
            return List.of();
        }
        CategoryChart chart = ChartStyle.category("Reduction of systemd CPU by encapsulation", "level", "reduction, %");
        List<Double> est = new ArrayList<>();
        List<Double> low = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        for (CellResult c : cells) {
            BlockedResult b = c.blocked();
            est.add(pct(reduction(c)));
            low.add(pct(b == null ? c.reductionCiLow() : b.reductionCiLow()));
            high.add(pct(b == null ? c.reductionCiHigh() : b.reductionCiHigh()));
        }
        boolean blocked = cells.stream().anyMatch(c -> c.blocked() != null);
        String baseline = data.summary().baselineArm();
        String candidate = data.summary().candidateArm();
        List<String> levels = data.levels();
        CategorySeries hi = chart.addSeries("ci high", levels, high);
        hi.setMarker(SeriesMarkers.TRIANGLE_DOWN);
        hi.setMarkerColor(ChartStyle.NEUTRAL);
        hi.setLabel("95% interval, upper bound");
        CategorySeries r = chart.addSeries("reduction", levels, est);
        r.setMarker(SeriesMarkers.CIRCLE);
        r.setMarkerColor(ChartStyle.CANDIDATE);
        r.setLabel("reduction = 1 - mean(" + candidate + ") / mean(" + baseline + ")");
        CategorySeries lo = chart.addSeries("ci low", levels, low);
        lo.setMarker(SeriesMarkers.TRIANGLE_UP);
        lo.setMarkerColor(ChartStyle.NEUTRAL);
        lo.setLabel("95% interval, lower bound");
        chart.getStyler().setMarkerSize(9);
        double top = high.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(100);
        double bottom = low.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).min().orElse(0);
        chart.getStyler().setYAxisMax(Math.max(100.0, top) + 10);
        chart.getStyler().setYAxisMin(Math.min(0.0, bottom) - 10);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Vertical);
        return List.of(new Figure("reduction", null, chart.getTitle(),
                "Reduction of systemd's mean CPU per level with the bounds of its 95% interval (Fieller's); "
                        + "above 0: encapsulation saves. A level without bounds has an unbounded interval, or none: "
                        + "an arm at 0 ns or the same counter value in every run." + (blocked ? " Levels measured on "
                        + "several nodes: the reduction pooled over the nodes as blocks, 1 - sum of per-node means ("
                        + candidate + ") / sum of per-node means (" + baseline + "), and its interval over the nodes' "
                        + "arm means." : ""), chart));
    }

    /** The reduction the level's verdict rests on. */
    private static double reduction(CellResult c) {
        return c.blocked() == null ? c.reduction() : c.blocked().reduction();
    }

    /** A bound to plot: none when it is undefined or infinite. */
    private static Double pct(double v) {
        return Double.isFinite(v) ? 100 * v : null;
    }
}
