package io.kubensbench.analysis.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The few distribution functions the statistics need, with the quantile solver tightened:
 * commons-math3's default absolute accuracy (1e-9) would show in the golden comparisons.
 * Instances are built per call (they are cheap) so nothing here is shared or mutable.
 */
final class Distributions {

    private static final double ACCURACY = 1e-14;

    private Distributions() {
    }

    /** Quantile of Student's t with {@code df} degrees of freedom; NaN when df is not positive. */
    static double tQuantile(double p, double df) {
        if (!(df > 0)) {
            return Double.NaN;
        }
        return new TDistribution(null, df, ACCURACY).inverseCumulativeProbability(p);
    }

    /** Two-sided p-value of a t statistic. */
    static double tTwoSided(double t, double df) {
        if (Double.isNaN(t) || !(df > 0)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        return Math.min(1, 2 * new TDistribution(null, df, ACCURACY).cumulativeProbability(-Math.abs(t)));
    }

    static double normalQuantile(double p) {
        return standardNormal().inverseCumulativeProbability(p);
    }

    /** P(Z > z) for a standard normal Z, computed without cancellation in the upper tail. */
    static double normalSurvival(double z) {
        return standardNormal().cumulativeProbability(-z);
    }

    private static NormalDistribution standardNormal() {
        return new NormalDistribution(null, 0, 1, ACCURACY);
    }
}
