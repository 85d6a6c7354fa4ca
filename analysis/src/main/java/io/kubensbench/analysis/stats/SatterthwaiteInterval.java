package io.kubensbench.analysis.stats;

import java.util.List;

/**
 * A t interval for an estimate whose variance is a sum of independently estimated parts, each
 * with its own degrees of freedom, the degrees of freedom of the sum by Welch-Satterthwaite:
 * df = (sum v_i)^2 / sum (v_i^2 / df_i). Welch's interval is the case of two parts, one per
 * arm. The CI gate needs more: a change between two campaigns carries the uncertainty of both
 * campaigns' arms, and an interval over the current campaign alone would read the baseline's
 * own noise as a change.
 *
 * <p>A part of zero variance (an arm whose counters did not move in any run) adds nothing;
 * when every part is zero the estimate is exact: the interval is the estimate itself and df
 * is infinite.
 *
 * @param standardError square root of the summed variance
 * @param confidence    two-sided coverage of [low, high], e.g. 0.90; each bound is then a
 *                      one-sided (1 + confidence) / 2 bound
 */
public record SatterthwaiteInterval(double estimate, double standardError, double df, double confidence,
                                    double low, double high) {

    /**
     * One independently estimated share of the variance.
     *
     * @param variance the share, e.g. s^2 / n for a mean of n runs (0 or more)
     * @param df       the degrees of freedom it was estimated with, e.g. n - 1 (more than 0)
     */
    public record Part(double variance, double df) {

        public Part {
            if (!(variance >= 0) || !(df > 0)) {
                throw new IllegalArgumentException("a variance part needs a variance of 0 or more and df above 0,"
                        + " not " + variance + " and " + df);
            }
        }
    }

    public static SatterthwaiteInterval of(double estimate, List<Part> parts, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, not " + confidence);
        }
        double variance = 0;
        double denominator = 0;
        for (Part p : parts) {
            variance += p.variance();
            denominator += p.variance() * p.variance() / p.df();
        }
        if (variance == 0) {
            return new SatterthwaiteInterval(estimate, 0, Double.POSITIVE_INFINITY, confidence, estimate, estimate);
        }
        double df = variance * variance / denominator;
        double se = Math.sqrt(variance);
        double half = Distributions.tQuantile((1 + confidence) / 2, df) * se;
        return new SatterthwaiteInterval(estimate, se, df, confidence, estimate - half, estimate + half);
    }

    /** Whether no part had any variance, so the estimate is exact and the interval is a point. */
    public boolean exact() {
        return standardError == 0;
    }

    public double width() {
        return high - low;
    }

    public Interval interval() {
        return new Interval(low, high);
    }
}
