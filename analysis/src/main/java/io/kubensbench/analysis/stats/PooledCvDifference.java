package io.kubensbench.analysis.stats;

/**
 * The difference of two means of one quantity measured at two times, mean(b) - mean(a), with
 * a t interval whose spread is pooled as a coefficient of variation: each sample's variance
 * relative to its own mean, pooled over both (n_a + n_b - 2 degrees of freedom), then scaled
 * back by each mean: var = cv^2 (mean_a^2 / n_a + mean_b^2 / n_b).
 *
 * <p>Why pooled: one sample may hold a single run (an {@code aba} campaign of 3 repetitions
 * runs the baseline 2 times before the candidate and once after it), which has no spread of
 * its own, so Welch's interval, which needs two on each side, cannot be used; a pooled one
 * needs three runs in all. Why relative: systemd's spread grows with its load (20-fold across
 * the dose-response levels), so a drift that moves the mean moves the spread with it; pooling
 * the absolute spread then understates the moved sample's, and Student's interval fell short
 * of 95% at 2 + 1 runs with a 20% drift, where this one holds it. Its coverage is measured in
 * the build (DriftCalibrationTest).
 *
 * @param estimate mean(b) - mean(a)
 * @param df       n_a + n_b - 2; 0 when the samples cannot give a spread
 * @param low      lower bound; NaN without degrees of freedom
 * @param high     upper bound, likewise
 */
public record PooledCvDifference(double estimate, double df, double low, double high) {

    /** mean(b) - mean(a) and its {@code confidence} interval from the two samples' summaries. */
    public static PooledCvDifference of(Descriptive a, Descriptive b, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, not " + confidence);
        }
        if (a.n() == 0 || b.n() == 0) {
            return new PooledCvDifference(Double.NaN, 0, Double.NaN, Double.NaN);
        }
        double estimate = b.mean() - a.mean();
        int df = a.n() + b.n() - 2;
        if (df < 1) {
            return new PooledCvDifference(estimate, 0, Double.NaN, Double.NaN);
        }
        double cv2 = (relativeSquares(a) + relativeSquares(b)) / df;
        double se = Math.sqrt(cv2 * (a.mean() * a.mean() / a.n() + b.mean() * b.mean() / b.n()));
        double half = Distributions.tQuantile((1 + confidence) / 2, df) * se;
        return new PooledCvDifference(estimate, df, estimate - half, estimate + half);
    }

    /** (n - 1) s^2 / mean^2: 0 for a single value, and for values that are all 0. */
    private static double relativeSquares(Descriptive d) {
        if (d.n() < 2 || d.sd() == 0) {
            return 0;
        }
        return (d.n() - 1) * d.sd() * d.sd() / (d.mean() * d.mean());
    }

    public Interval interval() {
        return new Interval(low, high);
    }
}
