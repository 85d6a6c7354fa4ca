package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.Interval;
import io.kubensbench.analysis.stats.MannWhitney;
import io.kubensbench.analysis.stats.WelchTest;

/**
 * The comparison of the two arms at one level: the figures a performance engineer would
 * defend, and the verdict with the sentence it rests on.
 *
 * <p>Sign convention: every between-arm figure is candidate against baseline and negative
 * when the candidate uses less CPU, i.e. when encapsulation saves: {@code difference},
 * Welch's t (of candidate, baseline), Mann-Whitney's U is the candidate's (0 when every
 * candidate run is below every baseline run), Hedges' g and Cliff's delta. Only
 * {@code reduction} = 1 - mean(candidate) / mean(baseline) is positive for a saving.
 *
 * <p>When the level's runs come from several nodes and at least 2 nodes have valid runs in
 * both arms, {@code blocked} holds the comparison with nodes as blocks, and the verdict,
 * {@code p} and {@code restsOn} rest on it; the run-level figures beside it pool the runs of
 * all nodes and ignore which node a run came from, kept for reference. Otherwise
 * {@code blocked} is null and the verdict rests on the run-level figures.
 *
 * @param pods                       pods of the level's workload
 * @param difference                 mean(candidate) - mean(baseline), in cores
 * @param differenceCiLow            Welch's 95% t interval of the difference; NaN when both arms are constant
 * @param reduction                  1 - mean(candidate) / mean(baseline); NaN when the baseline mean is 0
 * @param reductionCiLow             Fieller's 95% interval of the reduction, as {@code reductionInterval} says
 * @param reductionInterval          what the interval is: estimated, unbounded, exact by counting, or none
 * @param mannWhitney                the rank test, exact (ties included) up to {@value MannWhitney#EXACT_MAX_N}
 *                                   runs per arm; a check on the deciding test, never the decider
 * @param p                          two-sided p of the test the verdict rests on (Welch's t over runs, or the
 *                                   paired t over nodes); NaN when the level has no verdict to test
 * @param holmP                      {@code p} adjusted by Holm over the {@code holmLevels} levels of the
 *                                   campaign that have one: the verdict's p
 * @param holmLevels                 the levels in the Holm family (those with a defined {@code p})
 * @param fragile                    the deciding test and its rank check disagree at alpha 0.05 where the
 *                                   rank test could have reached it: one run decides
 * @param hedgesG                    Hedges' g with the exact small-sample factor; NaN when both arms are constant
 * @param minimalDetectableEffect    smallest difference in cores Welch's test detects at these n with power 0.8
 * @param repetitionsForTenPercent   runs per arm needed to detect a 10% reduction, at least
 *                                   {@value Analyzer#MIN_RUNS_PER_ARM} ({@code -1}: undefined)
 * @param repetitionsForFiftyPercent runs per arm needed to detect a 50% reduction ({@code -1}: undefined)
 * @param meanSystemdMountsBaseline  mean mounts in systemd's view, valid baseline runs
 * @param meanMountEventsPerSecond   mean mount events per second over the valid runs of both arms
 * @param restsOn                    what the verdict rests on: runs per arm, exclusions, degenerate arms,
 *                                   the test with its raw and adjusted p, the rank check
 * @param blocked                    the comparison with nodes as blocks; null for fewer than 2 nodes with both arms
 */
public record CellResult(
        String level, int pods, ArmStats baseline, ArmStats candidate,
        double difference, double differenceCiLow, double differenceCiHigh,
        double reduction, double reductionCiLow, double reductionCiHigh, IntervalKind reductionInterval,
        WelchTest.Result welch, MannWhitney.Result mannWhitney,
        double p, double holmP, int holmLevels, boolean fragile,
        double hedgesG, double cliffsDelta,
        double minimalDetectableEffect, int repetitionsForTenPercent, int repetitionsForFiftyPercent,
        double meanSystemdMountsBaseline, double meanSystemdMountsCandidate, double meanMountEventsPerSecond,
        Verdict verdict, String restsOn, BlockedResult blocked) {

    /** A summary written before the interval's kind was kept had a bootstrap interval, or none. */
    public CellResult {
        reductionInterval = reductionInterval != null ? reductionInterval
                : new Interval(reductionCiLow, reductionCiHigh).defined() ? IntervalKind.ESTIMATED : IntervalKind.UNDEFINED;
    }

    public Interval differenceCi() {
        return new Interval(differenceCiLow, differenceCiHigh);
    }

    public Interval reductionCi() {
        return new Interval(reductionCiLow, reductionCiHigh);
    }
}
