package io.kubensbench.analysis.stats;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Least-squares line y = intercept + slope x, for the cost model "systemd CPU per mount":
 * the slope carries the finding, so it comes with its standard error and 95% interval
 * (Student's t with n - 2 degrees of freedom).
 *
 * @param slopeCiLow  lower bound of the slope's 95% interval; NaN when n &lt; 3
 * @param slopeCiHigh upper bound, likewise
 * @param r2          coefficient of determination
 * @param slopeStdErr standard error of the slope; NaN when n &lt; 3
 */
public record LinearFit(int n, double slope, double slopeCiLow, double slopeCiHigh, double intercept, double r2,
                        double slopeStdErr) {

    public static final double CONFIDENCE = 0.95;

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
        double se = n < 3 || Double.isNaN(slope) ? Double.NaN : regression.getSlopeStdErr();
        double half = Distributions.tQuantile((1 + CONFIDENCE) / 2, n - 2) * se;
        return new LinearFit(n, slope, slope - half, slope + half, regression.getIntercept(),
                regression.getRSquare(), se);
    }

    public Interval slopeCi() {
        return new Interval(slopeCiLow, slopeCiHigh);
    }
}
