package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.Unreadable;
import io.kubensbench.analysis.stats.Bootstrap;
import io.kubensbench.analysis.stats.Descriptive;
import io.kubensbench.analysis.stats.EffectSize;
import io.kubensbench.analysis.stats.Interval;
import io.kubensbench.analysis.stats.MannWhitney;
import io.kubensbench.analysis.stats.PairedTTest;
import io.kubensbench.analysis.stats.Power;
import io.kubensbench.analysis.stats.WelchTest;
import io.kubensbench.analysis.stats.WilcoxonSignedRank;
import io.kubensbench.analysis.text.Wording;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Turns a campaign's runs into its {@link Summary}: one {@link CellResult} per level and a
 * {@link CostModel} per arm and predictor. The unit of analysis is a run (systemd's CPU over
 * its measure window, from counter deltas); invalid runs are left out and counted with their
 * reasons. Pooling several results directories is concatenating their runs.
 *
 * <p>The verdict of a level: {@link Verdict#INSUFFICIENT_DATA} with fewer than
 * {@value #MIN_RUNS_PER_ARM} valid runs in either arm; {@link Verdict#REDUCED} when Welch's
 * p &lt; {@value #ALPHA}, the bootstrap interval of the reduction excludes 0 and the
 * candidate's mean is lower; {@link Verdict#INCREASED} likewise when it is higher;
 * {@link Verdict#NO_SIGNIFICANT_DIFFERENCE} otherwise. Requiring both the test and the
 * interval keeps a verdict from resting on one method's assumptions alone.
 *
 * <p>Several nodes: a cluster campaign measures every selected node in each run, one record
 * per node. Nodes differ (hardware, the pods already on them), so the node is a block: each
 * node is its own baseline, and its runs are nested in it. When the valid runs span more
 * than one node, the summary also carries each node analysed on its own ({@link NodeResult},
 * the same code path as a single-node campaign), and each level with at least 2 nodes
 * having valid runs in both arms gets a {@link BlockedResult}. The level's verdict then rests
 * on the blocked figures: still {@link Verdict#INSUFFICIENT_DATA} with fewer than
 * {@value #MIN_RUNS_PER_ARM} valid runs in either arm over all nodes; otherwise
 * {@link Verdict#REDUCED} (or {@link Verdict#INCREASED}) when the paired t-test over the
 * per-node means has p &lt; {@value #ALPHA}, the node bootstrap interval of the pooled
 * reduction excludes 0 and the mean per-node difference is negative (positive); else
 * {@link Verdict#NO_SIGNIFICANT_DIFFERENCE}. With fewer than 2 such nodes the verdict stays
 * the run-level one. A single-node campaign gets exactly the run-level analysis, with no
 * nodes and no blocked results.
 */
public final class Analyzer {

    public static final int MIN_RUNS_PER_ARM = 3;
    public static final double ALPHA = 0.05;
    public static final double CONFIDENCE = 0.95;

    private final Bootstrap bootstrap;

    public Analyzer(long seed, int resamples) {
        this.bootstrap = new Bootstrap(seed, resamples);
    }

    /**
     * @param sources the directories the runs come from, recorded in the summary
     * @throws IllegalArgumentException when the arms are equal or a run belongs to neither
     */
    public Summary analyze(String campaign, List<String> sources, List<RunRecord> runs, String baselineArm,
                           String candidateArm) {
        return analyze(campaign, sources, runs, baselineArm, candidateArm, List.of());
    }

    /**
     * As above, for runs read from directories with lines that could not be read.
     *
     * @param unreadable the lines left out, named in the summary
     */
    public Summary analyze(String campaign, List<String> sources, List<RunRecord> runs, String baselineArm,
                           String candidateArm, List<Unreadable> unreadable) {
        Objects.requireNonNull(baselineArm, "baselineArm");
        Objects.requireNonNull(candidateArm, "candidateArm");
        if (baselineArm.equals(candidateArm)) {
            throw new IllegalArgumentException("the baseline and candidate arms are both '" + baselineArm + "'");
        }
        Set<String> others = runs.stream().map(RunRecord::arm)
                .filter(a -> !baselineArm.equals(a) && !candidateArm.equals(a))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!others.isEmpty()) {
            throw new IllegalArgumentException("runs of arm(s) " + others + " are neither the baseline arm '"
                    + baselineArm + "' nor the candidate arm '" + candidateArm + "'");
        }
        List<RunRecord> valid = runs.stream().filter(RunRecord::valid).toList();
        List<NodeResult> nodes = new ArrayList<>();
        if (valid.stream().map(RunRecord::node).distinct().count() > 1) {
            byNode(runs).forEach((node, nodeRuns) -> nodes.add(new NodeResult(node, nodeRuns.size(),
                    (int) nodeRuns.stream().filter(RunRecord::valid).count(),
                    cells(nodeRuns, baselineArm, candidateArm))));
        }
        List<CostModel> models = new ArrayList<>();
        for (String arm : List.of(baselineArm, candidateArm)) {
            List<RunRecord> armRuns = valid.stream().filter(r -> arm.equals(r.arm())).toList();
            List<RunRecord> counted = armRuns.stream().filter(r -> r.systemdMounts() >= 0).toList();
            CostModel.fit(arm, CostModel.MOUNTS, values(counted, r -> r.systemdMounts()), values(counted, RunRecord::systemdCores),
                    counted.stream().map(RunRecord::level).toList()).ifPresent(models::add);
            CostModel.fit(arm, CostModel.EVENTS, values(armRuns, RunRecord::mountEventsPerSecond),
                    values(armRuns, RunRecord::systemdCores), armRuns.stream().map(RunRecord::level).toList())
                    .ifPresent(models::add);
        }
        return new Summary(campaign, List.copyOf(sources), baselineArm, candidateArm, runs.size(), valid.size(),
                reasons(runs), cells(runs, baselineArm, candidateArm), List.copyOf(nodes), List.copyOf(models),
                bootstrap.seed(), bootstrap.resamples(), unreadable);
    }

    /** One cell per level, in the order levels first appear. */
    private List<CellResult> cells(List<RunRecord> runs, String baselineArm, String candidateArm) {
        Map<String, List<RunRecord>> byLevel = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            byLevel.computeIfAbsent(r.level(), k -> new ArrayList<>()).add(r);
        }
        List<CellResult> cells = new ArrayList<>();
        byLevel.forEach((level, levelRuns) -> cells.add(cell(level, levelRuns, baselineArm, candidateArm)));
        return List.copyOf(cells);
    }

    private CellResult cell(String level, List<RunRecord> runs, String baselineArm, String candidateArm) {
        List<RunRecord> baseRuns = runs.stream().filter(r -> baselineArm.equals(r.arm())).toList();
        List<RunRecord> candRuns = runs.stream().filter(r -> candidateArm.equals(r.arm())).toList();
        double[] base = values(baseRuns.stream().filter(RunRecord::valid).toList(), RunRecord::systemdCores);
        double[] cand = values(candRuns.stream().filter(RunRecord::valid).toList(), RunRecord::systemdCores);
        ArmStats baseline = arm(baselineArm, baseRuns, base);
        ArmStats candidate = arm(candidateArm, candRuns, cand);
        Descriptive b = baseline.cores();
        Descriptive c = candidate.cores();

        Interval differenceCi = WelchTest.differenceInterval(c, b, CONFIDENCE);
        Bootstrap.Result boot = base.length >= 2 && cand.length >= 2
                ? bootstrap.of(base, cand)
                : new Bootstrap.Result(b.mean() == 0 ? Double.NaN : 1 - c.mean() / b.mean(), Interval.undefined(),
                        c.mean() - b.mean(), Interval.undefined());
        WelchTest.Result welch = WelchTest.of(c, b);
        BlockedResult blocked = blocked(runs, baselineArm, candidateArm);
        Verdict verdict = blocked == null
                ? verdict(b.n(), c.n(), welch.p(), boot.reductionCi(), boot.difference())
                : verdict(b.n(), c.n(), blocked.pairedT().p(), blocked.reductionCi(), blocked.difference());

        List<RunRecord> valid = runs.stream().filter(RunRecord::valid).toList();
        return new CellResult(level, runs.get(0).pods(), baseline, candidate,
                c.mean() - b.mean(), differenceCi.low(), differenceCi.high(),
                boot.reduction(), boot.reductionCi().low(), boot.reductionCi().high(),
                welch, MannWhitney.of(cand, base),
                EffectSize.hedgesG(base, cand), EffectSize.cliffsDelta(base, cand),
                Power.minimalDetectableEffect(b.sd(), c.sd(), b.n(), c.n()),
                Power.repetitionsPerArm(b.sd(), c.sd(), b.mean(), 0.10),
                Power.repetitionsPerArm(b.sd(), c.sd(), b.mean(), 0.50),
                meanMounts(baseRuns), meanMounts(candRuns),
                mean(values(valid, RunRecord::mountEventsPerSecond)),
                verdict, Wording.restsOn(baseline, candidate, welch, blocked, verdict, bootstrap), blocked);
    }

    /**
     * The level with nodes as blocks, or null when fewer than 2 nodes have a valid run in
     * each arm. See {@link BlockedResult} for the statistics.
     */
    private BlockedResult blocked(List<RunRecord> runs, String baselineArm, String candidateArm) {
        Map<String, List<RunRecord>> byNode = byNode(runs);
        if (byNode.size() < 2) {
            return null;
        }
        List<NodeEffect> blocks = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        double withinSquares = 0;
        int withinDf = 0;
        for (Map.Entry<String, List<RunRecord>> e : byNode.entrySet()) {
            List<RunRecord> valid = e.getValue().stream().filter(RunRecord::valid).toList();
            Descriptive b = Descriptive.of(values(valid.stream().filter(r -> baselineArm.equals(r.arm())).toList(),
                    RunRecord::systemdCores));
            Descriptive c = Descriptive.of(values(valid.stream().filter(r -> candidateArm.equals(r.arm())).toList(),
                    RunRecord::systemdCores));
            if (b.n() == 0 || c.n() == 0) {
                dropped.add(e.getKey());
                continue;
            }
            blocks.add(new NodeEffect(e.getKey(), b.n(), c.n(), b.mean(), c.mean(), c.mean() - b.mean(),
                    b.mean() == 0 ? Double.NaN : 1 - c.mean() / b.mean()));
            if (b.n() >= 2) {
                withinSquares += (b.n() - 1) * b.sd() * b.sd();
                withinDf += b.n() - 1;
            }
        }
        if (blocks.size() < 2) {
            return null;
        }
        double[] differences = blocks.stream().mapToDouble(NodeEffect::difference).toArray();
        double[] baselineMeans = blocks.stream().mapToDouble(NodeEffect::baselineMean).toArray();
        double[] candidateMeans = blocks.stream().mapToDouble(NodeEffect::candidateMean).toArray();
        Descriptive d = Descriptive.of(differences);
        Bootstrap.Result boot = bootstrap.ofBlocks(baselineMeans, candidateMeans);
        double baselineCv = withinDf == 0 ? Double.NaN
                : Math.sqrt(withinSquares / withinDf) / Math.abs(Descriptive.of(baselineMeans).mean());
        return new BlockedResult(blocks.size(), List.copyOf(blocks), Collections.unmodifiableList(dropped), d,
                PairedTTest.ofDifferences(d), WilcoxonSignedRank.of(differences),
                boot.reduction(), boot.reductionCi().low(), boot.reductionCi().high(), baselineCv);
    }

    /** Runs grouped by node, in the order nodes first appear; a run without a node name is a node of its own. */
    private static Map<String, List<RunRecord>> byNode(List<RunRecord> runs) {
        Map<String, List<RunRecord>> byNode = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            byNode.computeIfAbsent(r.node(), k -> new ArrayList<>()).add(r);
        }
        return byNode;
    }

    /**
     * @param p          the deciding test's two-sided p-value
     * @param difference mean(candidate) - mean(baseline) by the same method, for the direction
     */
    private static Verdict verdict(int nBaseline, int nCandidate, double p, Interval reductionCi, double difference) {
        if (nBaseline < MIN_RUNS_PER_ARM || nCandidate < MIN_RUNS_PER_ARM) {
            return Verdict.INSUFFICIENT_DATA;
        }
        boolean significant = p < ALPHA && reductionCi.excludes(0);
        if (significant && difference < 0) {
            return Verdict.REDUCED;
        }
        if (significant && difference > 0) {
            return Verdict.INCREASED;
        }
        return Verdict.NO_SIGNIFICANT_DIFFERENCE;
    }

    private static ArmStats arm(String name, List<RunRecord> runs, double[] cores) {
        Map<String, Integer> exclusions = reasons(runs);
        String encapsulation = runs.isEmpty() ? null
                : runs.stream().map(RunRecord::encapsulation).filter(Objects::nonNull).distinct()
                        .collect(Collectors.joining(","));
        int excluded = exclusions.values().stream().mapToInt(Integer::intValue).sum();
        return new ArmStats(name, encapsulation, cores.length, excluded, exclusions, Descriptive.of(cores));
    }

    private static Map<String, Integer> reasons(List<RunRecord> runs) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            if (!r.valid()) {
                String reason = r.invalidReason() == null || r.invalidReason().isBlank()
                        ? "no reason given" : r.invalidReason();
                out.merge(reason, 1, Integer::sum);
            }
        }
        return out;
    }

    private static double meanMounts(List<RunRecord> runs) {
        return mean(values(runs.stream().filter(r -> r.valid() && r.systemdMounts() >= 0).toList(),
                r -> r.systemdMounts()));
    }

    private static double[] values(List<RunRecord> runs, ToDoubleFunction<RunRecord> f) {
        return runs.stream().mapToDouble(f).toArray();
    }

    private static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : Descriptive.of(values).mean();
    }
}
