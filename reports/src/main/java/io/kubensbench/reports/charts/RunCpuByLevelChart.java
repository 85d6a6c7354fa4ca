package io.kubensbench.reports.charts;

import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.ArmStats;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.reports.ReportData;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * (b) systemd's CPU of every run by level and arm: one point per run (the unit of
 * analysis), the arm's mean from the summary as a short bar, invalid runs as grey crosses.
 */
public final class RunCpuByLevelChart implements ReportChart {

    private static final double OFFSET = 0.18;

    @Override
    public List<Figure> figures(ReportData data) {
        List<String> levels = data.levels();
        if (levels.isEmpty()) {
            return List.of();
        }
        XYChart chart = ChartStyle.xy("systemd CPU per run, by level and arm", "level", "% of a core");
        List<String> arms = data.arms();
        List<Double> badX = new ArrayList<>();
        List<Double> badY = new ArrayList<>();
        for (int a = 0; a < arms.size(); a++) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            double side = a == 0 ? -OFFSET : OFFSET;
            for (int l = 0; l < levels.size(); l++) {
                List<RunRecord> runs = data.runs(levels.get(l), arms.get(a));
                for (int i = 0; i < runs.size(); i++) {
                    double jitter = runs.size() < 2 ? 0 : (i / (double) (runs.size() - 1) - 0.5) * 0.12;
                    RunRecord r = runs.get(i);
                    (r.valid() ? x : badX).add(l + side + jitter);
                    (r.valid() ? y : badY).add(100 * r.systemdCores());
                }
                CellResult cell = data.summary().cells().get(l);
                ArmStats stats = a == 0 ? cell.baseline() : cell.candidate();
                if (stats.n() > 0 && !Double.isNaN(stats.cores().mean())) {
                    double m = 100 * stats.cores().mean();
                    XYSeries mean = chart.addSeries(arms.get(a) + " mean " + l, new double[] {l + side - 0.12,
                            l + side + 0.12}, new double[] {m, m});
                    ChartStyle.line(mean, ChartStyle.color(a), new java.awt.BasicStroke(3f));
                    mean.setLabel(arms.get(a) + ": mean");
                    mean.setShowInLegend(l == 0);
                }
            }
            if (!x.isEmpty()) {
                XYSeries points = chart.addSeries(arms.get(a) + " runs", x, y);
                ChartStyle.markersOnly(points, ChartStyle.color(a));
                points.setLabel(arms.get(a) + ": valid run");
            }
        }
        if (!badX.isEmpty()) {
            XYSeries bad = chart.addSeries("invalid", badX, badY);
            ChartStyle.markersOnly(bad, ChartStyle.NEUTRAL);
            bad.setMarker(SeriesMarkers.CROSS);
            bad.setLabel("invalid run (excluded)");
        }
        chart.getStyler().setXAxisMin(-0.5);
        chart.getStyler().setXAxisMax(levels.size() - 0.5);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(ChartStyle.categories(levels));
        return List.of(new Figure("run-cpu-by-level", null, chart.getTitle(),
                "systemd's CPU over each run's measure window, one point per run; bars: the arm's mean over its valid runs.",
                chart));
    }
}
