package io.kubensbench.reports.charts;

import io.kubensbench.analysis.compare.CostModel;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.reports.ReportData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * (c) Dose-response: systemd's CPU against the mounts in its view, one point per valid run,
 * per arm, with the arm's fitted cost model line where the analysis fitted one.
 */
public final class DoseResponseChart implements ReportChart {

    @Override
    public List<Figure> figures(ReportData data) {
        XYChart chart = ChartStyle.xy("systemd CPU against mounts in its view", "mounts seen by systemd", "% of a core");
        List<String> arms = data.arms();
        boolean any = false;
        for (int a = 0; a < arms.size(); a++) {
            String arm = arms.get(a);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (RunRecord r : data.runs()) {
                if (r.valid() && r.arm().equals(arm) && r.systemdMounts() >= 0) {
                    x.add((double) r.systemdMounts());
                    y.add(100 * r.systemdCores());
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            any = true;
            XYSeries points = chart.addSeries(arm + " runs", x, y);
            ChartStyle.markersOnly(points, ChartStyle.color(a));
            points.setLabel(arm + ": run");
            Optional<CostModel> model = data.summary().costModels().stream()
                    .filter(m -> m.arm().equals(arm) && CostModel.MOUNTS.equals(m.predictor())).findFirst();
            if (model.isPresent() && !Double.isNaN(model.get().fit().slope())) {
                double lo = x.stream().mapToDouble(Double::doubleValue).min().orElse(0);
                double hi = x.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                var fit = model.get().fit();
                XYSeries line = chart.addSeries(arm + " fit", new double[] {lo, hi},
                        new double[] {100 * (fit.intercept() + fit.slope() * lo), 100 * (fit.intercept() + fit.slope() * hi)});
                ChartStyle.line(line, ChartStyle.color(a), ChartStyle.DASHED);
                line.setLabel(String.format(java.util.Locale.ROOT, "%s: fit, %.2f%% of a core per %s", arm,
                        model.get().rate(), model.get().unit()));
            }
        }
        if (!any) {
            return List.of();
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMin(0.0);
        return List.of(new Figure("dose-response", null, chart.getTitle(),
                "One point per valid run; dashed: the cost model fitted by the analysis (where it could fit one).",
                chart));
    }
}
