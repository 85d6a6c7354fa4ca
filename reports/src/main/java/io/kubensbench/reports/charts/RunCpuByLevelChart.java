package io.kubensbench.reports.charts;

import io.kubensbench.analysis.compare.ArmStats;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.reports.ReportData;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * (b) systemd's CPU of every valid run by level and arm: one point per run (the unit of
 * analysis), the arm's mean from the summary as a diamond.
 */
public final class RunCpuByLevelChart implements ReportChart {

    @Override
    public List<Figure> figures(ReportData data) {
        List<String> levels = data.levels();
        if (levels.isEmpty()) {
            return List.of();
        }
        CategoryChart chart = ChartStyle.category("systemd CPU per run, by level and arm", "level", "% of a core");
        List<String> arms = data.arms();
        for (int a = 0; a < arms.size(); a++) {
            String arm = arms.get(a);
            int most = 0;
            List<List<RunRecord>> perLevel = new ArrayList<>();
            for (String level : levels) {
                List<RunRecord> valid = data.runs(level, arm).stream().filter(RunRecord::valid).toList();
                perLevel.add(valid);
                most = Math.max(most, valid.size());
            }
            // one series per k-th run of each level: a category series needs a value (or null) per level
            for (int k = 0; k < most; k++) {
                List<Double> y = new ArrayList<>();
                for (List<RunRecord> runs : perLevel) {
                    y.add(k < runs.size() ? 100 * runs.get(k).systemdCores() : null);
                }
                CategorySeries s = chart.addSeries(arm + " run " + k, levels, y);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(ChartStyle.color(a));
                s.setLabel(arm + ": run");
                s.setShowInLegend(k == 0);
            }
            List<Double> means = new ArrayList<>();
            for (CellResult cell : data.summary().cells()) {
                ArmStats stats = a == 0 ? cell.baseline() : cell.candidate();
                means.add(stats.n() == 0 || Double.isNaN(stats.cores().mean()) ? null : 100 * stats.cores().mean());
            }
            CategorySeries mean = chart.addSeries(arm + " mean", levels, means);
            mean.setMarker(SeriesMarkers.DIAMOND);
            mean.setMarkerColor(ChartStyle.color(a).darker());
            mean.setLabel(arm + ": mean");
        }
        chart.getStyler().setYAxisMin(0.0);
        return List.of(new Figure("run-cpu-by-level", null, chart.getTitle(),
                "systemd's CPU over each valid run's measure window, one dot per run; diamonds: the arm's mean.",
                chart));
    }
}
