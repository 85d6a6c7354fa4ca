package io.kubensbench.analysis.stats;

/**
 * The difference of two means with Student's pooled-variance t interval, n_a + n_b - 2
 * degrees of freedom. Used where the two samples are one arm at one level measured at two
 * times, so the same spread is expected in both, and one of them may hold a single run: a
 * single run has no variance of its own, and Welch's interval needs two runs on each side,
 * while the pooled interval only needs three runs in all. Its coverage is exact under normal
 * noise of equal spread; the build measures it under skewed noise too (DriftCalibrationTest).
 *
 * @param estimate mean(b) - mean(a)
 * @param df       n_a + n_b - 2; 0 when the samples cannot give a spread
 * @param low      lower bound; NaN without degrees of freedom
 * @param high     upper bound, likewise
 */
public record PooledDifference(double estimate, double df, double low, double high) {

    /** mean(b) - mean(a) and its {@code confidence} interval from the two samples' summaries. */
    public static PooledDifference of(Descriptive a, Descriptive b, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, not " + confidence);
        }
        if (a.n() == 0 || b.n() == 0) {
            return new PooledDifference(Double.NaN, 0, Double.NaN, Double.NaN);
        }
        double estimate = b.mean() - a.mean();
        int df = a.n() + b.n() - 2;
        if (df < 1) {
            return new PooledDifference(estimate, 0, Double.NaN, Double.NaN);
        }
        double squares = squares(a) + squares(b);
        double se = Math.sqrt(squares / df * (1.0 / a.n() + 1.0 / b.n()));
        double half = Distributions.tQuantile((1 + confidence) / 2, df) * se;
        return new PooledDifference(estimate, df, estimate - half, estimate + half);
    }

    /** The sum of squared deviations from the mean: (n - 1) s^2, and 0 for a single value. */
    private static double squares(Descriptive d) {
        return d.n() < 2 ? 0 : (d.n() - 1) * d.sd() * d.sd();
    }

    public Interval interval() {
        return new Interval(low, high);
    }
}
