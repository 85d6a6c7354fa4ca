package io.kubensbench.analysis.stats;

import java.util.Arrays;

/**
 * What one arm of one cell looks like: location, spread and a 95% t interval of the mean.
 * The median sits beside the mean because a single disturbed run moves the mean but not the
 * median; a reader comparing the two sees it at once.
 *
 * @param sd     sample standard deviation (n - 1); NaN for n &lt; 2
 * @param ciLow  lower bound of the 95% t interval of the mean; NaN for n &lt; 2
 * @param ciHigh upper bound, likewise
 */
public record Descriptive(int n, double mean, double median, double sd, double ciLow, double ciHigh) {

    public static final double CONFIDENCE = 0.95;

    public static Descriptive of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new Descriptive(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        if (n < 2) {
            return new Descriptive(n, mean, median, Double.NaN, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double half = Distributions.tQuantile((1 + CONFIDENCE) / 2, n - 1) * sd / Math.sqrt(n);
        return new Descriptive(n, mean, median, sd, mean - half, mean + half);
    }

    /** Standard error of the mean; NaN for n &lt; 2. */
    public double standardError() {
        return sd / Math.sqrt(n);
    }

    /**
     * Coefficient of variation, sd / |mean|: the noise of an arm relative to its level.
     * Infinite when the mean is 0 and the sd is not, NaN when both are 0 or n &lt; 2.
     */
    public double cv() {
        return sd / Math.abs(mean);
    }

    public Interval ci() {
        return new Interval(ciLow, ciHigh);
    }
}
