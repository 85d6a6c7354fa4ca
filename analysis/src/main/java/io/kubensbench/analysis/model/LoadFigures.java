package io.kubensbench.analysis.model;

import java.util.Locale;

/** How a load's figures read in the model's own sentences: {@code 3,404} mounts, {@code 28/s}. */
final class LoadFigures {

    private LoadFigures() {
    }

    /** A count or rate: whole from 10 up ({@code 3,404}), one decimal below ({@code 2.5}). */
    static String count(double v) {
        return String.format(Locale.ROOT, v >= 10 ? "%,.0f" : "%.1f", v);
    }

    /** Events a second with their unit: {@code 28/s}. */
    static String events(double eventsPerSecond) {
        return count(eventsPerSecond) + "/s";
    }

    /** A ratio of loads: {@code 2.4}, {@code 0.2}, {@code 0.05} (two significant digits below 0.1). */
    static String ratio(double r) {
        return r >= 0.1 ? String.format(Locale.ROOT, "%.1f", r) : String.format(Locale.ROOT, "%.2g", r);
    }
}
