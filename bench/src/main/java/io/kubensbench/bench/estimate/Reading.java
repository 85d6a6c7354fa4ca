package io.kubensbench.bench.estimate;

import io.kubensbench.analysis.model.Prediction;
import io.kubensbench.analysis.prediction.Saving;
import io.kubensbench.analysis.stats.Interval;
import io.kubensbench.analysis.text.Numbers;
import java.util.Locale;

/**
 * How an estimate's figures read in the table and the Markdown: systemd's CPU as a share of a
 * core with its 95% interval ({@link Numbers}, as every other output of kubens-bench), totals in
 * cores, mounts as whole numbers, events a second with two decimals.
 */
final class Reading {

    private Reading() {
    }

    /** A count: {@code 1,234}; a fractional one (an estimated base) rounded. */
    static String count(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    static String events(double v) {
        return Numbers.fixed(v, 2);
    }

    /** {@code 6.03% [5.03, 7.03]}; {@code 0.00% (no interval)} when the prediction has none. */
    static String share(Prediction p) {
        return share(p.cores(), p.low(), p.high());
    }

    static String share(Saving s) {
        return share(s.cores(), s.low(), s.high());
    }

    /** Cores with four decimals and the interval's: {@code 0.1234 cores [0.1001, 0.1467]}. */
    static String cores(double cores, double low, double high) {
        String c = String.format(Locale.ROOT, "%.4f", cores) + " cores";
        return Double.isNaN(low) || Double.isNaN(high) ? c + " (no interval)"
                : c + String.format(Locale.ROOT, " [%.4f, %.4f]", low, high);
    }

    private static String share(double cores, double low, double high) {
        Interval ci = new Interval(low, high);
        return ci.defined() ? Numbers.coreShareBracketed(cores, ci) : Numbers.coreShare(cores) + " (no interval)";
    }
}
