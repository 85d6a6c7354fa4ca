package io.kubensbench.analysis.stats;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Least-squares line y = intercept + slope x, for the cost model "systemd CPU per mount":
 * the slope carries the finding, so it comes with its standard error and 95% interval.
 *
 * <p>Two standard errors. The equal-variance one (Student's t, n - 2 degrees of freedom)
 * assumes every run is as noisy as every other; systemd's CPU is not: its spread grows with
 * the load (20-fold across a dose-response campaign's levels), and the equal-variance
 * interval then claims more than it holds. The robust one is the HC3 sandwich estimator
 * (MacKinnon and White 1985; the small-sample choice of Long and Ervin 2000):
 * var(slope) = sum (x_i - xbar)^2 e_i^2 / (1 - h_i)^2 / Sxx^2, with the residuals e_i and
 * the leverages h_i = 1/n + (x_i - xbar)^2 / Sxx, which asks nothing of how the spread
 * changes with x, with t on n - 2 degrees of freedom. It is the interval reported; the
 * equal-variance one stays for reference. Weighted least squares would need each level's
 * variance, which 3 runs per level do not estimate (an arm at 0 ns has none at all).
 *
 * @param slopeCiLow   lower bound of the slope's equal-variance 95% interval; NaN when n &lt; 3
 * @param slopeCiHigh  upper bound, likewise
 * @param r2           coefficient of determination
 * @param slopeStdErr  equal-variance standard error of the slope; NaN when n &lt; 3
 * @param robustStdErr HC3 standard error of the slope; NaN when n &lt; 3, or when a point has
 *                     leverage 1 (alone at its x while all others share one x)
 * @param robustCiLow  lower bound of the slope's HC3 95% interval, t on n - 2 df
 * @param robustCiHigh upper bound, likewise
 */
public record LinearFit(int n, double slope, double slopeCiLow, double slopeCiHigh, double intercept, double r2,
                        double slopeStdErr, double robustStdErr, double robustCiLow, double robustCiHigh) {

    public static final double CONFIDENCE = 0.95;
    /** A leverage this close to 1 leaves a residual of rounding noise to divide by almost 0. */
    private static final double MAX_LEVERAGE = 1 - 1e-9;

    /** Slope and intercept are NaN with fewer than 2 points or when all x are equal. */
    public static LinearFit of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " and " + y.length);
        }
        SimpleRegression regression = new SimpleRegression();
        for (int i = 0; i < x.length; i++) {
            regression.addData(x[i], y[i]);
        }
        int n = x.length;
        double slope = regression.getSlope();
        double intercept = regression.getIntercept();
        boolean defined = n >= 3 && !Double.isNaN(slope);
        double se = defined ? regression.getSlopeStdErr() : Double.NaN;
        double robust = defined ? hc3(x, y, slope, intercept) : Double.NaN;
        double t = Distributions.tQuantile((1 + CONFIDENCE) / 2, n - 2);
        return new LinearFit(n, slope, slope - t * se, slope + t * se, intercept, regression.getRSquare(), se,
                robust, slope - t * robust, slope + t * robust);
    }

    /** The HC3 standard error of the slope. */
    private static double hc3(double[] x, double[] y, double slope, double intercept) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v / n;
        }
        double sxx = 0;
        for (double v : x) {
            sxx += (v - mean) * (v - mean);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mean;
            double leverage = 1.0 / n + dx * dx / sxx;
            if (leverage > MAX_LEVERAGE) {
                return Double.NaN;
            }
            double e = y[i] - intercept - slope * x[i];
            double scaled = e / (1 - leverage);
            sum += dx * dx * scaled * scaled;
        }
        return Math.sqrt(sum) / sxx;
    }

    /** The residuals y_i - (intercept + slope x_i) of these points. */
    public double[] residuals(double[] x, double[] y) {
        double[] e = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            e[i] = y[i] - intercept - slope * x[i];
        }
        return e;
    }

    /** The equal-variance interval, for reference. */
    public Interval slopeCi() {
        return new Interval(slopeCiLow, slopeCiHigh);
    }

    /** The interval the cost model reports: HC3, robust to a spread that changes with x. */
    public Interval robustCi() {
        return new Interval(robustCiLow, robustCiHigh);
    }
}
