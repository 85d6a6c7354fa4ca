package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.stats.Descriptive;
import io.kubensbench.analysis.stats.EffectSize;
import io.kubensbench.analysis.stats.Fieller;
import io.kubensbench.analysis.stats.Interval;
import io.kubensbench.analysis.stats.MannWhitney;
import io.kubensbench.analysis.stats.Power;
import io.kubensbench.analysis.stats.WelchTest;
import io.kubensbench.analysis.text.Wording;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One level's figures, computed in two steps because the verdict needs the whole campaign:
 * first everything that depends on the level's own runs, including the deciding test's p;
 * then, once the campaign's p-values are Holm-adjusted together, the verdict and the
 * {@link CellResult}.
 */
final class LevelComparison {

    private final String level;
    private final int pods;
    private final ArmStats baseline;
    private final ArmStats candidate;
    private final Interval differenceCi;
    private final double reduction;
    private final Interval reductionCi;
    private final IntervalKind reductionInterval;
    private final WelchTest.Result welch;
    private final MannWhitney.Result mannWhitney;
    private final double hedgesG;
    private final double cliffsDelta;
    private final double minimalDetectableEffect;
    private final int forTenPercent;
    private final int forFiftyPercent;
    private final double mountsBaseline;
    private final double mountsCandidate;
    private final double eventsPerSecond;
    private final BlockedResult blocked;

    LevelComparison(String level, List<RunRecord> runs, String baselineArm, String candidateArm) {
        this.level = level;
        this.pods = runs.get(0).pods();
        List<RunRecord> baseRuns = runs.stream().filter(r -> baselineArm.equals(r.arm())).toList();
        List<RunRecord> candRuns = runs.stream().filter(r -> candidateArm.equals(r.arm())).toList();
        this.baseline = Arms.of(baselineArm, baseRuns);
        this.candidate = Arms.of(candidateArm, candRuns);
        double[] base = Arms.validCores(baseRuns);
        double[] cand = Arms.validCores(candRuns);
        Descriptive b = baseline.cores();
        Descriptive c = candidate.cores();
        boolean constant = baseline.constant() && candidate.constant();

        this.differenceCi = constant ? Interval.undefined() : WelchTest.differenceInterval(c, b, Analyzer.CONFIDENCE);
        this.welch = constant ? WelchTest.Result.undefined() : WelchTest.of(c, b);
        Fieller.Result ratio = Fieller.ofIndependent(c, b, Analyzer.CONFIDENCE);
        this.reduction = 1 - ratio.ratio();
        this.reductionInterval = kind(ratio);
        this.reductionCi = switch (reductionInterval) {
            case ESTIMATED, UNBOUNDED -> new Interval(1 - ratio.interval().high(), 1 - ratio.interval().low());
            default -> Interval.undefined();
        };
        this.mannWhitney = MannWhitney.of(cand, base);
        this.hedgesG = constant ? Double.NaN : EffectSize.hedgesG(base, cand);
        this.cliffsDelta = EffectSize.cliffsDelta(base, cand);
        this.minimalDetectableEffect = constant ? Double.NaN : Power.minimalDetectableEffect(b.sd(), c.sd(), b.n(), c.n());
        this.forTenPercent = constant ? Power.UNDEFINED
                : Power.repetitionsPerArm(b.sd(), c.sd(), b.mean(), 0.10, Analyzer.MIN_RUNS_PER_ARM);
        this.forFiftyPercent = constant ? Power.UNDEFINED
                : Power.repetitionsPerArm(b.sd(), c.sd(), b.mean(), 0.50, Analyzer.MIN_RUNS_PER_ARM);
        this.mountsBaseline = meanMounts(baseRuns);
        this.mountsCandidate = meanMounts(candRuns);
        this.eventsPerSecond = mean(runs.stream().filter(r -> r.valid() && Double.isFinite(r.mountEventsPerSecond()))
                .toList(), RunRecord::mountEventsPerSecond);
        this.blocked = BlockedComparison.of(runs, baselineArm, candidateArm);
    }

    /** What stands behind the reduction: counting, an arm without spread, or Fieller's set. */
    private IntervalKind kind(Fieller.Result ratio) {
        if (Double.isNaN(ratio.ratio())) {
            return IntervalKind.UNDEFINED;
        }
        if (candidate.idle()) {
            return IntervalKind.EXACT;
        }
        if (baseline.constant() || candidate.constant()) {
            return IntervalKind.CONSTANT_ARM;
        }
        return switch (ratio.shape()) {
            case BOUNDED -> IntervalKind.ESTIMATED;
            case UNBOUNDED -> IntervalKind.UNBOUNDED;
            case UNDEFINED -> IntervalKind.UNDEFINED;
        };
    }

    /** Whether there is run-to-run variation to test a difference against. */
    private boolean varies() {
        return blocked == null ? !(baseline.constant() && candidate.constant()) : !blocked.constantDifferences();
    }

    /**
     * The deciding test's two-sided p, for the campaign's Holm family; NaN when the level
     * cannot have a verdict from a test (too few runs, or nothing varied).
     */
    double p() {
        if (baseline.n() < Analyzer.MIN_RUNS_PER_ARM || candidate.n() < Analyzer.MIN_RUNS_PER_ARM || !varies()) {
            return Double.NaN;
        }
        return blocked == null ? welch.p() : blocked.pairedT().p();
    }

    /** Whether the rank check, where it could reach alpha, disagrees with the deciding test. */
    private boolean fragile() {
        double p = p();
        double check;
        boolean reachable;
        if (blocked == null) {
            check = mannWhitney.p();
            reachable = !mannWhitney.exact() || mannWhitney.smallestP() < Analyzer.ALPHA;
        } else {
            check = blocked.wilcoxon().p();
            reachable = 2 / Math.pow(2, blocked.k()) < Analyzer.ALPHA;
        }
        return !Double.isNaN(p) && !Double.isNaN(check) && reachable
                && (p < Analyzer.ALPHA) != (check < Analyzer.ALPHA);
    }

    /** The level's result once the campaign's p-values are adjusted together. */
    CellResult cell(double holmP, int holmLevels) {
        Verdict verdict = blocked == null
                ? VerdictRule.of(baseline.n(), candidate.n(), varies(), holmP, reductionInterval, reductionCi,
                        candidate.cores().mean() - baseline.cores().mean())
                : VerdictRule.of(baseline.n(), candidate.n(), varies(), holmP, blocked.reductionInterval(),
                        blocked.reductionCi(), blocked.difference());
        CellResult draft = cell(holmP, holmLevels, verdict, "");
        return cell(holmP, holmLevels, verdict, Wording.restsOn(draft));
    }

    private CellResult cell(double holmP, int holmLevels, Verdict verdict, String restsOn) {
        return new CellResult(level, pods, baseline, candidate,
                candidate.cores().mean() - baseline.cores().mean(), differenceCi.low(), differenceCi.high(),
                reduction, reductionCi.low(), reductionCi.high(), reductionInterval,
                welch, mannWhitney, p(), holmP, holmLevels, fragile(),
                hedgesG, cliffsDelta, minimalDetectableEffect, forTenPercent, forFiftyPercent,
                mountsBaseline, mountsCandidate, eventsPerSecond, verdict, restsOn, blocked);
    }

    private static double meanMounts(List<RunRecord> runs) {
        return mean(runs.stream().filter(r -> r.valid() && r.systemdMounts() >= 0).toList(), r -> r.systemdMounts());
    }

    private static double mean(List<RunRecord> runs, ToDoubleFunction<RunRecord> f) {
        return Descriptive.of(runs.stream().mapToDouble(f).toArray()).mean();
    }
}
