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

    private final Analyzer analyzer = new Analyzer();

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
        assertThat(s.cells().get(0).baseline().cores().cv()).isGreaterThan(0.5);
        Comparison c = Comparison.of(s, s, P);
        assertThat(c.exitCode()).isEqualTo(Comparison.PASS);
        assertThat(c.checks()).extracting(Check::metric)
                .containsExactly(Check.VALID_RUNS, Check.REDUCTION, Check.DIFFERENCE);
        assertThat(c.checks()).allMatch(Check::passed);
        // every node saves 92%: the pooled reduction has no node-to-node spread
        assertThat(c.checks().get(1).message()).isEqualTo("reduction 92.0% against the baseline's 92.0% (both over"
                + " 3 nodes as blocks): change +0.0 points (exact: no variance in either campaign's figures); limit"
                + " -5.0 points");
    }

    @Test
    void doubledCandidateCpuOnEveryNodeIsARegressionOfTheBlockedReduction() {
        Comparison c = Comparison.of(baseline(), campaign(0.16, new double[3], new double[3]), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.REGRESSION);
        assertThat(c.verdictLine()).startsWith("REGRESSION (exit 10): pods=100, reduction: reduction 84.0% against the"
                + " baseline's 92.0% (both over 3 nodes as blocks): change -8.0 points")
                .contains("the saving shrank by more than 5 points with confidence");
    }

    @Test
    void aConstantRiseOfTheCandidateArmOnEveryNodeIsARegressionOfThePerNodeDifference() {
        Comparison c = Comparison.of(baseline(), campaign(0.08, new double[] {0.030, 0.033, 0.027}, new double[3]), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.REGRESSION);
        Check difference = c.checks().stream().filter(k -> k.metric().equals(Check.DIFFERENCE)).findFirst()
                .orElseThrow();
        assertThat(c.exitCodeOf(difference)).isEqualTo(Comparison.REGRESSION);
        assertThat(difference.message()).startsWith("mean per-node difference (on - off) -0.2767 cores over 3 nodes"
                + " against the baseline's -0.3067 over 3 (change +0.0300 cores, 90% CI +0.0249 to +0.0351, paired over"
                + " the 3 nodes in both); limit +0.0167 cores (5% of the baseline's off arm, at least 0.001)")
                .endsWith("the saving shrank with confidence");
    }

    @Test
    void aNodeBusierInBothArmsDoesNotMoveThePerNodeDifference() {
        Summary busier = campaign(0.08, new double[3], new double[] {0, 0.02, 0});
        Comparison c = Comparison.of(baseline(), busier, P);
        Check difference = c.checks().stream().filter(k -> k.metric().equals(Check.DIFFERENCE)).findFirst()
                .orElseThrow();
        assertThat(difference.passed()).isTrue();
        assertThat(difference.message()).contains("-0.3067 cores over 3 nodes against the baseline's -0.3067");
        // the pooled reduction moves a little (node-b's share of the saving changed) and, over 3 nodes, is
        // imprecise: never a regression, a pass when the limit is wider than its interval
        assertThat(c.exitCode()).isEqualTo(Comparison.TOO_IMPRECISE);
        assertThat(Comparison.of(baseline(), busier, 10).exitCode()).isEqualTo(Comparison.PASS);
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
                .containsExactly(Check.VALID_RUNS, Check.REDUCTION, Check.CANDIDATE_CPU);
        assertThat(c.checks().get(1).message()).startsWith("reduction 92.0% against the baseline's 92.0% (current over"
                + " 3 nodes as blocks, baseline over runs): change +0.0 points (90% CI");
    }

    @Test
    void oneRunPerNodeStillGivesTheBlockedReductionItsNodeToNodeSpread() {
        Runs runs = new Runs();
        double[] bases = {0.1, 0.3, 0.6, 0.2};
        for (int j = 0; j < bases.length; j++) {
            runs.node("node-" + j).add(LEVEL, "off", bases[j]).add(LEVEL, "on", bases[j] * 0.08 + 0.001 * j);
        }
        Summary s = analyzer.analyze("m", List.of("d"), runs.list(), "off", "on");
        Comparison c = Comparison.of(s, s, P);
        assertThat(c.exitCode()).isEqualTo(Comparison.PASS);
        // 4 nodes in each campaign: 3 + 3 degrees of freedom
        assertThat(c.checks().get(1).message()).contains("(both over 4 nodes as blocks)", "over both campaigns, df 6.0");
    }
}
