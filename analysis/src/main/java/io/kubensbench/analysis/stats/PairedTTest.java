package io.kubensbench.analysis.stats;

/**
 * The paired t-test, as a one-sample t-test of paired differences against 0. When each
 * pair shares a block (a node measured with encapsulation off and on), the block's own
 * level cancels in its difference, and only the spread of the differences is noise.
 *
 * <p>Computed as {@code scipy.stats.ttest_rel(x, y)} (equivalently {@code ttest_1samp(x - y,
 * 0)}): t = mean(d) / (sd(d) / sqrt(k)) with k - 1 degrees of freedom, two-sided p; t has the
 * sign of mean(d). The interval of mean(d) is {@link Descriptive#ci()} of the differences,
 * the t interval with the same k - 1 degrees of freedom.
 *
 * <p>Zero spread is defined as in {@link WelchTest}: a mean of 0 gives t = 0 and p = 1,
 * another mean t = +-Infinity and p = 0. With fewer than 2 differences everything is NaN.
 */
public final class PairedTTest {

    /** t statistic, degrees of freedom (k - 1) and two-sided p-value. */
    public record Result(double t, double df, double p) {

        public static Result undefined() {
            return new Result(Double.NaN, Double.NaN, Double.NaN);
        }
    }

    private PairedTTest() {
    }

    /** The test of x - y, pair by pair. */
    public static Result of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("a paired t-test needs as many values in each sample, not "
                    + x.length + " and " + y.length);
        }
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        return ofDifferences(Descriptive.of(d));
    }

    /** The test from the differences' summary alone. */
    public static Result ofDifferences(Descriptive differences) {
        int k = differences.n();
        if (k < 2 || Double.isNaN(differences.sd())) {
            return Result.undefined();
        }
        double df = k - 1;
        if (differences.sd() == 0) {
            if (differences.mean() == 0) {
                return new Result(0, df, 1);
            }
            return new Result(Math.copySign(Double.POSITIVE_INFINITY, differences.mean()), df, 0);
        }
        double t = differences.mean() / differences.standardError();
        return new Result(t, df, Distributions.tTwoSided(t, df));
    }
}
