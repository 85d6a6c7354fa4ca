package io.kubensbench.analysis.compare;

/**
 * What stands behind the reduction's interval, so no figure reads as more certain than the
 * runs allow: three identical values give no interval, and neither does an off arm whose
 * mean could be 0.
 */
public enum IntervalKind {
    /** Fieller's 95% interval, bounded: the figures in the low and high bounds. */
    ESTIMATED,
    /**
     * Fieller's set is unbounded: the baseline arm's mean is not significantly above 0, so no
     * ratio to it is ruled out; the bounds are -Infinity and Infinity.
     */
    UNBOUNDED,
    /**
     * Exact by counting: systemd used 0 ns in every candidate run, so the reduction over these
     * runs is 100% with no interval to estimate; the bounds are NaN.
     */
    EXACT,
    /**
     * No interval: an arm's runs are all within one counter step of each other, and no spread
     * can be estimated from values that do not vary; the bounds are NaN.
     */
    CONSTANT_ARM,
    /** No reduction or no interval: fewer than 2 valid runs in an arm, or a baseline mean of 0; NaN bounds. */
    UNDEFINED
}
