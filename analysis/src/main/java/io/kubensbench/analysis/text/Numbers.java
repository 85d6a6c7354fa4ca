package io.kubensbench.analysis.text;

import io.kubensbench.analysis.stats.Interval;
import io.kubensbench.analysis.stats.Power;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * How a figure reads, the same in the terminal, the Markdown, the HTML and the CI gate's
 * messages. A reduction is a share with one decimal ({@code 96.4%}); systemd's CPU is a share
 * of one core with two ({@code 6.03% of a core}); a p-value has four decimals and a floor of
 * {@code < 0.0001}; a 95% interval reads {@code (95% CI a to b)} in a sentence and
 * {@code [a, b]} in a table. A figure that could not be computed reads {@code -}, so a table
 * keeps its shape; only a p-value stated in a sentence reads {@code undefined}.
 */
public final class Numbers {

    private static final double P_FLOOR = 1e-4;

    private Numbers() {
    }

    /** A share with one decimal, as a reduction reads: {@code 96.4%}. */
    public static String percent(double fraction) {
        return share(fraction, 1) + (Double.isFinite(fraction) ? "%" : "");
    }

    /** CPU in cores as a share of one core: {@code 6.03% of a core}. */
    public static String cores(double cores) {
        return Double.isNaN(cores) ? "-" : coreShare(cores) + " of a core";
    }

    /** The share of one core without the unit, for a column or a line that names it: {@code 6.03%}. */
    public static String coreShare(double cores) {
        return share(cores, 2) + (Double.isFinite(cores) ? "%" : "");
    }

    /** A p-value in a table: {@code 0.0312}, {@code < 0.0001}. */
    public static String p(double p) {
        return Double.isNaN(p) ? "-" : p < P_FLOOR ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    /** A p-value in a sentence, after "p": {@code = 0.0312}, {@code < 0.0001}, {@code undefined}. */
    public static String pIs(double p) {
        return Double.isNaN(p) ? "undefined" : p < P_FLOOR ? "< 0.0001" : "= " + p(p);
    }

    /** A plain number with a fixed number of decimals: {@code -10.02}. */
    public static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Cores with their sign and four decimals, as a change reads: {@code +0.0012}. */
    public static String signed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.4f", v);
    }

    /**
     * Runs per arm as a planning figure reads: {@code 17}; {@code -} when it could not be
     * computed; {@code more than 1,000,000} past the point where counting stops.
     */
    public static String runs(int runs) {
        if (runs < 0) {
            return "-";
        }
        return runs == Power.BEYOND ? String.format(Locale.ROOT, "more than %,d", Power.MAX_REPETITIONS)
                : Integer.toString(runs);
    }

    /** A number as the user gave it, without trailing zeros: {@code 10}, {@code 0.001}, {@code 12.5}. */
    public static String plain(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : Double.toString(v);
    }

    /**
     * A reduction with its interval in a sentence: {@code 96.4% (95% CI 96.0% to 96.6%)}, the
     * note inside the parentheses ({@code , 3 nodes as blocks}) when given; {@code (95% CI
     * unbounded)} when a bound is infinite (a ratio to a mean that could be 0);
     * {@code (no interval)} when the interval could not be computed, since the verdict needs it.
     */
    public static String percentWithCi(double fraction, Interval ci, String note) {
        if (Double.isNaN(fraction)) {
            return "-";
        }
        if (!ci.defined()) {
            return percent(fraction) + " (no interval)";
        }
        return percent(fraction) + (unbounded(ci) ? " (95% CI unbounded" + note + ")"
                : " (95% CI " + percent(ci.low()) + " to " + percent(ci.high()) + note + ")");
    }

    /** A reduction with its interval in a table: {@code 96.4% [96.0, 96.6]}, {@code 12.0% [unbounded]}. */
    public static String percentBracketed(double fraction, Interval ci) {
        if (Double.isNaN(fraction)) {
            return "-";
        }
        if (!ci.defined()) {
            return percent(fraction) + " (no interval)";
        }
        return percent(fraction) + (unbounded(ci) ? " [unbounded]"
                : " [" + share(ci.low(), 1) + ", " + share(ci.high(), 1) + "]");
    }

    private static boolean unbounded(Interval ci) {
        return Double.isInfinite(ci.low()) || Double.isInfinite(ci.high());
    }

    /**
     * CPU in cores with its interval in a sentence: {@code -9.83% of a core (95% CI -12.00% to
     * -7.66%)}; without an interval that could not be computed (a mean of one run has none).
     */
    public static String coresWithCi(double cores, Interval ci) {
        return cores(cores) + (Double.isNaN(cores) || !ci.defined() ? ""
                : " (95% CI " + coreShare(ci.low()) + " to " + coreShare(ci.high()) + ")");
    }

    /** CPU in cores with its interval in a table: {@code 6.03% of a core [5.03, 7.03]}. */
    public static String coresBracketed(double cores, Interval ci) {
        return cores(cores) + coreBounds(cores, ci);
    }

    /** The same under a heading that names the unit: {@code 6.03% [5.03, 7.03]}. */
    public static String coreShareBracketed(double cores, Interval ci) {
        return coreShare(cores) + coreBounds(cores, ci);
    }

    private static String coreBounds(double cores, Interval ci) {
        return Double.isNaN(cores) || !ci.defined() ? "" : " [" + share(ci.low(), 2) + ", " + share(ci.high(), 2) + "]";
    }

    /**
     * A measured wall time, rounded as the CLI rounds its estimates: the form of
     * {@code workloads.time.Durations.rough}, which analysis may not depend on (a test in bench
     * keeps the two alike): {@code 45s}, {@code 31m12s}, {@code 2h05m} (no seconds past an hour).
     */
    public static String elapsed(Duration d) {
        long s = Math.max(0, d.plusMillis(500).toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /** A fraction in percent without the sign: NaN {@code -}, an infinite one {@code inf}. */
    private static String share(double fraction, int decimals) {
        if (Double.isNaN(fraction)) {
            return "-";
        }
        if (Double.isInfinite(fraction)) {
            return fraction > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", 100 * fraction);
    }
}
