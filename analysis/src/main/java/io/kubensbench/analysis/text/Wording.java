package io.kubensbench.analysis.text;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.ArmStats;
import io.kubensbench.analysis.compare.BlockedResult;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.CostModel;
import io.kubensbench.analysis.compare.Drift;
import io.kubensbench.analysis.compare.LevelResidual;
import io.kubensbench.analysis.compare.Observation;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.Verdict;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.RolloutRecord;
import io.kubensbench.analysis.stats.MannWhitney;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The sentences about a level's verdict: the verdict with its numbers, what it rests on, and
 * the comparison with nodes as blocks. A level measured on several nodes is always worded with
 * the blocked figures its verdict rests on, never the pooled runs' (which would let the
 * node-to-node spread pass for noise); an arm that did not vary is said as it is, never given
 * an interval; and the terminal and every report word it alike.
 */
public final class Wording {

    private Wording() {
    }

    /**
     * The verdict of one level in one sentence with its numbers: "At pods=50, encapsulation
     * reduced systemd's CPU by 96.4% (95% CI 96.0% to 96.6%), from ... ; Welch p = 0.0003;
     * n = 4 off and 3 on runs; systemd 252."
     *
     * @param env where the campaign ran, for the systemd version; null when unknown
     */
    public static String verdict(Summary s, CellResult c, Environment env) {
        BlockedResult k = c.blocked();
        String reduction = k == null ? Reductions.sentence(c) : Reductions.sentence(k);
        StringBuilder b = new StringBuilder();
        b.append("At ").append(c.level()).append(", encapsulation ");
        switch (c.verdict()) {
            case REDUCED -> b.append("reduced systemd's CPU by ").append(reduction);
            case INCREASED -> b.append("increased systemd's CPU (reduction ").append(reduction).append(')');
            case NO_SIGNIFICANT_DIFFERENCE -> {
                b.append("made no significant difference to systemd's CPU (reduction ").append(reduction);
                if (k == null) {
                    b.append(", minimal detectable effect ").append(Numbers.cores(c.minimalDetectableEffect()));
                }
                b.append(')');
            }
            case UNTESTABLE -> b.append("could not be tested: neither arm varied from run to run (reduction ")
                    .append(reduction).append(')');
            default -> b.append("could not be judged: ").append(missingArm(c).orElse("insufficient data"))
                    .append(k == null || missingArm(c).isPresent() ? "" : " (reduction " + reduction + ")");
        }
        if (missingArm(c).isPresent()) {
            ArmStats measured = c.baseline().n() + c.baseline().excluded() > 0 ? c.baseline() : c.candidate();
            b.append("; systemd used ").append(Reductions.armMean(measured)).append(" (").append(measured.arm())
                    .append(')');
        } else if (k == null) {
            b.append(", from ").append(Reductions.armMean(c.baseline())).append(" (").append(s.baselineArm())
                    .append(") to ").append(Reductions.armMean(c.candidate())).append(" (").append(s.candidateArm())
                    .append(')');
            if (!Double.isNaN(c.p())) {
                b.append("; Welch p ").append(Numbers.pIs(c.p())).append(holm(c));
            }
        } else {
            b.append(", with ").append(k.k()).append(" nodes as blocks: mean per-node difference ")
                    .append(Numbers.coresWithCi(k.difference(), k.differenceCi()))
                    .append(", paired t p ").append(Numbers.pIs(k.pairedT().p())).append(holm(c));
            if (!k.dropped().isEmpty()) {
                b.append("; ").append(leftOut(k.dropped()));
            }
        }
        if (c.fragile()) {
            b.append("; fragile: the rank test disagrees, one run decides");
        }
        return b.append("; n = ").append(c.baseline().n()).append(' ').append(s.baselineArm()).append(" and ")
                .append(c.candidate().n()).append(' ').append(s.candidateArm()).append(" runs; systemd ")
                .append(SystemdVersion.of(env).replaceFirst("^systemd\\s+", "")).append('.').toString();
    }

    /**
     * What a level's verdict rests on: valid runs per arm, what was excluded and why, an arm
     * that did not vary, the deciding test with its p and its Holm-adjusted p, and the rank
     * test beside it: whether it could reach 0.05 at all, and when it disagrees. The analysis
     * stores it with the level.
     */
    public static String restsOn(CellResult c) {
        ArmStats baseline = c.baseline();
        ArmStats candidate = c.candidate();
        StringBuilder s = new StringBuilder()
                .append("n = ").append(baseline.n()).append(' ').append(baseline.arm()).append(", ")
                .append(candidate.n()).append(' ').append(candidate.arm()).append(" valid runs");
        Map<String, Integer> exclusions = new LinkedHashMap<>(baseline.exclusions());
        candidate.exclusions().forEach((reason, count) -> exclusions.merge(reason, count, Integer::sum));
        int excluded = baseline.excluded() + candidate.excluded();
        if (excluded > 0) {
            s.append(" (").append(excluded).append(" excluded: ").append(exclusions.entrySet().stream()
                    .map(e -> e.getValue() == 1 ? e.getKey() : e.getKey() + " (" + e.getValue() + " runs)")
                    .collect(Collectors.joining(", "))).append(')');
        }
        List<String> still = new ArrayList<>();
        for (ArmStats arm : List.of(baseline, candidate)) {
            Reductions.stillness(arm).ifPresent(still::add);
        }
        if (!still.isEmpty()) {
            s.append("; ").append(String.join("; ", still));
        }
        if (c.verdict() == Verdict.INSUFFICIENT_DATA) {
            return s.append("; ").append(missingArm(c).orElse("at least " + Analyzer.MIN_RUNS_PER_ARM
                    + " valid runs per arm are needed for a verdict")).toString();
        }
        if (c.verdict() == Verdict.UNTESTABLE) {
            return s.append(c.blocked() == null ? "; no run-to-run variation in either arm, so no test"
                    : "; every node's difference the same to within the counters' resolution, so no test").toString();
        }
        BlockedResult blocked = c.blocked();
        if (blocked == null) {
            s.append("; verdict on Welch's t, p ").append(Numbers.pIs(c.p())).append(holm(c)).append("; ")
                    .append(rankTest(c.mannWhitney(), baseline.n(), candidate.n()));
            if (c.fragile()) {
                s.append("; fragile: Welch and the rank test disagree at 0.05, one run decides");
            }
            return s.toString();
        }
        s.append("; ").append(blocked.k()).append(" nodes as blocks, verdict on the paired t over per-node means, p ")
                .append(Numbers.pIs(blocked.pairedT().p())).append(holm(c));
        if (!blocked.dropped().isEmpty()) {
            s.append(" (").append(leftOut(blocked.dropped())).append(')');
        }
        if (!Double.isNaN(blocked.wilcoxon().p())) {
            s.append("; Wilcoxon signed-rank exact p ").append(Numbers.pIs(blocked.wilcoxon().p()));
        }
        if (c.fragile()) {
            s.append("; fragile: the paired t and the signed-rank test disagree at 0.05, one node decides");
        }
        return s.toString();
    }

    /**
     * The degenerate case of a level measured in one arm only, named: "only off has runs, so
     * no comparison is possible". Empty when both arms have runs, valid or not.
     */
    public static Optional<String> missingArm(CellResult c) {
        boolean baseline = c.baseline().n() + c.baseline().excluded() > 0;
        boolean candidate = c.candidate().n() + c.candidate().excluded() > 0;
        if (baseline == candidate) {
            return Optional.empty();
        }
        return Optional.of("only " + (baseline ? c.baseline() : c.candidate()).arm() + " has runs, and no "
                + (baseline ? c.candidate() : c.baseline()).arm() + " run was made, so no comparison is possible");
    }

    /**
     * What an observation of the nodes' own workload can say, one sentence per line: that the
     * load was not kubens-bench's; with one arm, that no comparison is possible and how to get
     * one; with both, that the design is blocked (arm and time confounded) and its windows are
     * consecutive stretches, not independent runs.
     */
    public static List<String> observation(Observation o) {
        return ObservedText.lines(o);
    }

    /**
     * One node in one arm of an observation, in one line: "worker-a, off: 12.31% of a core (11.90%
     * to 12.80%) over 20 windows, 3,412 mounts in systemd's view, 140.0 mount events/s"; events the
     * probe did not count are said so, never shown as 0.
     */
    public static String observedNode(Observation.NodeArm n) {
        return ObservedText.node(n);
    }

    /**
     * The rank test as a check: "exact rank test p = 0.0079", or with the floor it cannot go
     * below when that is 0.05 or more: "exact rank test p = 0.1000, the smallest it can give
     * with 3 and 3 runs".
     */
    static String rankTest(MannWhitney.Result r, int nBaseline, int nCandidate) {
        if (Double.isNaN(r.p())) {
            return "no rank test";
        }
        if (!r.exact()) {
            return "rank test p " + Numbers.pIs(r.p()) + " (normal approximation)";
        }
        String test = "exact rank test p " + Numbers.pIs(r.p());
        if (r.smallestP() < Analyzer.ALPHA) {
            return test;
        }
        return test + (r.p() <= r.smallestP() ? ", the smallest it can give" : ", never below "
                + Numbers.p(r.smallestP())) + " with " + nBaseline + " and " + nCandidate + " runs";
    }

    /** ", Holm-adjusted over 4 levels p = 0.0024" when the campaign judged more than one level; else nothing. */
    private static String holm(CellResult c) {
        return c.holmLevels() > 1 && !Double.isNaN(c.holmP())
                ? ", Holm-adjusted over " + c.holmLevels() + " levels p " + Numbers.pIs(c.holmP()) : "";
    }

    /**
     * A level with nodes as blocks in one sentence: the mean per-node difference, its tests and
     * the pooled reduction; for a level without blocks, that its verdict rests on the pooled runs.
     */
    public static String blocked(BlockedResult b) {
        if (b == null) {
            return "fewer than 2 nodes with valid runs in both arms; the verdict rests on the pooled runs.";
        }
        return b.k() + " nodes; mean per-node difference " + Numbers.coresWithCi(b.difference(), b.differenceCi())
                + ", paired t p " + Numbers.pIs(b.pairedT().p())
                + (Double.isNaN(b.wilcoxon().p()) ? "" : ", Wilcoxon signed-rank p " + Numbers.pIs(b.wilcoxon().p()))
                + "; pooled reduction " + Reductions.sentence(b)
                + (b.dropped().isEmpty() ? "" : "; " + leftOut(b.dropped())) + ".";
    }

    /** The run-level reduction in a sentence: "97.1% (95% CI 95.0% to 99.0%)", "100.0% by counting (...)". */
    public static String reduction(CellResult c) {
        return Reductions.sentence(c);
    }

    /** The pooled reduction over nodes: "93.1% (95% CI 90.2% to 95.8%, Fieller over nodes)", or "-". */
    public static String reduction(BlockedResult b) {
        return Reductions.sentence(b);
    }

    /** The run-level reduction in a table cell: "96.4% [96.0, 96.6]", "100.0% by counting", "12.0% [unbounded]". */
    public static String reductionBracketed(CellResult c) {
        return Reductions.bracketed(c);
    }

    /** The pooled reduction over nodes in a table cell. */
    public static String reductionBracketed(BlockedResult b) {
        return Reductions.bracketed(b);
    }

    /** An arm's mean as a sentence names it: "6.03% of a core", "0 ns in all 3 runs". */
    public static String armMean(ArmStats arm) {
        return Reductions.armMean(arm);
    }

    /** An arm's mean with its interval in a table, "6.03% of a core [5.03, 7.03]", or "0 ns in all 3 runs". */
    public static String armMeanBracketed(ArmStats arm) {
        return Reductions.armMeanBracketed(arm, false);
    }

    /** The same under a heading that names the unit: "6.03% [5.03, 7.03]", "0.10% in every run". */
    public static String armShareBracketed(ArmStats arm) {
        return Reductions.armMeanBracketed(arm, true);
    }

    /**
     * The verdict's label, saying when it rests on nodes as blocks and when one run decides it:
     * "reduced (nodes as blocks)", "no significant difference (fragile)".
     */
    public static String label(CellResult c) {
        return c.verdict().label() + (c.blocked() == null ? "" : " (nodes as blocks)") + (c.fragile() ? " (fragile)" : "");
    }

    /** The test the verdict rests on with its p, for a table: "Welch 0.0003", "paired t 0.0120 (Holm 0.0240)". */
    public static String test(CellResult c) {
        String test = c.blocked() == null ? "Welch " : "paired t ";
        return test + Numbers.p(c.p()) + (c.holmLevels() > 1 && !Double.isNaN(c.holmP())
                ? " (Holm " + Numbers.p(c.holmP()) + ")" : "");
    }

    /**
     * "off: 10.506% of a core per 1,000 mounts (95% CI 8.105 to 12.907, robust to unequal spread),
     * intercept -0.17% of a core, R² 0.976, 8 runs; the line fits every level (largest mean
     * residual 1.9 standard errors of its level's runs, at pods=50)", or "; the line misses
     * pods=50 (mean residual -1.20% of a core, 9.8 standard errors of its runs, beyond 8.9)".
     */
    public static String costModel(CostModel m) {
        String ci = m.rateCi().defined()
                ? String.format(Locale.ROOT, "95%% CI %.3f to %.3f, robust to unequal spread", m.rateCi().low(),
                        m.rateCi().high())
                : "no interval: a run alone at its load";
        return String.format(Locale.ROOT, "%s: %.3f%% of a core per %s (%s), intercept %s, R\u00b2 %.3f, %d runs%s",
                m.arm(), m.rate(), m.unit(), ci, Numbers.cores(m.fit().intercept()), m.fit().r2(), m.fit().n(),
                residuals(m));
    }

    /** The cost model's residual check per level, as a clause: which levels the line misses, or that it fits. */
    private static String residuals(CostModel m) {
        List<LevelResidual> checked = m.residuals().stream().filter(LevelResidual::checked).toList();
        String unchecked = m.residuals().stream().filter(r -> !r.checked())
                .map(r -> r.level() + " not checked (" + r.n() + (r.n() == 1 ? " run)" : " runs)"))
                .collect(Collectors.joining(", "));
        String tail = unchecked.isEmpty() ? "" : "; " + unchecked;
        if (checked.isEmpty()) {
            return tail;
        }
        if (m.missed().isEmpty()) {
            LevelResidual worst = checked.stream().max(Comparator.comparingDouble(r -> Math.abs(r.t()))).orElseThrow();
            return String.format(Locale.ROOT, "; the line fits every level (largest mean residual %.1f standard errors"
                    + " of its level's runs, at %s)", Math.abs(worst.t()), worst.level()) + tail;
        }
        return "; the line misses " + m.missed().stream().map(r -> String.format(Locale.ROOT,
                "%s (mean residual %s%s, %s)", r.level(), r.meanResidual() > 0 ? "+" : "", Numbers.cores(r.meanResidual()),
                Double.isInfinite(r.t()) ? "its runs all equal"
                        : String.format(Locale.ROOT, "%.1f standard errors of its runs, beyond %.1f", Math.abs(r.t()),
                                r.critical())))
                .collect(Collectors.joining(", ")) + tail;
    }

    /**
     * What the campaign's design lets the analysis separate, in one sentence: "design: aba, off
     * runs before and after the on runs, so a drift over time is estimated per level ...";
     * empty when the order is not known.
     */
    public static Optional<String> design(Summary s) {
        // An observation says what its blocked order means in its own words (observation()).
        return s.observed() ? Optional.empty() : Designs.design(s);
    }

    /**
     * What to put next to a level's verdict about its design: for a blocked campaign that the
     * arm is confounded with time; for {@code aba} a drift that is a sizeable share of the
     * effect; otherwise nothing.
     */
    public static Optional<String> caveat(Summary s, CellResult c) {
        return Designs.caveat(s, c);
    }

    /**
     * A level's drift in an {@code aba} campaign: "off drifted +0.40% of a core (95% CI -0.80% to
     * 1.60%, 2 runs before on and 1 after), 3.1% of the effect", or why there is none.
     */
    public static String drift(Summary s, Drift d) {
        return Designs.drift(s, d);
    }

    /**
     * A rollout in one line: "rollout off to on before run #6: 31m12s, pools infra 2, worker 3
     * (5 nodes; 99-kubens-worker)", or how it ended when it did not finish.
     */
    public static String rollout(RolloutRecord r) {
        return Designs.rollout(r);
    }

    /** Nodes a level's blocks leave out: "left out for lacking a valid run in an arm: node-d". */
    private static String leftOut(List<String> nodes) {
        return "left out for lacking a valid run in an arm: " + String.join(", ", nodes);
    }
}
