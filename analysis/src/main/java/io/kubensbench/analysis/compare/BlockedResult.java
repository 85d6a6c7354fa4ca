package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.Descriptive;
import io.kubensbench.analysis.stats.Interval;
import io.kubensbench.analysis.stats.PairedTTest;
import io.kubensbench.analysis.stats.WilcoxonSignedRank;
import java.util.List;

/**
 * The comparison of the two arms at one level when the campaign measured several nodes, with
 * each node as a block. Nodes differ in hardware and in the pods already on them, so each
 * node is its own baseline, and its runs are nested in it: runs of one node are not
 * independent observations of the fleet. Pooling the runs of all nodes would count the
 * node-to-node spread as noise (and could hide a consistent saving on every node) and treat
 * k nodes x n runs as k x n independent samples. Here the node is the unit: per node j with
 * at least one valid run in each arm, d_j = mean_j(candidate) - mean_j(baseline), and the
 * statistics run over the k values d_j.
 *
 * <ul>
 * <li>{@code differences}: the d_j described; its mean is the pooled effect (each node
 *     weighs the same, however many runs it has), its interval the t interval with k - 1
 *     degrees of freedom.</li>
 * <li>{@code pairedT}: the paired t-test of candidate against baseline over the per-node
 *     means, i.e. a one-sample t-test of the d_j against 0, k - 1 degrees of freedom.</li>
 * <li>{@code wilcoxon}: the Wilcoxon signed-rank test of the d_j, exact p for up to
 *     {@value WilcoxonSignedRank#EXACT_MAX_N} nodes without zero or tied |d_j|, NaN
 *     otherwise. It cannot go below 0.05 with fewer than 6 nodes, so it informs but does not
 *     decide.</li>
 * <li>{@code constantDifferences}: the d_j all within two counter steps of each other (a
 *     difference of two means, each as fine as one step): the paired t-test would divide by
 *     float noise, so the level is untestable.</li>
 * <li>{@code reduction}: 1 - sum_j mean_j(candidate) / sum_j mean_j(baseline), the share of
 *     the measured nodes' systemd CPU that encapsulation saved, a node's weight being its
 *     baseline CPU. Its interval is Fieller's for that ratio of sums, each node's arm means
 *     independent with their run-to-run noise (Welch-Satterthwaite degrees of freedom over all
 *     of them): the share saved on the measured nodes, with {@code reductionInterval} saying
 *     when the candidate arm used 0 ns everywhere (exact by counting), or the interval is
 *     unbounded or undefined (a node with a single run in an arm). Whether the saving holds
 *     on other nodes is the paired t-test's question, not this interval's: a fleet-wide
 *     interval of the ratio (Fieller over the per-node means as pairs, k - 1 degrees of
 *     freedom) is unbounded whenever the per-node baseline means do not rule out a fleet mean
 *     of 0, which 3 nodes at 0.11, 0.31 and 0.52 cores do not, however alike their savings.
 *     (A percentile bootstrap over nodes,
 *     used before, has only C(2k - 1, k) distinct resamples; with 3 nodes its bounds are the
 *     smallest and the largest per-node reduction, whatever the noise.)</li>
 * <li>{@code baselineCv}: the baseline arm's within-node coefficient of variation, the
 *     pooled within-node standard deviation sqrt(sum (n_j - 1) s_j^2 / sum (n_j - 1)) over
 *     nodes with at least 2 valid baseline runs, divided by the mean of the per-node
 *     baseline means; NaN when no node has 2. It is the run-to-run noise with the node
 *     effect taken out, kept in the summary for a reader; the CI gate judges by the interval
 *     of the change instead.</li>
 * </ul>
 *
 * @param k       the blocks: nodes with at least one valid run in each arm (at least 2)
 * @param blocks  one per block, in the order the nodes first appear in the runs
 * @param dropped nodes with runs at this level but without a valid run in one arm (or
 *                either), left out of every figure here
 */
public record BlockedResult(int k, List<NodeEffect> blocks, List<String> dropped, Descriptive differences,
                            PairedTTest.Result pairedT, WilcoxonSignedRank.Result wilcoxon, boolean constantDifferences,
                            double reduction, double reductionCiLow, double reductionCiHigh,
                            IntervalKind reductionInterval, double baselineCv) {

    /** A summary written before the interval's kind was kept had a node bootstrap interval, or none. */
    public BlockedResult {
        reductionInterval = reductionInterval != null ? reductionInterval
                : new Interval(reductionCiLow, reductionCiHigh).defined() ? IntervalKind.ESTIMATED : IntervalKind.UNDEFINED;
    }

    /** The pooled effect, mean of the per-node differences, in cores. */
    public double difference() {
        return differences.mean();
    }

    /** The t interval of {@link #difference()}, k - 1 degrees of freedom. */
    public Interval differenceCi() {
        return differences.ci();
    }

    public Interval reductionCi() {
        return new Interval(reductionCiLow, reductionCiHigh);
    }
}
