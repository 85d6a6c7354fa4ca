package io.kubensbench.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubensbench.analysis.results.RunRecord;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

/** Campaigns that measured several nodes: each node on its own, and the level with nodes as blocks. */
class MultiNodeAnalyzerTest {

    private static final String LEVEL = "pods=100";
    private final Analyzer analyzer = new Analyzer();

    /**
     * Three nodes with different baselines. Per-node means: off 0.110, 0.310, 0.520; on 0.025,
     * 0.210, 0.410; so d = -0.085, -0.100, -0.110.
     */
    private static Runs threeNodes() {
        return new Runs()
                .node("node-a").add(LEVEL, "off", 0.100, 0.110, 0.120).add(LEVEL, "on", 0.020, 0.025, 0.030)
                .node("node-b").add(LEVEL, "off", 0.300, 0.310, 0.320).add(LEVEL, "on", 0.200, 0.210, 0.220)
                .node("node-c").add(LEVEL, "off", 0.500, 0.520, 0.540).add(LEVEL, "on", 0.400, 0.410, 0.420);
    }

    private Summary analyze(Runs runs) {
        return analyzer.analyze("multi", List.of("results/multi"), runs.list(), "off", "on");
    }

    @Test
    void eachNodeIsAnalysedOnItsOwn() {
        Summary s = analyze(threeNodes());
        assertThat(s.nodes()).extracting(NodeResult::node).containsExactly("node-a", "node-b", "node-c");
        NodeResult a = s.nodes().get(0);
        assertThat(a.runs()).isEqualTo(6);
        assertThat(a.valid()).isEqualTo(6);
        CellResult cell = a.cell(LEVEL).orElseThrow();
        assertThat(cell.baseline().n()).isEqualTo(3);
        assertThat(cell.baseline().cores().mean()).isCloseTo(0.110, within(1e-12));
        assertThat(cell.candidate().cores().mean()).isCloseTo(0.025, within(1e-12));
        assertThat(cell.difference()).isCloseTo(-0.085, within(1e-12));
        assertThat(cell.reduction()).isCloseTo(1 - 0.025 / 0.110, within(1e-12));
        assertThat(cell.blocked()).isNull();
        assertThat(cell.restsOn()).startsWith("n = 3 off, 3 on valid runs; verdict on Welch's t, p ");
        assertThat(s.nodes().get(2).cell(LEVEL).orElseThrow().difference()).isCloseTo(-0.110, within(1e-12));
    }

    @Test
    void aNodeAnalysedAloneIsExactlyASingleNodeCampaign() {
        Summary all = analyze(threeNodes());
        List<RunRecord> nodeB = threeNodes().list().stream().filter(r -> r.node().equals("node-b")).toList();
        Summary alone = analyzer.analyze("multi", List.of("results/multi"), nodeB, "off", "on");
        assertThat(alone.nodes()).isEmpty();
        assertThat(alone.cells().get(0).blocked()).isNull();
        assertThat(alone.cells()).isEqualTo(all.nodes().get(1).cells());
    }

    @Test
    void blockedDifferenceIsTheMeanOfThePerNodeDifferences() {
        BlockedResult b = analyze(threeNodes()).cells().get(0).blocked();
        assertThat(b.k()).isEqualTo(3);
        assertThat(b.dropped()).isEmpty();
        assertThat(b.blocks()).extracting(NodeEffect::node).containsExactly("node-a", "node-b", "node-c");
        assertThat(b.blocks()).extracting(NodeEffect::difference).satisfiesExactly(
                d -> assertThat(d).isCloseTo(-0.085, within(1e-12)),
                d -> assertThat(d).isCloseTo(-0.100, within(1e-12)),
                d -> assertThat(d).isCloseTo(-0.110, within(1e-12)));
        assertThat(b.blocks().get(1).reduction()).isCloseTo(1 - 0.210 / 0.310, within(1e-12));
        assertThat(b.difference()).isCloseTo(-0.295 / 3, within(1e-12));
        // 1 - (0.025 + 0.210 + 0.410) / (0.110 + 0.310 + 0.520)
        assertThat(b.reduction()).isCloseTo(1 - 0.645 / 0.940, within(1e-12));
    }

    @Test
    void pairedTIntervalAndPValueOverTheNodes() {
        BlockedResult b = analyze(threeNodes()).cells().get(0).blocked();
        // by hand: deviations from the mean 0.04/3, -0.005/3, -0.035/3; 2 degrees of freedom
        double mean = -0.295 / 3;
        double se = Math.sqrt((0.0016 + 0.000025 + 0.001225) / 9 / 2) / Math.sqrt(3);
        TDistribution t2 = new TDistribution(2);
        assertThat(b.pairedT().df()).isEqualTo(2);
        assertThat(b.pairedT().t()).isCloseTo(mean / se, within(1e-8));
        assertThat(b.pairedT().p()).isCloseTo(2 * t2.cumulativeProbability(-Math.abs(mean / se)), within(1e-9));
        assertThat(b.pairedT().p()).isCloseTo(new TTest().pairedTTest(
                new double[] {0.025, 0.210, 0.410}, new double[] {0.110, 0.310, 0.520}), within(1e-9));
        double half = t2.inverseCumulativeProbability(0.975) * se;
        assertThat(b.differenceCi().low()).isCloseTo(mean - half, within(1e-8));
        assertThat(b.differenceCi().high()).isCloseTo(mean + half, within(1e-8));
        // three negative differences: W+ = 0, exact p = 2 / 2^3
        assertThat(b.wilcoxon().wPlus()).isZero();
        assertThat(b.wilcoxon().p()).isEqualTo(0.25);
        // the within-node sd of every node's off runs is 0.01 or 0.02: pooled sqrt((2e-4 + 2e-4 + 8e-4) / 6)
        assertThat(b.baselineCv()).isCloseTo(Math.sqrt(0.0012 / 6) / (0.940 / 3), within(1e-9));
    }

    @Test
    void verdictRestsOnTheBlockedTest() {
        CellResult cell = analyze(threeNodes()).cells().get(0);
        assertThat(cell.verdict()).isEqualTo(Verdict.REDUCED);
        assertThat(cell.restsOn()).isEqualTo("n = 9 off, 9 on valid runs; 3 nodes as blocks, verdict on the paired t"
                + " over per-node means, p = 0.0054; Wilcoxon signed-rank exact p = 0.2500");
        // the run-level figures beside it pool all nine runs per arm
        assertThat(cell.baseline().n()).isEqualTo(9);
        assertThat(cell.difference()).isCloseTo(-0.295 / 3, within(1e-12));
    }

    /**
     * The pooled reduction's interval is Fieller's for the ratio of the sums of the nodes' arm
     * means, each with its own run-to-run noise: the share saved on these nodes. With one
     * node it would be the run-level interval; here it narrows as the nodes' runs agree.
     */
    @Test
    void pooledReductionIntervalIsFiellersOverTheNodesArmMeans() {
        Runs runs = new Runs();
        double[] offs = {0.11, 0.31, 0.52, 0.08, 0.95, 0.40};
        double[] ons = {0.025, 0.21, 0.41, 0.02, 0.30, 0.33};
        for (int j = 0; j < offs.length; j++) {
            runs.node("node-" + j).add(LEVEL, "off", offs[j] - 0.01, offs[j] + 0.01)
                    .add(LEVEL, "on", ons[j] - 0.005, ons[j] + 0.005);
        }
        BlockedResult b = analyze(runs).cells().get(0).blocked();
        assertThat(b.k()).isEqualTo(6);
        assertThat(b.reduction()).isCloseTo(1 - 1.295 / 2.37, within(1e-12));
        assertThat(b.reductionInterval()).isEqualTo(IntervalKind.ESTIMATED);
        // by hand: sum of squared standard errors 6 x 0.0001 off and 6 x 0.000025 on, each with 1 df
        double theta = 1.295 / 2.37;
        double vOff = 6 * 0.0001;
        double vOn = 6 * 0.000025;
        double df = Math.pow(vOn + theta * theta * vOff, 2) / (6 * 0.000025 * 0.000025 + Math.pow(theta, 4) * 6 * 1e-8);
        double t = new TDistribution(df).inverseCumulativeProbability(0.975);
        double half = t * Math.sqrt(vOn + theta * theta * vOff) / 2.37; // to first order
        assertThat(b.reductionCiLow()).isCloseTo(b.reduction() - half, within(0.002));
        assertThat(b.reductionCiHigh()).isCloseTo(b.reduction() + half, within(0.002));
    }

    @Test
    void aNodeLackingAnArmIsDroppedAndNamed() {
        Runs runs = threeNodes().node("node-d").add(LEVEL, "off", 0.9, 0.91, 0.92)
                .invalid(LEVEL, "on", 0.1, "failed: probe lost");
        Summary s = analyze(runs);
        CellResult cell = s.cells().get(0);
        BlockedResult b = cell.blocked();
        assertThat(b.k()).isEqualTo(3);
        assertThat(b.dropped()).containsExactly("node-d");
        assertThat(b.difference()).isCloseTo(-0.295 / 3, within(1e-12));
        assertThat(b.reduction()).isCloseTo(1 - 0.645 / 0.940, within(1e-12));
        assertThat(cell.restsOn()).contains("3 nodes as blocks", "(left out for lacking a valid run in an arm: node-d)",
                "1 excluded: failed: probe lost");
        NodeResult d = s.nodes().get(3);
        assertThat(d.node()).isEqualTo("node-d");
        assertThat(d.valid()).isEqualTo(3);
        assertThat(d.cells().get(0).verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void aNodeWithTooFewRunsGetsInsufficientDataButStillCountsAsABlock() {
        Summary s = analyze(threeNodes().node("node-e").add(LEVEL, "off", 0.2).add(LEVEL, "on", 0.1));
        assertThat(s.nodes().get(3).cells().get(0).verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(s.nodes().get(3).cells().get(0).restsOn())
                .isEqualTo("n = 1 off, 1 on valid runs; at least 3 valid runs per arm are needed for a verdict");
        assertThat(s.cells().get(0).blocked().k()).isEqualTo(4);
    }

    @Test
    void fewerThanTwoBlocksLeaveTheRunLevelVerdict() {
        // node-b has only baseline runs: one block, no blocked result, the verdict is Welch's
        Runs runs = new Runs().node("node-a").add(LEVEL, "off", 0.25, 0.26, 0.24).add(LEVEL, "on", 0.02, 0.03, 0.025)
                .node("node-b").add(LEVEL, "off", 0.5, 0.52);
        Summary s = analyze(runs);
        assertThat(s.nodes()).hasSize(2);
        assertThat(s.cells().get(0).blocked()).isNull();
        assertThat(s.cells().get(0).restsOn()).contains("verdict on Welch's t");
    }

    @Test
    void singleNodeInputHasNoNodesAndNoBlockedResults() {
        Runs runs = new Runs().add(LEVEL, "off", 0.251, 0.263, 0.241, 0.279, 0.246)
                .add(LEVEL, "on", 0.021, 0.020, 0.024, 0.019, 0.023).invalid(LEVEL, "on", 0.3, "failed: boom");
        Summary s = analyze(runs);
        assertThat(s.nodes()).isEmpty();
        assertThat(s.cells()).allMatch(c -> c.blocked() == null);
        assertThat(s.cells().get(0).restsOn()).isEqualTo(
                "n = 5 off, 5 on valid runs (1 excluded: failed: boom); verdict on Welch's t, p < 0.0001;"
                        + " exact rank test p = 0.0079");
        // invalid runs on a second node do not make a campaign multi-node: only valid runs count
        Summary withDeadNode = analyze(runs.node("node-x").invalid(LEVEL, "off", 0.5, "failed: boom"));
        assertThat(withDeadNode.nodes()).isEmpty();
        assertThat(withDeadNode.cells().get(0).blocked()).isNull();
    }

    /**
     * The textbook case for blocking: four nodes whose baselines differ twentyfold, and on each
     * node encapsulation saves about 0.02 cores. Pooling the runs buries that saving under
     * the node-to-node spread; with nodes as blocks the spread cancels in each node's
     * difference. The same runs, with the node ignored, give no significant difference.
     */
    @Test
    void blockingFindsTheSavingThatPoolingRunsHides() {
        double[] baselines = {0.05, 0.20, 0.40, 0.80};
        double[] savings = {-0.020, -0.019, -0.021, -0.020};
        Runs blocked = new Runs();
        Runs pooled = new Runs().node("one-node");
        for (int j = 0; j < baselines.length; j++) {
            blocked.node("node-" + (j + 1));
            for (Runs runs : List.of(blocked, pooled)) {
                double b = baselines[j];
                double c = b + savings[j];
                runs.add(LEVEL, "off", b, b + 0.002, b - 0.002).add(LEVEL, "on", c, c + 0.001, c - 0.001);
            }
        }
        CellResult withNodes = analyze(blocked).cells().get(0);
        CellResult ignoringNodes = analyze(pooled).cells().get(0);

        assertThat(ignoringNodes.blocked()).isNull();
        assertThat(ignoringNodes.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_DIFFERENCE);
        assertThat(ignoringNodes.welch().p()).isGreaterThan(0.5);

        assertThat(withNodes.verdict()).isEqualTo(Verdict.REDUCED);
        assertThat(withNodes.blocked().k()).isEqualTo(4);
        assertThat(withNodes.blocked().difference()).isCloseTo(-0.020, within(1e-12));
        assertThat(withNodes.blocked().pairedT().p()).isLessThan(0.0001);
        assertThat(withNodes.blocked().reductionCi().excludes(0)).isTrue();
        // the run-level figures of the multi-node cell are the pooled ones, node ignored
        assertThat(withNodes.welch()).isEqualTo(ignoringNodes.welch());
    }
}
