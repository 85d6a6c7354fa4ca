package io.kubensbench.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CI gate on campaigns that measured several nodes: judged on the blocked figures. */
class MultiNodeComparisonTest {

    private static final String LEVEL = "pods=100";
    private static final double P = 5;
    private static final String[] NODES = {"node-a", "node-b", "node-c"};
    private static final double[] BASES = {0.10, 0.30, 0.60};
    private static final double[] SPREAD = {1, 1.02, 0.98};

    private final Analyzer analyzer = new Analyzer(1, 10_000);

    /** Per node: off runs around its base, on runs at {@code onShare} of them plus {@code onExtra[j]} cores. */
    private Summary campaign(double onShare, double[] onExtra, double[] busier) {
        Runs runs = new Runs();
        for (int j = 0; j < NODES.length; j++) {
            runs.node(NODES[j]);
            for (double f : SPREAD) {
                runs.add(LEVEL, "off", BASES[j] * f + busier[j]);
                runs.add(LEVEL, "on", onShare * BASES[j] * f + onExtra[j] + busier[j]);
            }
        }
        return analyzer.analyze("multi", List.of("d"), runs.list(), "off", "on");
    }

    private Summary baseline() {
        return campaign(0.08, new double[3], new double[3]);
    }

    @Test
    void multiNodeSummaryAgainstItselfPassesThoughItsNodesDifferTenfold() {
        Summary s = baseline();
        // pooled over the nodes, the off arm's spread is mostly the node-to-node spread
        assertThat(s.cells().get(0).baseline().cores().cv()).isGreaterThan(Comparison.MAX_CV);
        Comparison c = Comparison.of(s, s, P);
        assertThat(c.exitCode()).isEqualTo(Comparison.PASS);
        assertThat(c.checks()).extracting(Check::metric)
                .containsExactly(Check.VALID_RUNS, Check.VARIANCE, Check.REDUCTION, Check.DIFFERENCE);
        assertThat(c.checks()).allMatch(Check::passed);
        assertThat(c.checks().get(1).message()).contains("(off, within nodes)");
        assertThat(c.checks().get(2).message()).contains("reduction 92.0% (95% CI 91.8% to 92.2%, 3 nodes as blocks)");
    }

    @Test
    void doubledCandidateCpuOnEveryNodeIsARegressionOfTheBlockedReduction() {
        Comparison c = Comparison.of(baseline(), campaign(0.16, new double[3], new double[3]), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.REGRESSION);
        assertThat(c.verdictLine()).startsWith("REGRESSION (exit 10): pods=100, reduction: reduction 84.0%"
                + " (95% CI 83.6% to 84.4%, 3 nodes as blocks) against the baseline's 92.0%; limit 87.0%")
                .contains("lower with confidence");
    }

    @Test
    void aConstantRiseOfTheCandidateArmOnEveryNodeIsARegressionOfThePerNodeDifference() {
        Comparison c = Comparison.of(baseline(), campaign(0.08, new double[] {0.010, 0.011, 0.009}, new double[3]), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.REGRESSION);
        Check reduction = c.checks().stream().filter(k -> k.metric().equals(Check.REDUCTION)).findFirst().orElseThrow();
        assertThat(reduction.passed()).isTrue();
        assertThat(c.verdictLine()).startsWith("REGRESSION (exit 10): pods=100, per-node difference: mean per-node"
                + " difference (on - off) -0.2967 cores over 3 nodes against the baseline's -0.3067 over 3"
                + " (change +0.0100 cores, 95% CI +0.0075 to +0.0125, paired over the 3 nodes in both)")
                .endsWith("the saving shrank with confidence");
    }

    @Test
    void aNodeBusierInBothArmsDoesNotMoveTheGate() {
        Comparison c = Comparison.of(baseline(), campaign(0.08, new double[3], new double[] {0, 0.02, 0}), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.PASS);
        Check difference = c.checks().stream().filter(k -> k.metric().equals(Check.DIFFERENCE)).findFirst()
                .orElseThrow();
        assertThat(difference.passed()).isTrue();
        assertThat(difference.message()).contains("-0.3067 cores over 3 nodes against the baseline's -0.3067");
    }

    @Test
    void singleNodeBaselineAgainstMultiNodeCurrentComparesReductionsAndTheCandidateArm() {
        Runs single = new Runs();
        for (double f : SPREAD) {
            single.add(LEVEL, "off", 0.3 * f).add(LEVEL, "on", 0.024 * f);
        }
        Summary one = analyzer.analyze("single", List.of("d"), single.list(), "off", "on");
        Comparison c = Comparison.of(one, baseline(), P);
        assertThat(c.checks()).extracting(Check::metric)
                .containsExactly(Check.VALID_RUNS, Check.VARIANCE, Check.REDUCTION, Check.CANDIDATE_CPU);
        assertThat(c.checks().get(1).message()).contains("baseline 0.020 (off), current 0.023 (off, within nodes)");
        assertThat(c.checks().get(2).message()).contains("3 nodes as blocks) against the baseline's 92.0%");
    }

    @Test
    void oneRunPerNodeLeavesTheWithinNodeVariationUnmeasured() {
        Runs runs = new Runs();
        double[] bases = {0.1, 0.3, 0.6, 0.2};
        for (int j = 0; j < bases.length; j++) {
            runs.node("node-" + j).add(LEVEL, "off", bases[j]).add(LEVEL, "on", bases[j] * 0.08 + 0.001 * j);
        }
        Summary s = analyzer.analyze("m", List.of("d"), runs.list(), "off", "on");
        assertThat(s.cells().get(0).blocked().baselineCv()).isNaN();
        Comparison c = Comparison.of(s, s, P);
        assertThat(c.exitCode()).isEqualTo(Comparison.PASS);
        assertThat(c.checks().get(1).message()).contains("the within-node variation is not measured");
    }
}
