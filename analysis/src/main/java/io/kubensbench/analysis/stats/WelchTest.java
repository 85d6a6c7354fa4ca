package io.kubensbench.analysis.stats;

/**
 * Welch's unequal-variance t-test. The two arms rarely share a variance (with encapsulation
 * on, systemd's CPU is a small, quiet number; off, a large and noisy one), so the pooled
 * Student test would be wrong here.
 *
 * <p>Sign convention, as scipy's {@code ttest_ind(x, y, equal_var=False)}: t has the sign of
 * mean(x) - mean(y).
 *
 * <p>When both samples have zero variance the statistic is 0/0 or d/0. This class then
 * defines: equal means give t = 0 and p = 1 (nothing to tell apart); different means give
 * t = +-Infinity and p = 0 (two exact constants that differ are different). df is then
 * n1 + n2 - 2, which is Welch's df whenever the two variances are equal, and the interval of
 * the difference has zero width. With fewer than 2 values in either sample everything is NaN.
 */
public final class WelchTest {

    /** t statistic, Welch-Satterthwaite degrees of freedom and two-sided p-value. */
    public record Result(double t, double df, double p) {

        public static Result undefined() {
            return new Result(Double.NaN, Double.NaN, Double.NaN);
        }
    }

    private WelchTest() {
    }

    public static Result of(double[] x, double[] y) {
        return of(Descriptive.of(x), Descriptive.of(y));
    }

    /** The test from the arms' summaries alone: what a stored summary.json still allows. */
    public static Result of(Descriptive x, Descriptive y) {
        Moments m = Moments.of(x, y);
        if (m == null) {
            return Result.undefined();
        }
        if (m.se == 0) {
            if (m.difference == 0) {
                return new Result(0, m.df, 1);
            }
            return new Result(Math.copySign(Double.POSITIVE_INFINITY, m.difference), m.df, 0);
        }
        double t = m.difference / m.se;
        return new Result(t, m.df, Distributions.tTwoSided(t, m.df));
    }

    /**
     * Welch's t interval of mean(x) - mean(y) at the given confidence (0.95 for 95%).
     * Undefined (NaN) with fewer than 2 values in either sample.
     */
    public static Interval differenceInterval(Descriptive x, Descriptive y, double confidence) {
        Moments m = Moments.of(x, y);
        if (m == null) {
            return Interval.undefined();
        }
        if (m.se == 0) {
            return new Interval(m.difference, m.difference);
        }
        double half = Distributions.tQuantile((1 + confidence) / 2, m.df) * m.se;
        return new Interval(m.difference - half, m.difference + half);
    }

    public static Interval differenceInterval(double[] x, double[] y, double confidence) {
        return differenceInterval(Descriptive.of(x), Descriptive.of(y), confidence);
    }

    private record Moments(double difference, double se, double df) {

        static Moments of(Descriptive x, Descriptive y) {
            if (x.n() < 2 || y.n() < 2 || Double.isNaN(x.sd()) || Double.isNaN(y.sd())) {
                return null;
            }
            double vx = x.sd() * x.sd() / x.n();
            double vy = y.sd() * y.sd() / y.n();
            double se = Math.sqrt(vx + vy);
            double df = se == 0
                    ? x.n() + y.n() - 2
                    : (vx + vy) * (vx + vy) / (vx * vx / (x.n() - 1) + vy * vy / (y.n() - 1));
            return new Moments(x.mean() - y.mean(), se, df);
        }
    }
}
