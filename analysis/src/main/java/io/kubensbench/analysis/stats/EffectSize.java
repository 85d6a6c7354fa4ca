package io.kubensbench.analysis.stats;

import org.apache.commons.math3.special.Gamma;

/**
 * How large a difference is, apart from whether it is significant: with many runs a
 * negligible change becomes significant, and with few a large one does not. Both sizes take
 * (a, b) = (baseline, candidate) and are negative when the candidate is lower, which for
 * systemd's CPU means encapsulation saves.
 */
public final class EffectSize {

    private EffectSize() {
    }

    /**
     * Hedges' g: (mean(b) - mean(a)) / pooled sd, times the small-sample correction
     * J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df - 1)/2)) with df = n1 + n2 - 2, the exact
     * factor that makes g unbiased for normal data (Cohen's d overstates the effect at the 3 to
     * 10 runs per arm a campaign has; the common approximation 1 - 3 / (4 df - 1) is 0.27% off
     * at 3 and 3). NaN with fewer than 2 values in either sample. When the pooled sd is 0: 0
     * for equal means, +-Infinity otherwise.
     */
    public static double hedgesG(double[] a, double[] b) {
        Descriptive da = Descriptive.of(a);
        Descriptive db = Descriptive.of(b);
        if (da.n() < 2 || db.n() < 2) {
            return Double.NaN;
        }
        int n1 = da.n();
        int n2 = db.n();
        double pooled = Math.sqrt(((n1 - 1) * da.sd() * da.sd() + (n2 - 1) * db.sd() * db.sd()) / (n1 + n2 - 2));
        double difference = db.mean() - da.mean();
        double j = correction(n1 + n2 - 2);
        if (pooled == 0) {
            return difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
        }
        return difference / pooled * j;
    }

    /** J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df - 1)/2)), through log-gamma so large df do not overflow. */
    static double correction(int df) {
        return Math.exp(Gamma.logGamma(df / 2.0) - Gamma.logGamma((df - 1) / 2.0)) / Math.sqrt(df / 2.0);
    }

    /**
     * Cliff's delta, P(b &gt; a) - P(b &lt; a) over all pairs: from -1 (every candidate run
     * below every baseline run) to 1. Needs no distributional assumption, like Mann-Whitney.
     * NaN when a sample is empty.
     */
    public static double cliffsDelta(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return Double.NaN;
        }
        long greater = 0;
        long less = 0;
        for (double bj : b) {
            for (double ai : a) {
                if (bj > ai) {
                    greater++;
                } else if (bj < ai) {
                    less++;
                }
            }
        }
        return (double) (greater - less) / ((long) a.length * b.length);
    }
}
