package io.kubensbench.analysis.stats;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * The noncentral t distribution's CDF, which commons-math3 does not have: the power of a t
 * test is the chance that a noncentral t statistic lands beyond the central t's critical
 * value, and at three runs per arm the normal approximation to it is off by a factor of two.
 *
 * <p>Lenth's algorithm AS 243 (Applied Statistics 38, 1989): P(T &le; t) for T with
 * {@code df} degrees of freedom and noncentrality {@code delta}, as the Poisson-weighted sum
 * of incomplete beta functions, summed until the bound on the remainder is below
 * {@value #ERROR_BOUND}. Negative t is reflected: P(T &le; -t | delta) = 1 - P(T &le; t | -delta).
 */
final class NoncentralT {

    private static final double ERROR_BOUND = 1e-13;
    private static final int MAX_TERMS = 5000;
    private static final double LOG_SQRT_PI = 0.5 * Math.log(Math.PI);

    private NoncentralT() {
    }

    /** P(T &le; t); NaN when df is not positive or an argument is NaN. */
    static double cdf(double t, double df, double delta) {
        if (Double.isNaN(t) || Double.isNaN(delta) || !(df > 0)) {
            return Double.NaN;
        }
        if (t == Double.POSITIVE_INFINITY) {
            return 1;
        }
        if (t == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        boolean reflected = t < 0;
        double tt = reflected ? -t : t;
        double d = reflected ? -delta : delta;
        double sum = 0;
        double x = tt * tt / (tt * tt + df);
        if (x > 0) {
            double lambda = d * d;
            double p = 0.5 * Math.exp(-0.5 * lambda);
            double q = Math.sqrt(2 / Math.PI) * p * d;
            double s = 0.5 - p;
            double a = 0.5;
            double b = 0.5 * df;
            double rxb = Math.pow(1 - x, b);
            double logBeta = LOG_SQRT_PI + Gamma.logGamma(b) - Gamma.logGamma(0.5 + b);
            double xOdd = Beta.regularizedBeta(x, a, b, 1e-15, 100_000);
            double gOdd = 2 * rxb * Math.exp(a * Math.log(x) - logBeta);
            double bx = b * x;
            double xEven = bx < 1e-10 ? bx : 1 - rxb;
            double gEven = bx * rxb;
            sum = p * xOdd + q * xEven;
            for (int n = 1; n <= MAX_TERMS; n++) {
                a += 1;
                xOdd -= gOdd;
                xEven -= gEven;
                gOdd *= x * (a + b - 1) / a;
                gEven *= x * (a + b - 0.5) / (a + 0.5);
                p *= lambda / (2 * n);
                q *= lambda / (2 * n + 1);
                s -= p;
                sum += p * xOdd + q * xEven;
                if (2 * s * (xOdd - gOdd) <= ERROR_BOUND) {
                    break;
                }
            }
        }
        sum += Distributions.normalSurvival(d);
        double cdf = reflected ? 1 - sum : sum;
        return Math.max(0, Math.min(1, cdf));
    }
}
