package io.kubensbench.analysis.stats;

/**
 * What a campaign could have detected, and what it would take to detect more: a "no
 * significant difference" from three runs per arm says little unless the reader knows the
 * smallest difference those runs could have shown.
 *
 * <p>Both figures use the normal approximation to the two-sample test at alpha = 0.05
 * (two-sided) and power 0.8: a difference delta is detected when
 * delta &gt;= (z<sub>0.975</sub> + z<sub>0.8</sub>) * sqrt(sd1^2/n1 + sd2^2/n2). With the
 * handful of runs a campaign has the t distribution is wider than the normal, so both figures
 * are optimistic (too small) there; they are planning figures, not test results.
 */
public final class Power {

    public static final double ALPHA = 0.05;
    public static final double POWER = 0.8;
    /** Returned by {@link #repetitionsPerArm} when the figure cannot be computed. */
    public static final int UNDEFINED = -1;

    private Power() {
    }

    /** z<sub>1-alpha/2</sub>, about 1.96. */
    public static double zAlpha() {
        return Distributions.normalQuantile(1 - ALPHA / 2);
    }

    /** z<sub>power</sub>, about 0.84. */
    public static double zBeta() {
        return Distributions.normalQuantile(POWER);
    }

    /**
     * The smallest difference of means (in the data's unit) detectable with the given sds and
     * run counts: (z<sub>0.975</sub> + z<sub>0.8</sub>) * sqrt(sd1^2/n1 + sd2^2/n2). NaN when an
     * sd is NaN (fewer than 2 runs).
     */
    public static double minimalDetectableEffect(double sd1, double sd2, int n1, int n2) {
        if (n1 < 1 || n2 < 1) {
            return Double.NaN;
        }
        return (zAlpha() + zBeta()) * Math.sqrt(sd1 * sd1 / n1 + sd2 * sd2 / n2);
    }

    /**
     * Runs per arm needed to detect a reduction by the fraction {@code reduction} of the
     * baseline mean: ceil((z<sub>0.975</sub> + z<sub>0.8</sub>)^2 (sd1^2 + sd2^2) /
     * (reduction * baselineMean)^2), at least 2 (a variance needs two runs).
     * {@link #UNDEFINED} when an sd is NaN or the target difference is 0.
     */
    public static int repetitionsPerArm(double sd1, double sd2, double baselineMean, double reduction) {
        double target = reduction * baselineMean;
        double z = zAlpha() + zBeta();
        double n = Math.ceil(z * z * (sd1 * sd1 + sd2 * sd2) / (target * target));
        if (Double.isNaN(n) || target == 0) {
            return UNDEFINED;
        }
        return (int) Math.max(2, Math.min(Integer.MAX_VALUE, n));
    }
}
