package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.stats.Descriptive;
import io.kubensbench.analysis.stats.PooledCvDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds each level's {@link Drift} from the baseline's runs of an {@code aba} campaign, told
 * apart by the segment their records carry: 0 before the candidate, 2 after it.
 */
final class DriftEstimate {

    static final int FIRST = 0;
    static final int SECOND = 2;

    private DriftEstimate() {
    }

    /** One drift per level of {@code cells}, against that level's effect. */
    static List<Drift> of(List<RunRecord> runs, List<CellResult> cells, String baselineArm) {
        List<Drift> drifts = new ArrayList<>();
        for (CellResult cell : cells) {
            List<RunRecord> baseline = runs.stream().filter(r -> r.valid() && baselineArm.equals(r.arm())
                    && cell.level().equals(r.level()) && r.segment() != null).toList();
            double effect = cell.blocked() == null ? cell.difference() : cell.blocked().difference();
            drifts.add(level(cell.level(), baselineArm, baseline, effect));
        }
        return List.copyOf(drifts);
    }

    private static Drift level(String level, String arm, List<RunRecord> baseline, double effect) {
        double[] first = cores(baseline, FIRST);
        double[] second = cores(baseline, SECOND);
        double resolution = baseline.stream().mapToDouble(RunRecord::systemdResolution)
                .filter(r -> !Double.isNaN(r)).max().orElse(0);
        List<Double> perNode = new ArrayList<>();
        for (Map.Entry<String, List<RunRecord>> node : BlockedComparison.byNode(baseline).entrySet()) {
            double[] a = cores(node.getValue(), FIRST);
            double[] b = cores(node.getValue(), SECOND);
            if (a.length > 0 && b.length > 0) {
                perNode.add(Descriptive.of(b).mean() - Descriptive.of(a).mean());
            }
        }
        if (first.length == 0 || second.length == 0) {
            return drift(level, arm, first, second, 0, Double.NaN, Double.NaN, Double.NaN, 0, Drift.Kind.MISSING, effect);
        }
        if (perNode.size() >= 2) {
            double[] d = perNode.stream().mapToDouble(Double::doubleValue).toArray();
            Descriptive differences = Descriptive.of(d);
            if (spread(d) <= 2 * resolution) {
                // a node's drift is a difference of two means, each as fine as one counter step
                return drift(level, arm, first, second, d.length, differences.mean(), Double.NaN, Double.NaN, 0,
                        Drift.Kind.UNIFORM, effect);
            }
            return drift(level, arm, first, second, d.length, differences.mean(), differences.ciLow(),
                    differences.ciHigh(), d.length - 1, Drift.Kind.ESTIMATED, effect);
        }
        double[] all = new double[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        PooledCvDifference p = PooledCvDifference.of(Descriptive.of(first), Descriptive.of(second), Analyzer.CONFIDENCE);
        if (spread(all) <= resolution) {
            return drift(level, arm, first, second, 0, p.estimate(), Double.NaN, Double.NaN, 0, Drift.Kind.CONSTANT,
                    effect);
        }
        Drift.Kind kind = p.df() < 1 ? Drift.Kind.NO_INTERVAL : Drift.Kind.ESTIMATED;
        return drift(level, arm, first, second, 0, p.estimate(), p.low(), p.high(), p.df(), kind, effect);
    }

    private static Drift drift(String level, String arm, double[] first, double[] second, int nodes, double drift,
            double low, double high, double df, Drift.Kind kind, double effect) {
        double share = Math.abs(drift) / Math.abs(effect);
        boolean measurable = kind != Drift.Kind.CONSTANT && kind != Drift.Kind.MISSING;
        boolean flagged = measurable && !Double.isNaN(share) && share >= Drift.SIZEABLE_SHARE;
        return new Drift(level, arm, first.length, second.length, nodes, drift, low, high, df, kind, effect, share,
                flagged);
    }

    private static double[] cores(List<RunRecord> runs, int segment) {
        return runs.stream().filter(r -> r.segment() == segment).mapToDouble(RunRecord::systemdCores).toArray();
    }

    private static double spread(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        return max - min;
    }
}
