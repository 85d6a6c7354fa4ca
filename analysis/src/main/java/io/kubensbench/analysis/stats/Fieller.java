package io.kubensbench.analysis.stats;

import java.util.List;

/**
 * Fieller's confidence set for a ratio of means, theta = mean(numerator) / mean(denominator):
 * the reduction 1 - on/off is such a ratio, and at three to ten runs per arm a percentile
 * bootstrap of it covers the truth in about 80% of campaigns where it claims 95%. Fieller's
 * set inverts a t test of mean(numerator) - theta mean(denominator) = 0, so it is as exact as
 * that t test, and it is honest when the data cannot bound the ratio.
 *
 * <p>The set is every theta with (m<sub>n</sub> - theta m<sub>d</sub>)^2 &le; t^2
 * (v<sub>n</sub> + theta^2 v<sub>d</sub>), v = sd^2 / n the squared standard error of a mean,
 * a quadratic inequality in theta. The degrees of freedom of t are Welch-Satterthwaite's for
 * v<sub>n</sub> + theta^2 v<sub>d</sub> at the estimated theta, (v<sub>n</sub> + theta^2
 * v<sub>d</sub>)^2 / (v<sub>n</sub>^2/(n<sub>n</sub> - 1) + theta^4 v<sub>d</sub>^2/(n<sub>d</sub>
 * - 1)). When the denominator's mean is significantly non-zero (m<sub>d</sub>^2 &gt; t^2
 * v<sub>d</sub>) the set is a bounded interval around the estimate. Otherwise it is unbounded
 * (the whole line, or the line without an interval): the data do not rule out a denominator
 * of 0, so no ratio far out is excluded. That case is {@link Shape#UNBOUNDED} with infinite
 * bounds (the set's convex hull), never a pair of finite numbers.
 *
 * <p>{@link #ofSums} is the same for a ratio of sums of independent means (several nodes, each
 * measured in both arms): the sums' squared standard errors add, and so do the terms of the
 * Satterthwaite denominator.
 */
public final class Fieller {

    /** Whether the data bound the ratio. */
    public enum Shape {
        /** A finite interval around the estimate. */
        BOUNDED,
        /** The denominator's mean is not significantly non-zero: no finite interval. */
        UNBOUNDED,
        /** Too few values (fewer than 2 per sample or pair), or an undefined mean. */
        UNDEFINED
    }

    /**
     * @param ratio    mean(numerator) / mean(denominator); NaN when the denominator's mean is 0
     * @param interval the set, or its convex hull (-Infinity, Infinity) when unbounded; NaN
     *                 bounds when undefined
     * @param df       the degrees of freedom of the t quantile used
     */
    public record Result(double ratio, Interval interval, Shape shape, double df) {

        static Result undefined(double ratio) {
            return new Result(ratio, Interval.undefined(), Shape.UNDEFINED, Double.NaN);
        }
    }

    private Fieller() {
    }

    /** The ratio mean(numerator) / mean(denominator) of two independent samples. */
    public static Result ofIndependent(Descriptive numerator, Descriptive denominator, double confidence) {
        return ofSums(List.of(numerator), List.of(denominator), confidence);
    }

    /**
     * The ratio sum of the numerators' means / sum of the denominators' means, every sample
     * independent of the others; undefined when a sample has fewer than 2 values.
     */
    public static Result ofSums(List<Descriptive> numerators, List<Descriptive> denominators, double confidence) {
        Sum n = Sum.of(numerators);
        Sum d = Sum.of(denominators);
        double ratio = d.mean == 0 ? Double.NaN : n.mean / d.mean;
        if (!n.defined || !d.defined || d.mean == 0 && d.variance == 0) {
            return Result.undefined(ratio);
        }
        double theta = Double.isNaN(ratio) ? 0 : ratio;
        double combined = n.variance + theta * theta * d.variance;
        double df = combined == 0 ? n.values + d.values - 2
                : combined * combined / (n.satterthwaite + Math.pow(theta, 4) * d.satterthwaite);
        double t = Distributions.tQuantile((1 + confidence) / 2, df);
        return solve(ratio, d.mean * d.mean - t * t * d.variance, d.mean * n.mean,
                n.mean * n.mean - t * t * n.variance, df);
    }

    /**
     * The sum of independent means with its squared standard error and the Satterthwaite terms
     * sum (sd^2/n)^2 / (n - 1); not defined when a sample has fewer than 2 values or none is given.
     */
    private record Sum(double mean, double variance, double satterthwaite, int values, boolean defined) {

        static Sum of(List<Descriptive> samples) {
            double mean = 0;
            double variance = 0;
            double satterthwaite = 0;
            int values = 0;
            boolean defined = !samples.isEmpty();
            for (Descriptive s : samples) {
                defined &= s.n() >= 2 && !Double.isNaN(s.sd());
                double v = s.sd() * s.sd() / s.n();
                mean += s.mean();
                variance += v;
                satterthwaite += v * v / (s.n() - 1);
                values += s.n();
            }
            return new Sum(mean, variance, satterthwaite, values, defined);
        }
    }

    /** The set a theta^2 - 2 b theta + c &le; 0. */
    private static Result solve(double ratio, double a, double b, double c, double df) {
        if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c)) {
            return Result.undefined(ratio);
        }
        if (a <= 0) {
            if (a == 0 && b == 0 && c == 0) {
                return Result.undefined(ratio);
            }
            return new Result(ratio, new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
                    Shape.UNBOUNDED, df);
        }
        double root = Math.sqrt(Math.max(0, b * b - a * c));
        // the root away from 0 directly, the other from the product of the roots, c / a, so
        // that neither is a difference of two nearly equal numbers
        double far = b >= 0 ? b + root : b - root;
        if (far == 0) {
            return new Result(ratio, new Interval(0, 0), Shape.BOUNDED, df);
        }
        double r1 = far / a;
        double r2 = c / far;
        return new Result(ratio, new Interval(Math.min(r1, r2), Math.max(r1, r2)), Shape.BOUNDED, df);
    }
}
