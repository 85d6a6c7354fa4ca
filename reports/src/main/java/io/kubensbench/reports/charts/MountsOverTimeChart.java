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
 * (e) Mounts seen by systemd and by the kubelet over time, per level: the mechanism made
 * visible. With encapsulation the kubelet's count grows while systemd's stays flat.
 */
public final class MountsOverTimeChart implements ReportChart {

    @Override
    public List<Figure> figures(ReportData data) {
        List<Figure> out = new ArrayList<>();
        boolean severalNodes = data.severalNodes();
        for (String level : data.levels()) {
            XYChart chart = ChartStyle.xy("Mounts seen over time, " + level, "seconds since warm-up start", "mounts");
            boolean any = false;
            List<String> arms = data.arms();
            for (int a = 0; a < arms.size(); a++) {
                boolean legendSystemd = true;
                boolean legendKubelet = true;
                for (RunRecord run : data.runs(level, arms.get(a))) {
                    List<SampleRecord> samples = data.samples(run);
                    String name = ChartStyle.runName(run, severalNodes);
                    if (add(chart, name + " systemd", samples, SampleRecord::systemdMounts,
                            arms.get(a) + ": systemd", a, ChartStyle.SOLID, legendSystemd)) {
                        legendSystemd = false;
                        any = true;
                    }
                    if (add(chart, name + " kubelet", samples, SampleRecord::kubeletMounts,
                            arms.get(a) + ": kubelet", a, ChartStyle.DASHED, legendKubelet)) {
                        legendKubelet = false;
                        any = true;
                    }
                }
            }
            if (any) {
                chart.getStyler().setYAxisMin(0.0);
                out.add(new Figure("mounts-time-" + ChartStyle.slug(level), level, chart.getTitle(),
                        "Mounts in systemd's mount namespace (solid) and in the kubelet's (dashed), one line per run "
                                + "and process: encapsulation keeps the kubelet's mounts out of systemd's view."
                                + (severalNodes ? " With several nodes, a line per run, node and process." : ""),
                        chart));
            }
        }
        return out;
    }

    private static boolean add(XYChart chart, String name, List<SampleRecord> samples, ToLongFunction<SampleRecord> count,
                               String label, int arm, java.awt.BasicStroke stroke, boolean legend) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (SampleRecord s : samples) {
            long v = count.applyAsLong(s);
            if (v >= 0) {
                x.add(s.tNs() / 1e9);
                y.add((double) v);
            }
        }
        if (x.isEmpty()) {
            return false;
        }
        XYSeries series = chart.addSeries(name, x, y);
        ChartStyle.line(series, ChartStyle.color(arm), stroke);
        series.setLabel(label);
        series.setShowInLegend(legend);
        return true;
    }
}
