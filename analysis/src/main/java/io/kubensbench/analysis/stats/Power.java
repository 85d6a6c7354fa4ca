package io.kubensbench.analysis.stats;

import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * What a campaign could have detected, and what it would take to detect more: a "no
 * significant difference" from three runs per arm says little unless the reader knows the
 * smallest difference those runs could have shown.
 *
 * <p>Both figures are the power of the test the verdict uses, Welch's t at alpha = 0.05
 * (two-sided), computed exactly: with standard error se = sqrt(sd1^2/n1 + sd2^2/n2) and
 * Welch-Satterthwaite degrees of freedom df, a true difference delta gives a statistic that
 * is noncentral t with noncentrality delta / se, and the power is the chance that it lands
 * beyond the central t's critical value t<sub>0.975, df</sub> on either side. The normal
 * approximation (z<sub>0.975</sub> + z<sub>0.8</sub>) se ignores how wide t is with two or
 * four degrees of freedom and understates the detectable difference about twofold at three
 * runs per arm. The sds are the observed ones, so both are planning figures, not test results.
 */
public final class Power {

    public static final double ALPHA = 0.05;
    public static final double POWER = 0.8;
    /** Returned by {@link #repetitionsPerArm} when the figure cannot be computed. */
    public static final int UNDEFINED = -1;
    /** Runs per arm beyond which {@link #repetitionsPerArm} stops counting. */
    public static final int MAX_REPETITIONS = 1_000_000;
    /** Returned by {@link #repetitionsPerArm} when even {@value #MAX_REPETITIONS} runs per arm would not do. */
    public static final int BEYOND = Integer.MAX_VALUE;

    private Power() {
    }

    /**
     * The power of Welch's test to detect a difference {@code delta} with the given sds and run
     * counts; NaN when an sd is NaN or a count below 2.
     */
    public static double of(double delta, double sd1, double sd2, int n1, int n2) {
        double v1 = sd1 * sd1 / n1;
        double v2 = sd2 * sd2 / n2;
        double se = Math.sqrt(v1 + v2);
        if (n1 < 2 || n2 < 2 || Double.isNaN(se) || Double.isNaN(delta)) {
            return Double.NaN;
        }
        if (se == 0) {
            return delta == 0 ? ALPHA : 1;
        }
        double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
        return ofNoncentrality(Math.abs(delta) / se, df, critical(df));
    }

    /** t<sub>0.975, df</sub>, the two-sided test's critical value. */
    private static double critical(double df) {
        return Distributions.tQuantile(1 - ALPHA / 2, df);
    }

    /** P(|T| &gt; critical) for T noncentral t with df degrees of freedom and noncentrality ncp. */
    private static double ofNoncentrality(double ncp, double df, double critical) {
        return 1 - NoncentralT.cdf(critical, df, ncp) + NoncentralT.cdf(-critical, df, ncp);
    }

    /**
     * The smallest difference of means (in the data's unit) that Welch's test detects with
     * power {@value #POWER} at these sds and run counts. 0 when both sds are 0 (any difference
     * is then seen); NaN when an sd is NaN or a count below 2.
     */
    public static double minimalDetectableEffect(double sd1, double sd2, int n1, int n2) {
        if (n1 < 2 || n2 < 2) {
            return Double.NaN;
        }
        double v1 = sd1 * sd1 / n1;
        double v2 = sd2 * sd2 / n2;
        double se = Math.sqrt(v1 + v2);
        if (Double.isNaN(se)) {
            return Double.NaN;
        }
        if (se == 0) {
            return 0;
        }
        double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
        double critical = critical(df);
        double high = critical + Distributions.tQuantile(POWER, df);
        while (ofNoncentrality(high, df, critical) < POWER) {
            high *= 2;
        }
        double ncp = new BrentSolver(1e-13, 1e-13).solve(1000, n -> ofNoncentrality(n, df, critical) - POWER, 0, high);
        return ncp * se;
    }

    /**
     * Runs per arm needed to detect a reduction by the fraction {@code reduction} of the
     * baseline mean with power {@value #POWER}: the smallest n, at least {@code minimum} (the
     * verdict's own minimum), for which Welch's test with n runs in each arm at the observed
     * sds has that power. {@link #UNDEFINED} when an sd is NaN or the target difference is 0;
     * {@link #BEYOND} when even {@value #MAX_REPETITIONS} runs would not do.
     */
    public static int repetitionsPerArm(double sd1, double sd2, double baselineMean, double reduction, int minimum) {
        double target = Math.abs(reduction * baselineMean);
        if (Double.isNaN(sd1) || Double.isNaN(sd2) || !(target > 0)) {
            return UNDEFINED;
        }
        int least = Math.max(minimum, 2);
        if (sd1 == 0 && sd2 == 0) {
            return least;
        }
        // start at the normal approximation's answer (the t test needs about as many or a few
        // more), gallop to a bracket, then halve it
        double z = Distributions.normalQuantile(1 - ALPHA / 2) + Distributions.normalQuantile(POWER);
        double normal = Math.ceil(z * z * (sd1 * sd1 + sd2 * sd2) / (target * target));
        int start = (int) Math.max(least, Math.min(MAX_REPETITIONS, normal));
        int fails = least - 1;
        int passes;
        if (power(target, sd1, sd2, start) >= POWER) {
            passes = start;
            int step = 1;
            while (passes - step > fails) {
                int next = passes - step;
                if (power(target, sd1, sd2, next) < POWER) {
                    fails = next;
                    break;
                }
                passes = next;
                step *= 2;
            }
        } else {
            fails = start;
            int step = 1;
            while (true) {
                if (fails >= MAX_REPETITIONS) {
                    return BEYOND;
                }
                int next = (int) Math.min(MAX_REPETITIONS, (long) fails + step);
                if (power(target, sd1, sd2, next) >= POWER) {
                    passes = next;
                    break;
                }
                fails = next;
                step *= 2;
            }
        }
        while (passes - fails > 1) {
            int mid = (fails + passes) >>> 1;
            if (power(target, sd1, sd2, mid) >= POWER) {
                passes = mid;
            } else {
                fails = mid;
            }
        }
        return passes;
    }

    private static double power(double delta, double sd1, double sd2, int n) {
        return of(delta, sd1, sd2, n, n);
    }
}
