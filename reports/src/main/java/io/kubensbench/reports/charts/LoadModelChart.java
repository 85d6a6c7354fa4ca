package io.kubensbench.reports.charts;

import io.kubensbench.analysis.model.LevelPoint;
import io.kubensbench.analysis.model.Load;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.Prediction;
import io.kubensbench.reports.LoadModelTables;
import io.kubensbench.reports.ReportData;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * The load model against the levels it was fitted on, one figure per encapsulation state with
 * a fitted form: each level's mean CPU against its mounts, the levels grouped by their mount
 * events a second ({@link EventRateGroup}), and per group the model at the group's events/s
 * across the calibrated mounts with its 95% prediction band, so a reader sees where the form
 * follows the measurements and where it leaves them.
 */
public final class LoadModelChart implements ReportChart {

    /** Points along each curve: enough for a saturating form to look smooth. */
    private static final int STEPS = 40;

    @Override
    public List<Figure> figures(ReportData data) {
        return data.summary().loadModels().stream().filter(m -> m.form() != null && !m.points().isEmpty())
                .map(LoadModelChart::figure).toList();
    }

    private static Figure figure(LoadModel model) {
        XYChart chart = ChartStyle.xy("systemd CPU against the load, encapsulation " + model.state(),
                "mounts in systemd's view with encapsulation off", "% of a core");
        List<EventRateGroup> groups = EventRateGroup.of(model.points());
        for (int g = 0; g < groups.size(); g++) {
            EventRateGroup group = groups.get(g);
            Color color = ChartStyle.series(g);
            String events = LoadModelTables.events(group.eventsPerSecond()) + " events/s";
            curve(chart, model, group, g, color, events);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (LevelPoint p : group.points()) {
                x.add(p.load().mounts());
                y.add(100 * p.cores());
            }
            XYSeries levels = chart.addSeries("levels " + g, x, y);
            ChartStyle.markersOnly(levels, color);
            levels.setLabel(events + ": levels");
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setMarkerSize(8);
        // two labels per churn do not fit in a row under the plot
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        return new Figure("load-model-" + ChartStyle.slug(model.state()), null, chart.getTitle(), String.format(
                Locale.ROOT, "Markers: each level's mean systemd CPU over its runs with encapsulation %s; levels whose "
                        + "mount events a second are within %.0f%% of each other share a colour. Lines: the chosen form "
                        + "(%s, %s) at each colour's mean events/s across the calibrated mounts; shaded: its 95%% "
                        + "prediction interval for a level's mean.", model.state(), 100 * EventRateGroup.TOLERANCE,
                model.form().label(), model.form().formula()), chart, Figure.Section.LOAD_MODEL);
    }

    /** The model at the group's events/s from the fewest to the most calibrated mounts, under it its band. */
    private static void curve(XYChart chart, LoadModel model, EventRateGroup group, int g, Color color, String events) {
        double from = model.range().minMounts();
        double to = model.range().maxMounts();
        double[] x = new double[STEPS + 1];
        double[] y = new double[STEPS + 1];
        double[] low = new double[STEPS + 1];
        double[] high = new double[STEPS + 1];
        boolean band = true;
        for (int i = 0; i <= STEPS; i++) {
            x[i] = from + (to - from) * i / STEPS;
            Prediction p = model.predict(new Load(x[i], group.eventsPerSecond()));
            y[i] = 100 * p.cores();
            low[i] = 100 * p.low();
            high[i] = 100 * p.high();
            band &= Double.isFinite(p.low()) && Double.isFinite(p.high());
        }
        if (band) {
            double[] bx = new double[2 * (STEPS + 1)];
            double[] by = new double[2 * (STEPS + 1)];
            for (int i = 0; i <= STEPS; i++) {
                bx[i] = x[i];
                by[i] = low[i];
                bx[2 * STEPS + 1 - i] = x[i];
                by[2 * STEPS + 1 - i] = high[i];
            }
            XYSeries area = chart.addSeries("band " + g, bx, by);
            ChartStyle.band(area, color);
        }
        XYSeries line = chart.addSeries("model " + g, x, y);
        ChartStyle.line(line, color, ChartStyle.SOLID);
        line.setLabel(events + ": model");
    }
}
