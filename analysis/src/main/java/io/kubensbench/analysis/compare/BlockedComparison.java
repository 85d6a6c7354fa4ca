package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.stats.Descriptive;
import io.kubensbench.analysis.stats.Fieller;
import io.kubensbench.analysis.stats.PairedTTest;
import io.kubensbench.analysis.stats.WilcoxonSignedRank;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a level's {@link BlockedResult}: the runs grouped by node, each node with a valid run
 * in both arms one block. See {@link BlockedResult} for the statistics.
 */
final class BlockedComparison {

    private BlockedComparison() {
    }

    /** The level with nodes as blocks, or null when fewer than 2 nodes have a valid run in each arm. */
    static BlockedResult of(List<RunRecord> runs, String baselineArm, String candidateArm) {
        Map<String, List<RunRecord>> byNode = byNode(runs);
        if (byNode.size() < 2) {
            return null;
        }
        List<NodeEffect> blocks = new ArrayList<>();
        List<Descriptive> baselines = new ArrayList<>();
        List<Descriptive> candidates = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        double withinSquares = 0;
        int withinDf = 0;
        double resolution = 0;
        for (Map.Entry<String, List<RunRecord>> e : byNode.entrySet()) {
            List<RunRecord> valid = e.getValue().stream().filter(RunRecord::valid).toList();
            Descriptive b = Descriptive.of(cores(valid, baselineArm));
            Descriptive c = Descriptive.of(cores(valid, candidateArm));
            if (b.n() == 0 || c.n() == 0) {
                dropped.add(e.getKey());
                continue;
            }
            blocks.add(new NodeEffect(e.getKey(), b.n(), c.n(), b.mean(), c.mean(), c.mean() - b.mean(),
                    b.mean() == 0 ? Double.NaN : 1 - c.mean() / b.mean()));
            baselines.add(b);
            candidates.add(c);
            if (b.n() >= 2) {
                withinSquares += (b.n() - 1) * b.sd() * b.sd();
                withinDf += b.n() - 1;
            }
            resolution = Math.max(resolution, valid.stream().mapToDouble(RunRecord::systemdResolution)
                    .filter(r -> !Double.isNaN(r)).max().orElse(0));
        }
        if (blocks.size() < 2) {
            return null;
        }
        double[] differences = blocks.stream().mapToDouble(NodeEffect::difference).toArray();
        double[] baselineMeans = blocks.stream().mapToDouble(NodeEffect::baselineMean).toArray();
        Descriptive d = Descriptive.of(differences);
        // a per-node difference is a difference of two means, each as fine as one counter step
        boolean constant = max(differences) - min(differences) <= 2 * resolution;
        Fieller.Result ratio = Fieller.ofSums(candidates, baselines, Analyzer.CONFIDENCE);
        double reduction = 1 - ratio.ratio();
        boolean idle = runs.stream().filter(r -> r.valid() && candidateArm.equals(r.arm()))
                .allMatch(r -> r.systemdSchedNs() == 0);
        IntervalKind kind = Double.isNaN(reduction) ? IntervalKind.UNDEFINED : idle ? IntervalKind.EXACT
                : switch (ratio.shape()) {
                    case BOUNDED -> IntervalKind.ESTIMATED;
                    case UNBOUNDED -> IntervalKind.UNBOUNDED;
                    case UNDEFINED -> IntervalKind.UNDEFINED;
                };
        boolean bounds = kind == IntervalKind.ESTIMATED || kind == IntervalKind.UNBOUNDED;
        double low = bounds ? 1 - ratio.interval().high() : Double.NaN;
        double high = bounds ? 1 - ratio.interval().low() : Double.NaN;
        double baselineCv = withinDf == 0 ? Double.NaN
                : Math.sqrt(withinSquares / withinDf) / Math.abs(Descriptive.of(baselineMeans).mean());
        return new BlockedResult(blocks.size(), List.copyOf(blocks), Collections.unmodifiableList(dropped), d,
                PairedTTest.ofDifferences(d), WilcoxonSignedRank.of(differences), constant,
                reduction, low, high, kind, baselineCv);
    }

    /** Runs grouped by node, in the order nodes first appear; a run without a node name is a node of its own. */
    static Map<String, List<RunRecord>> byNode(List<RunRecord> runs) {
        Map<String, List<RunRecord>> byNode = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            byNode.computeIfAbsent(r.node(), k -> new ArrayList<>()).add(r);
        }
        return byNode;
    }

    private static double[] cores(List<RunRecord> valid, String arm) {
        return valid.stream().filter(r -> arm.equals(r.arm())).mapToDouble(RunRecord::systemdCores).toArray();
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static double min(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
        }
        return min;
    }
}
