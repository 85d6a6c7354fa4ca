package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.model.LoadModels;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.Unreadable;
import io.kubensbench.analysis.stats.Holm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Turns a campaign's runs into its {@link Summary}: one {@link CellResult} per level, a
 * {@link CostModel} per arm and predictor, and a load model per encapsulation state
 * ({@link LoadModels}). The unit of analysis is a run (systemd's CPU over
 * its measure window, from counter deltas); invalid runs are left out and counted with their
 * reasons. Pooling several results directories is concatenating their runs.
 *
 * <p>Per level: Welch's t-test of the difference, Fieller's interval of the reduction, the
 * exact rank test as a check, Hedges' g and Cliff's delta, and the power of the test at the
 * runs measured. The levels of a campaign are judged together: their deciding p-values are
 * adjusted by Holm's method, so the chance of a false verdict anywhere in an A/A campaign
 * stays at or below {@value #ALPHA} however many levels it has. {@link VerdictRule} turns
 * the figures into the verdict.
 *
 * <p>Several nodes: a cluster campaign measures every selected node in each run, one record
 * per node. Nodes differ (hardware, the pods already on them), so the node is a block: each
 * node is its own baseline, and its runs are nested in it. When the valid runs span more
 * than one node, the summary also carries each node analysed on its own ({@link NodeResult},
 * the same code path as a single-node campaign, its levels a Holm family of their own), and
 * each level with at least 2 nodes having valid runs in both arms gets a
 * {@link BlockedResult}, on which the level's verdict then rests (the paired t over per-node
 * means, Fieller's paired interval of the pooled reduction). With fewer than 2 such nodes
 * the verdict stays the run-level one. A single-node campaign gets exactly the run-level
 * analysis, with no nodes and no blocked results.
 *
 * <p>The design: given the order the runs went in, the summary carries it ({@link Design}),
 * and for {@code aba} each level's drift between the baseline's segments before and after
 * the candidate ({@link Drift}), set against the level's effect. Verdicts do not change with
 * it; what the design cannot separate is said beside them.
 */
public final class Analyzer {

    public static final int MIN_RUNS_PER_ARM = 3;
    public static final double ALPHA = 0.05;
    public static final double CONFIDENCE = 0.95;

    public Analyzer() {
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
        return analyze(campaign, sources, runs, baselineArm, candidateArm, unreadable, null);
    }

    /**
     * As above, for runs that went in {@code order} ({@link Design#orderOf}): the summary says
     * what that design separates, and for {@code aba} estimates each level's drift from the
     * baseline's two segments.
     *
     * @param order the design's order, null when unknown
     */
    public Summary analyze(String campaign, List<String> sources, List<RunRecord> runs, String baselineArm,
                           String candidateArm, List<Unreadable> unreadable, String order) {
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
            BlockedComparison.byNode(runs).forEach((node, nodeRuns) -> nodes.add(new NodeResult(node, nodeRuns.size(),
                    (int) nodeRuns.stream().filter(RunRecord::valid).count(),
                    cells(nodeRuns, baselineArm, candidateArm))));
        }
        List<CostModel> models = new ArrayList<>();
        for (String arm : List.of(baselineArm, candidateArm)) {
            List<RunRecord> armRuns = valid.stream().filter(r -> arm.equals(r.arm())).toList();
            List<RunRecord> counted = armRuns.stream().filter(r -> r.systemdMounts() >= 0).toList();
            CostModel.fit(arm, CostModel.MOUNTS, values(counted, r -> r.systemdMounts()), values(counted, RunRecord::systemdCores),
                    counted.stream().map(RunRecord::level).toList()).ifPresent(models::add);
            List<RunRecord> withEvents = armRuns.stream().filter(r -> Double.isFinite(r.mountEventsPerSecond()))
                    .toList();
            CostModel.fit(arm, CostModel.EVENTS, values(withEvents, RunRecord::mountEventsPerSecond),
                    values(withEvents, RunRecord::systemdCores), withEvents.stream().map(RunRecord::level).toList())
                    .ifPresent(models::add);
        }
        List<CellResult> cells = cells(runs, baselineArm, candidateArm);
        Design design = order == null ? null : new Design(order, Design.ABA.equals(order)
                ? DriftEstimate.of(runs, cells, baselineArm) : List.of());
        return new Summary(campaign, List.copyOf(sources), baselineArm, candidateArm, runs.size(), valid.size(),
                Arms.reasons(runs), cells, List.copyOf(nodes), List.copyOf(models), unreadable, design, null, null,
                LoadModels.fit(runs));
    }

    /** One cell per level, in the order levels first appear; the levels' p-values one Holm family. */
    private static List<CellResult> cells(List<RunRecord> runs, String baselineArm, String candidateArm) {
        Map<String, List<RunRecord>> byLevel = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            byLevel.computeIfAbsent(r.level(), k -> new ArrayList<>()).add(r);
        }
        List<LevelComparison> levels = byLevel.entrySet().stream()
                .map(e -> new LevelComparison(e.getKey(), e.getValue(), baselineArm, candidateArm)).toList();
        double[] p = levels.stream().mapToDouble(LevelComparison::p).toArray();
        double[] adjusted = Holm.adjust(p);
        int family = Holm.familySize(p);
        List<CellResult> cells = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            cells.add(levels.get(i).cell(adjusted[i], family));
        }
        return List.copyOf(cells);
    }

    private static double[] values(List<RunRecord> runs, ToDoubleFunction<RunRecord> f) {
        return runs.stream().mapToDouble(f).toArray();
    }
}
