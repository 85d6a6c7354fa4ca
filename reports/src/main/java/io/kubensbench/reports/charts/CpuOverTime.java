package io.kubensbench.reports.charts;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import io.kubensbench.reports.ReportData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * A process's CPU over time, one line per run (and node), per level: the warm-up dashed, the
 * measure window solid, colour by arm. Shared by the systemd and the harness charts.
 */
abstract class CpuOverTime implements ReportChart {

    abstract String idPrefix();

    abstract String who();

    abstract String caption();

    abstract ToLongFunction<SampleRecord> counter();

    @Override
    public List<Figure> figures(ReportData data) {
        List<Figure> out = new ArrayList<>();
        boolean severalNodes = data.severalNodes();
        for (String level : data.levels()) {
            XYChart chart = ChartStyle.xy(who() + " CPU over time, " + level, "seconds since warm-up start",
                    "% of a core");
            boolean any = false;
            List<String> arms = data.arms();
            for (int a = 0; a < arms.size(); a++) {
                boolean legendMeasure = true;
                boolean legendWarmup = true;
                for (RunRecord run : data.runs(level, arms.get(a))) {
                    ChartStyle.Series s = ChartStyle.rate(data.samples(run), counter());
                    String name = ChartStyle.runName(run, severalNodes) + " (" + run.arm() + ")";
                    if (!s.warmup.isEmpty()) {
                        XYSeries w = chart.addSeries(name + " warm-up", s.warmup.x, s.warmup.y);
                        ChartStyle.line(w, ChartStyle.color(a), ChartStyle.DASHED);
                        w.setLabel(arms.get(a) + ": warm-up");
                        w.setShowInLegend(legendWarmup);
                        legendWarmup = false;
                        any = true;
                    }
                    if (!s.measure.isEmpty()) {
                        XYSeries m = chart.addSeries(name, s.measure.x, s.measure.y);
                        ChartStyle.line(m, ChartStyle.color(a), ChartStyle.SOLID);
                        m.setLabel(arms.get(a) + ": measured" + (run.valid() ? "" : " (invalid run)"));
                        m.setShowInLegend(legendMeasure);
                        legendMeasure = false;
                        any = true;
                    }
                }
            }
            if (any) {
                chart.getStyler().setYAxisMin(0.0);
                out.add(new Figure(idPrefix() + "-" + ChartStyle.slug(level), level, chart.getTitle(),
                        caption() + (severalNodes ? " With several nodes, a line per run and node." : ""), chart));
            }
        }
        return out;
    }
}
