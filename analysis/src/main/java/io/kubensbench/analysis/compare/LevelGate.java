package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.Descriptive;
import io.kubensbench.analysis.stats.SatterthwaiteInterval;
import io.kubensbench.analysis.text.Numbers;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CI gate's checks of one level present in both campaigns: enough valid runs, the change
 * of the reduction, and the candidate arm's CPU (or, both campaigns having nodes as blocks,
 * the per-node difference). See {@link Comparison} for the rules and the exit codes.
 *
 * @param points P, the allowed drop of the reduction in percentage points and rise of the
 *               candidate arm's CPU in percent
 */
record LevelGate(double points) {

    /**
     * The checks of a level and the change of its reduction, current - baseline, with its
     * interval; null when the reduction was not compared (too few runs, nothing to save).
     */
    record Judgement(List<Finding> findings, SatterthwaiteInterval change) {
    }

    Judgement judge(CellResult b, CellResult c) {
        String level = b.level();
        int min = Analyzer.MIN_RUNS_PER_ARM;
        boolean enough = b.baseline().n() >= min && b.candidate().n() >= min
                && c.baseline().n() >= min && c.candidate().n() >= min;
        String counts = "valid runs per arm: baseline " + arms(b) + "; current " + arms(c) + "; at least " + min
                + " needed";
        if (!enough) {
            return new Judgement(List.of(Finding.fail(level, Check.VALID_RUNS, counts, Comparison.NOT_ENOUGH_RUNS)),
                    null);
        }
        ReductionEstimate before = ReductionEstimate.of(b, false);
        ReductionEstimate now = ReductionEstimate.of(c, true);
        String metric = b.blocked() != null && c.blocked() != null ? Check.DIFFERENCE : Check.CANDIDATE_CPU;
        Finding cpu;
        if (before.nothingToSave() && !now.nothingToSave()) {
            cpu = Finding.pass(level, metric, "not judged: the baseline's " + b.baseline().arm() + " arm used no CPU,"
                    + " which sets no limit");
        } else if (metric.equals(Check.DIFFERENCE)) {
            cpu = difference(level, b.blocked(), c.blocked(), b);
        } else {
            cpu = candidateCpu(level, b, c);
        }
        ReductionChange change = before.nothingToSave() || now.nothingToSave() ? null
                : ReductionChange.of(before, now, Comparison.CONFIDENCE);
        return new Judgement(List.of(Finding.pass(level, Check.VALID_RUNS, counts),
                reduction(level, b, before, now, change), cpu), change == null ? null : change.interval());
    }

    private Finding reduction(String level, CellResult b, ReductionEstimate before, ReductionEstimate now,
                              ReductionChange change) {
        String off = b.baseline().arm();
        if (before.nothingToSave() && now.nothingToSave()) {
            return Finding.pass(level, Check.REDUCTION, "the " + off + " arm used no CPU in either campaign: there is"
                    + " nothing to save, so there is no reduction to compare");
        }
        if (now.nothingToSave()) {
            return Finding.fail(level, Check.REDUCTION, "the " + off + " arm used no CPU in any current run: there"
                    + " is nothing to save, so the reduction cannot be compared with the baseline's "
                    + Numbers.percent(before.reduction()) + "; check that the workload reached systemd",
                    Comparison.INCONCLUSIVE);
        }
        if (before.nothingToSave()) {
            return Finding.fail(level, Check.REDUCTION, "the " + off + " arm used no CPU in any baseline run: the"
                    + " baseline had nothing to save, so the current reduction of " + Numbers.percent(now.reduction())
                    + " has nothing to be compared with; refresh the baseline", Comparison.INCONCLUSIVE);
        }
        SatterthwaiteInterval ci = change.interval();
        double limit = -points / 100;
        String figures = "reduction " + Numbers.percent(now.reduction()) + " against the baseline's "
                + Numbers.percent(before.reduction()) + basis(before, now) + ": change "
                + Comparison.points(change.change()) + " (" + interval(ci, before, now) + "); limit "
                + Comparison.points(limit);
        if (ci.high() < limit) {
            return Finding.fail(level, Check.REDUCTION, figures + ": the saving shrank by more than "
                    + Numbers.plain(points) + " points with confidence", Comparison.REGRESSION);
        }
        if (ci.low() >= limit) {
            return Finding.pass(level, Check.REDUCTION, figures);
        }
        String runs = change.toDecide(limit).sentence();
        if (ci.width() > points / 100) {
            return Finding.fail(level, Check.REDUCTION, figures + ": the interval is "
                    + Numbers.fixed(100 * ci.width(), 1) + " points wide, wider than the " + Numbers.plain(points) + " allowed, and reaches past the limit:"
                    + " too imprecise to tell a regression from noise; " + runs, Comparison.TOO_IMPRECISE);
        }
        return Finding.fail(level, Check.REDUCTION, figures + ": the interval reaches past the limit though it is no"
                + " wider than the " + Numbers.plain(points) + " points allowed: the change is about as large as the"
                + " limit; " + runs, Comparison.INCONCLUSIVE);
    }

    /** Where the two reductions come from, when either rests on nodes as blocks. */
    private static String basis(ReductionEstimate before, ReductionEstimate now) {
        if (before.basis().equals(now.basis())) {
            return "runs".equals(now.basis()) ? "" : " (both over " + now.basis() + ")";
        }
        return " (current over " + now.basis() + ", baseline over " + before.basis() + ")";
    }

    private static String interval(SatterthwaiteInterval ci, ReductionEstimate before, ReductionEstimate now) {
        if (ci.exact()) {
            return before.reduction() == 1 && now.reduction() == 1
                    ? "exact: the candidate arm used no CPU in any run of either campaign"
                    : "exact: no variance in either campaign's figures";
        }
        return String.format(Locale.ROOT, "%s %+.1f to %+.1f points over both campaigns, df %s", confidence(),
                100 * ci.low(), 100 * ci.high(), Numbers.fixed(ci.df(), 1));
    }

    private Finding candidateCpu(String level, CellResult b, CellResult c) {
        Descriptive before = b.candidate().cores();
        Descriptive now = c.candidate().cores();
        SatterthwaiteInterval rise = SatterthwaiteInterval.of(now.mean() - before.mean(),
                List.of(part(now), part(before)), Comparison.CONFIDENCE);
        double threshold = threshold(b);
        String figures = String.format(Locale.ROOT,
                "%s arm's systemd CPU %s cores against the baseline's %s (change %s cores, %s %s to %s);"
                        + " limit +%s cores (%s%% of the baseline's %s arm, at least %s)",
                c.candidate().arm(), Numbers.fixed(now.mean(), 4), Numbers.fixed(before.mean(), 4),
                Numbers.signed(rise.estimate()), confidence(), Numbers.signed(rise.low()), Numbers.signed(rise.high()),
                Numbers.fixed(threshold, 4), Numbers.plain(points), b.baseline().arm(),
                Numbers.plain(Comparison.ABSOLUTE_FLOOR_CORES));
        return rise(level, Check.CANDIDATE_CPU, rise, threshold, figures, "higher");
    }

    /**
     * The per-node difference (candidate - baseline arm) of two campaigns with nodes as blocks:
     * paired over the nodes in both when there are at least 2, else Welch over the two
     * campaigns' per-node differences. A node busier in both arms in one campaign does not
     * move it; only a change of the saving on the nodes does.
     */
    private Finding difference(String level, BlockedResult b, BlockedResult c, CellResult baselineCell) {
        Map<String, Double> before = new HashMap<>();
        b.blocks().forEach(n -> before.put(n.node(), n.difference()));
        double[] changes = c.blocks().stream().filter(n -> before.containsKey(n.node()))
                .mapToDouble(n -> n.difference() - before.get(n.node())).toArray();
        SatterthwaiteInterval rise;
        String basis;
        if (changes.length >= 2) {
            Descriptive paired = Descriptive.of(changes);
            rise = SatterthwaiteInterval.of(paired.mean(), List.of(part(paired)), Comparison.CONFIDENCE);
            basis = "paired over the " + changes.length + " nodes in both";
        } else {
            rise = SatterthwaiteInterval.of(c.difference() - b.difference(),
                    List.of(part(c.differences()), part(b.differences())), Comparison.CONFIDENCE);
            basis = "Welch, fewer than 2 nodes in both";
        }
        double threshold = threshold(baselineCell);
        String candidate = baselineCell.candidate().arm();
        String figures = String.format(Locale.ROOT,
                "mean per-node difference (%s - %s) %s cores over %d nodes against the baseline's %s over %d"
                        + " (change %s cores, %s %s to %s, %s); limit +%s cores (%s%% of the baseline's"
                        + " %s arm, at least %s)",
                candidate, baselineCell.baseline().arm(), Numbers.signed(c.difference()), c.k(),
                Numbers.signed(b.difference()), b.k(), Numbers.signed(rise.estimate()), confidence(),
                Numbers.signed(rise.low()), Numbers.signed(rise.high()), basis, Numbers.fixed(threshold, 4),
                Numbers.plain(points), baselineCell.baseline().arm(), Numbers.plain(Comparison.ABSOLUTE_FLOOR_CORES));
        return rise(level, Check.DIFFERENCE, rise, threshold, figures, "the saving shrank");
    }

    /**
     * How far the candidate arm's CPU may rise: P% of the baseline campaign's baseline-arm CPU,
     * the unit the reduction's P points are in (a rise of the candidate arm by that much, the
     * baseline arm unchanged, is a drop of the reduction by P points), and at least
     * {@value Comparison#ABSOLUTE_FLOOR_CORES} cores.
     */
    private double threshold(CellResult baselineCell) {
        double off = baselineCell.blocked() == null ? baselineCell.baseline().cores().mean()
                : baselineCell.blocked().blocks().stream().mapToDouble(NodeEffect::baselineMean).average().orElse(0);
        return Math.max(points / 100 * off, Comparison.ABSOLUTE_FLOOR_CORES);
    }

    /** A rise of CPU judged one-sided: confirmed beyond the threshold, beyond it in the estimate only, or not. */
    private static Finding rise(String level, String metric, SatterthwaiteInterval rise, double threshold,
                                String figures, String what) {
        if (rise.low() > threshold) {
            return Finding.fail(level, metric, figures + ": " + what + " with confidence", Comparison.REGRESSION);
        }
        if (rise.estimate() > threshold) {
            return Finding.fail(level, metric, figures + ": " + what + ", but the interval does not confirm it",
                    Comparison.INCONCLUSIVE);
        }
        return Finding.pass(level, metric, figures);
    }

    private static SatterthwaiteInterval.Part part(Descriptive d) {
        double sd = Double.isNaN(d.sd()) ? 0 : d.sd();
        return new SatterthwaiteInterval.Part(sd * sd / d.n(), Math.max(d.n() - 1, 1));
    }

    private static String confidence() {
        return Math.round(100 * Comparison.CONFIDENCE) + "% CI";
    }

    private static String arms(CellResult cell) {
        return cell.baseline().arm() + " " + cell.baseline().n() + ", " + cell.candidate().arm() + " "
                + cell.candidate().n();
    }
}
