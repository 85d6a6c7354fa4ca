package io.kubensbench.analysis.stats;

/**
 * A confidence interval. Verdicts ask whether it excludes a value, and an interval that
 * could not be computed (NaN bounds) excludes nothing, so missing data never reads as a
 * significant result.
 */
public record Interval(double low, double high) {

    public static Interval undefined() {
        return new Interval(Double.NaN, Double.NaN);
    }

    public boolean defined() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    /** True only for a defined interval that lies wholly on one side of {@code value}. */
    public boolean excludes(double value) {
        return defined() && !contains(value);
    }

    public double width() {
        return high - low;
    }
}
