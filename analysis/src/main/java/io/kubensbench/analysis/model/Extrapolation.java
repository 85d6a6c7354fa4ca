package io.kubensbench.analysis.model;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a load lies outside the calibrated ones, axis by axis: a form validated between 600
 * and 3,400 mounts says little about 8,000, and the user is told so in figures. A load within
 * {@value #SLACK} (as a share) of a calibrated bound is inside: the bound is itself the mean of
 * a few measured runs, whose spread is of that order, so a node at the calibration's own
 * largest level is not called an extrapolation because its mean came out 0.3% higher.
 *
 * @param factor  1 inside; otherwise the largest of value / largest calibrated and smallest
 *                calibrated / value over the axes outside (infinite for 0 below a positive smallest)
 * @param outside what lies outside, in words; null inside
 */
record Extrapolation(double factor, String outside) {

    static final Extrapolation INSIDE = new Extrapolation(1, null);
    /** How far past a calibrated bound still counts as at it. */
    static final double SLACK = 0.05;

    static Extrapolation of(LoadRange range, Load load) {
        if (range == null) {
            return INSIDE;
        }
        List<String> words = new ArrayList<>();
        double factor = 1;
        factor = Math.max(factor, axis(load.mounts(), range.minMounts(), range.maxMounts(), "mounts", false, words));
        factor = Math.max(factor, axis(load.eventsPerSecond(), range.minEvents(), range.maxEvents(), "events/s", true,
                words));
        return words.isEmpty() ? INSIDE : new Extrapolation(factor, String.join(" and ", words));
    }

    /** The worst of several loads' (a cluster's nodes). */
    static Extrapolation worst(LoadRange range, List<Load> loads) {
        Extrapolation worst = INSIDE;
        for (Load load : loads) {
            Extrapolation e = of(range, load);
            if (e.factor() > worst.factor()) {
                worst = e;
            }
        }
        return worst;
    }

    private static double axis(double value, double min, double max, String name, boolean rate, List<String> words) {
        String bound;
        if (value > max * (1 + SLACK)) {
            bound = figure(max, rate);
            words.add(name + " " + LoadFigures.ratio(value / max) + " times the largest calibrated (" + bound + ")");
            return value / max;
        }
        if (value < min * (1 - SLACK)) {
            bound = figure(min, rate);
            if (value == 0) {
                words.add(name + " 0, below the smallest calibrated (" + bound + ")");
                return Double.POSITIVE_INFINITY;
            }
            words.add(name + " " + LoadFigures.ratio(value / min) + " of the smallest calibrated (" + bound + ")");
            return min / value;
        }
        return 1;
    }

    private static String figure(double v, boolean rate) {
        return rate ? LoadFigures.events(v) : LoadFigures.count(v);
    }
}
