package io.kubensbench.reports.charts;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToLongFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Shared look of the report's charts and the counter arithmetic the time charts share. */
final class ChartStyle {

    static final int WIDTH = 760;
    static final int HEIGHT = 380;
    /** Baseline (encapsulation off) warm, candidate cool, so "above" reads at once. */
    static final Color BASELINE = new Color(0xc0392b);
    static final Color CANDIDATE = new Color(0x2471a3);
    static final Color NEUTRAL = new Color(0x555555);
    static final BasicStroke SOLID = new BasicStroke(1.6f);
    static final BasicStroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {5f, 4f}, 0f);
    static final BasicStroke DOTTED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {1.5f, 3f}, 0f);

    private ChartStyle() {
    }

    static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
        s.setBaseFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            a.setPlotGridLinesColor(new Color(0xe5e5e5));
        }
    }

    static org.knowm.xchart.CategoryChart category(String title, String xTitle, String yTitle) {
        org.knowm.xchart.CategoryChart chart = new org.knowm.xchart.CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
        return chart;
    }

    static Color color(int armIndex) {
        return armIndex == 0 ? BASELINE : armIndex == 1 ? CANDIDATE : NEUTRAL;
    }

    /** Colours of series that are neither arm: groups of levels, told apart, none of them grey. */
    private static final Color[] SERIES = {new Color(0xc0392b), new Color(0x2471a3), new Color(0x1e8449),
        new Color(0x7d3c98), new Color(0xb9770e), new Color(0x117a65)};

    static Color series(int index) {
        return SERIES[index % SERIES.length];
    }

    /** A closed outline filled lightly, left out of the legend: an interval band behind its line. */
    static void band(org.knowm.xchart.XYSeries s, Color c) {
        s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 40));
        s.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
        s.setShowInLegend(false);
    }

    /** Points that show only markers. */
    static void markersOnly(org.knowm.xchart.XYSeries s, Color c) {
        s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(c);
    }

    static void line(org.knowm.xchart.XYSeries s, Color c, BasicStroke stroke) {
        s.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
        s.setLineStyle(stroke);
    }

    /**
     * A chart line's name, unique per run and node: "run 3", or "run 3 on worker-1" when the
     * runs come from several nodes (each node's samples are a line of their own).
     */
    static String runName(RunRecord run, boolean severalNodes) {
        return "run " + run.index() + (severalNodes ? " on " + Objects.toString(run.node(), "(no node)") : "");
    }

    /** File-name-safe form of a level name ({@code pods=200} to {@code pods-200}). */
    static String slug(String level) {
        String s = level.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "level" : s;
    }

    /**
     * A counter's rate between consecutive samples, in percent of a core, split by phase:
     * points of the warm-up and of the measure window. A pair with a counter not read (-1) or
     * going backwards (a restart) gives no point.
     */
    /** Shorter intervals than this give no plotted rate (the shortest sampling interval is 100 ms). */
    static final long MIN_RATE_INTERVAL_NS = 50_000_000L;

    static Series rate(List<SampleRecord> samples, ToLongFunction<SampleRecord> counter) {
        Series warmup = new Series();
        Series measure = new Series();
        SampleRecord prev = null;
        for (SampleRecord s : samples) {
            if (prev != null && s.tNs() - prev.tNs() < MIN_RATE_INTERVAL_NS) {
                // the warm-up's last and the measure's first sample are taken moments apart:
                // a rate over a few milliseconds is noise, so span the next interval instead
                continue;
            }
            if (prev != null) {
                long a = counter.applyAsLong(prev);
                long b = counter.applyAsLong(s);
                long dt = s.tNs() - prev.tNs();
                if (a >= 0 && b >= a && dt > 0) {
                    double pct = 100.0 * (b - a) / dt;
                    Series target = "warmup".equals(s.phase()) ? warmup : measure;
                    if (target == measure && measure.isEmpty() && !warmup.isEmpty()) {
                        // join the two lines at the phase boundary
                        warmup.add(s.tNs() / 1e9, pct);
                    }
                    target.add(s.tNs() / 1e9, pct);
                }
            }
            prev = s;
        }
        return new Series(warmup, measure);
    }

    /** x and y of one line, with its warm-up part apart when split. */
    static final class Series {
        final List<Double> x = new ArrayList<>();
        final List<Double> y = new ArrayList<>();
        final Series warmup;
        final Series measure;

        Series() {
            this(null, null);
        }

        Series(Series warmup, Series measure) {
            this.warmup = warmup;
            this.measure = measure;
        }

        void add(double xv, double yv) {
            x.add(xv);
            y.add(yv);
        }

        boolean isEmpty() {
            return x.isEmpty();
        }
    }
}
