package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.Descriptive;
import io.kubensbench.analysis.stats.SatterthwaiteInterval;
import java.util.List;

/**
 * One campaign's reduction at one level as the CI gate compares it, with the parts of its
 * variance, so the change between two campaigns can carry both campaigns' uncertainty.
 *
 * <p>Over runs, R = 1 - Y / X for the arm means X (baseline arm) and Y (candidate arm), and
 * to first order (the delta method) var R = s_Y^2 / (n_Y X^2) + Y^2 s_X^2 / (n_X X^4): one
 * part per arm, with n - 1 degrees of freedom each. This is the linearisation of Fieller's
 * interval for a ratio of independent means; the gate's calibration test measures what it
 * holds at 3 runs per arm. When the candidate arm used no CPU in any run, both parts are 0
 * and R = 100% exactly: there is nothing to estimate.
 *
 * <p>With nodes as blocks, R = 1 - sum Y_j / sum X_j over the k nodes' arm means, and the
 * ratio estimator's variance sum (Y_j - (1 - R) X_j)^2 / ((k - 1) k Xbar^2) is one part
 * with k - 1 degrees of freedom: the node-to-node spread of the saving, not the runs', is
 * what such a reduction is uncertain by.
 *
 * @param nothingToSave the baseline arm used no CPU at all (mean 0): R is undefined
 * @param spreads       the parts of the variance, each a per-unit variance over a count of
 *                      units (runs of an arm, or nodes), so a part can be re-sized
 * @param unit          what the counts count: {@code runs per arm} or {@code nodes}
 * @param basis         how R was taken, for a sentence: {@code runs} or {@code 3 nodes as blocks}
 */
record ReductionEstimate(double reduction, boolean nothingToSave, List<Spread> spreads, String unit, String basis) {

    static final String RUNS = "valid runs per arm";
    static final String NODES = "nodes with runs in both arms";

    /**
     * A share of the variance that shrinks as 1 / n: {@code unitVariance / n}, n - 1 df.
     *
     * @param current whether it belongs to the current campaign (the one a rerun resizes)
     */
    record Spread(double unitVariance, int n, boolean current) {

        SatterthwaiteInterval.Part part(int atLeast) {
            int size = Math.max(n, atLeast);
            return new SatterthwaiteInterval.Part(unitVariance / size, size - 1);
        }
    }

    static ReductionEstimate of(CellResult cell, boolean current) {
        BlockedResult blocked = cell.blocked();
        return blocked == null ? overRuns(cell, current) : overNodes(blocked, current);
    }

    private static ReductionEstimate overRuns(CellResult cell, boolean current) {
        Descriptive off = cell.baseline().cores();
        Descriptive on = cell.candidate().cores();
        double x = off.mean();
        double y = on.mean();
        if (!(x > 0)) {
            return new ReductionEstimate(Double.NaN, true, List.of(), RUNS, "runs");
        }
        List<Spread> spreads = List.of(
                new Spread(variance(on) / (x * x), on.n(), current),
                new Spread(y * y * variance(off) / (x * x * x * x), off.n(), current));
        return new ReductionEstimate(1 - y / x, false, spreads, RUNS, "runs");
    }

    private static ReductionEstimate overNodes(BlockedResult blocked, boolean current) {
        List<NodeEffect> nodes = blocked.blocks();
        double sumX = nodes.stream().mapToDouble(NodeEffect::baselineMean).sum();
        double sumY = nodes.stream().mapToDouble(NodeEffect::candidateMean).sum();
        String basis = blocked.k() + " nodes as blocks";
        if (!(sumX > 0)) {
            return new ReductionEstimate(Double.NaN, true, List.of(), NODES, basis);
        }
        double ratio = sumY / sumX;
        int k = nodes.size();
        double meanX = sumX / k;
        double squares = nodes.stream()
                .mapToDouble(n -> Math.pow(n.candidateMean() - ratio * n.baselineMean(), 2)).sum();
        Spread spread = new Spread(squares / (k - 1) / (meanX * meanX), k, current);
        return new ReductionEstimate(1 - ratio, false, List.of(spread), NODES, basis);
    }

    /** The sample variance; 0 for an arm whose runs are all equal (or a single run). */
    private static double variance(Descriptive d) {
        return d.n() < 2 || Double.isNaN(d.sd()) ? 0 : d.sd() * d.sd();
    }
}
