package io.kubensbench.reports.charts;

import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.reports.ReportData;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** (d) The reduction per level with its bootstrap 95% interval as an error bar. */
public final class ReductionChart implements ReportChart {

    @Override
    public List<Figure> figures(ReportData data) {
        List<CellResult> cells = data.summary().cells();
        if (cells.stream().allMatch(c -> Double.isNaN(c.reduction()))) {
            return List.of();
        }
        XYChart chart = ChartStyle.xy("Reduction of systemd CPU by encapsulation", "level", "reduction, %");
        XYSeries zero = chart.addSeries("zero", new double[] {-0.5, cells.size() - 0.5}, new double[] {0, 0});
        ChartStyle.line(zero, ChartStyle.NEUTRAL, ChartStyle.DOTTED);
        zero.setShowInLegend(false);
        java.util.List<Double> x = new java.util.ArrayList<>();
        java.util.List<Double> y = new java.util.ArrayList<>();
        boolean legend = true;
        for (int l = 0; l < cells.size(); l++) {
            CellResult c = cells.get(l);
            if (Double.isNaN(c.reduction())) {
                continue;
            }
            x.add((double) l);
            y.add(100 * c.reduction());
            if (c.reductionCi().defined()) {
                XYSeries ci = chart.addSeries("ci " + l, new double[] {l, l},
                        new double[] {100 * c.reductionCiLow(), 100 * c.reductionCiHigh()});
                ChartStyle.line(ci, ChartStyle.CANDIDATE, new java.awt.BasicStroke(2f));
                ci.setLabel("95% bootstrap interval");
                ci.setShowInLegend(legend);
                legend = false;
            }
        }
        XYSeries points = chart.addSeries("reduction", x, y);
        ChartStyle.markersOnly(points, ChartStyle.CANDIDATE);
        points.setLabel("reduction = 1 - mean(" + data.summary().candidateArm() + ") / mean("
                + data.summary().baselineArm() + ")");
        chart.getStyler().setXAxisMin(-0.5);
        chart.getStyler().setXAxisMax(cells.size() - 0.5);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(ChartStyle.categories(data.levels()));
        return List.of(new Figure("reduction", null, chart.getTitle(),
                "Reduction of systemd's mean CPU per level with its 95% percentile bootstrap interval; above 0: encapsulation saves.",
                chart));
    }
}
