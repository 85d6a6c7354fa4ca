package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.Interval;

/**
 * How much the baseline arm moved over an {@code aba} campaign at one level: the mean of its
 * second segment (after the candidate) minus the mean of its first (before it), in cores. A
 * machine that warms up, a journal that grows, other tenants that come and go all move both
 * arms with time; the candidate ran between the baseline's two segments, so this drift is
 * what could pass for part of the effect, and a drift that is a sizeable share of the effect
 * is flagged.
 *
 * <p>With runs from at least 2 nodes that each have a valid baseline run in both segments,
 * nodes are blocks as in the verdict: per node the difference of its two segment means, and
 * the t interval over the k nodes (k - 1 degrees of freedom). Otherwise the runs: a t interval
 * with the spread pooled as a coefficient of variation over both segments
 * ({@link io.kubensbench.analysis.stats.PooledCvDifference}, n1 + n2 - 2 degrees of freedom),
 * which needs 3 runs in all and holds its 95% in simulation (DriftCalibrationTest).
 *
 * @param level   the level, as the runs name it
 * @param arm     the baseline arm, whose two segments are compared
 * @param nFirst  valid baseline runs before the candidate (segment 0)
 * @param nSecond valid baseline runs after it (segment 2)
 * @param nodes   nodes as blocks, or 0 when the interval is over runs
 * @param drift   second segment's mean minus the first's, in cores; NaN when a segment has no valid run
 * @param ciLow   the 95% interval's lower bound; NaN without one (see {@code kind})
 * @param ciHigh  its upper bound
 * @param df      the interval's degrees of freedom; 0 without one
 * @param kind    what the interval is
 * @param effect  the level's effect it is set against: the candidate's mean minus the
 *                baseline's (per node, with nodes as blocks), in cores
 * @param share   |drift| / |effect|; NaN when either is undefined
 * @param flagged whether the drift is at least {@link #SIZEABLE_SHARE} of the effect
 */
public record Drift(String level, String arm, int nFirst, int nSecond, int nodes, double drift, double ciLow,
                    double ciHigh, double df, Kind kind, double effect, double share, boolean flagged) {

    /**
     * A drift this share of the effect or more is flagged. The candidate's segment sits between
     * the baseline's, so a steady drift largely cancels; but with an odd number of repetitions
     * the baseline's two segments are of unequal length, and about a fifth of the drift then
     * stays in the effect (2 + 1 repetitions: the candidate's midpoint is one repetition from
     * the baseline's mean time, of 4.5 between the segments' midpoints). At a tenth of the
     * effect the drift can still move it by about 2%; above that a reader should look.
     */
    public static final double SIZEABLE_SHARE = 0.1;

    /** What stands behind the drift's interval. */
    public enum Kind {
        /** A 95% t interval, over runs or with nodes as blocks. */
        ESTIMATED,
        /** One run in each segment: a difference, but no spread to give it an interval. */
        NO_INTERVAL,
        /**
         * Nodes as blocks, every node's drift the same to within the counters' resolution: a
         * drift, but no spread to give it an interval.
         */
        UNIFORM,
        /** Every run of both segments within the counters' resolution: no drift to measure. */
        CONSTANT,
        /** A segment without a valid baseline run: no drift. */
        MISSING
    }

    public Interval ci() {
        return new Interval(ciLow, ciHigh);
    }
}
