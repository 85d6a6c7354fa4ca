package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.Interval;

/**
 * How a level's figures become its {@link Verdict}, in this order:
 * <ol>
 * <li>{@link Verdict#INSUFFICIENT_DATA} with fewer than {@value Analyzer#MIN_RUNS_PER_ARM}
 *     valid runs in either arm;</li>
 * <li>{@link Verdict#UNTESTABLE} when there is no run-to-run variation to test against: both
 *     arms constant within the counters' resolution, or (nodes as blocks) every node's
 *     difference the same within it. A t statistic would divide by float noise there
 *     (t = -2.5e13 for 0.1% of a core); the values are stated instead;</li>
 * <li>{@link Verdict#REDUCED} (or {@link Verdict#INCREASED}) when the deciding test's
 *     Holm-adjusted p is below {@value Analyzer#ALPHA}, the difference is negative
 *     (positive), and the reduction's interval, where Fieller's is bounded, excludes 0. An
 *     arm at 0 ns in every run (the lab's on arm) or constant has no interval; the test, which
 *     then compares the other arm's runs with that value, decides alone;</li>
 * <li>{@link Verdict#NO_SIGNIFICANT_DIFFERENCE} otherwise.</li>
 * </ol>
 * The deciding test is Welch's t over runs, or the paired t over per-node means when the
 * level has nodes as blocks. The exact rank test beside it cannot reach 0.05 at all with 3
 * runs per arm, the lab's default, so it checks and never decides; where it could have
 * reached 0.05 and disagrees, the verdict is marked fragile.
 */
final class VerdictRule {

    private VerdictRule() {
    }

    /**
     * @param varies     whether there is run-to-run variation to test against
     * @param holmP      the deciding test's Holm-adjusted p
     * @param difference mean(candidate) - mean(baseline) by the deciding method, for the direction
     */
    static Verdict of(int nBaseline, int nCandidate, boolean varies, double holmP, IntervalKind kind,
                      Interval reductionCi, double difference) {
        if (nBaseline < Analyzer.MIN_RUNS_PER_ARM || nCandidate < Analyzer.MIN_RUNS_PER_ARM) {
            return Verdict.INSUFFICIENT_DATA;
        }
        if (!varies) {
            return Verdict.UNTESTABLE;
        }
        boolean intervalAgrees = kind != IntervalKind.ESTIMATED || reductionCi.excludes(0);
        boolean significant = holmP < Analyzer.ALPHA && intervalAgrees;
        if (significant && difference < 0) {
            return Verdict.REDUCED;
        }
        if (significant && difference > 0) {
            return Verdict.INCREASED;
        }
        return Verdict.NO_SIGNIFICANT_DIFFERENCE;
    }
}
