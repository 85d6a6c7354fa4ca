package io.kubensbench.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final String LEVEL = "pods=100";
    private static final double[] OFF = {0.245, 0.2475, 0.25, 0.2525, 0.255};
    private static final double[] ON = {0.019, 0.0195, 0.02, 0.0205, 0.021};
    private static final double P = 5;

    private final Analyzer analyzer = new Analyzer(1, 10_000);

    private Summary summary(double[] off, double[] on) {
        return analyzer.analyze("t", List.of("d"), new Runs().add(LEVEL, "off", off).add(LEVEL, "on", on).list(),
                "off", "on");
    }

    private static double[] times(double[] v, double f) {
        return Arrays.stream(v).map(x -> x * f).toArray();
    }

    @Test
    void summaryAgainstItselfPasses() {
        Summary s = summary(OFF, ON);
        Comparison c = Comparison.of(s, s, P);
        assertThat(c.exitCode()).isEqualTo(Comparison.PASS);
        assertThat(c.verdictLine()).startsWith("PASS: 1 level compared");
        assertThat(c.checks()).extracting(Check::metric)
                .containsExactly(Check.VALID_RUNS, Check.VARIANCE, Check.REDUCTION, Check.CANDIDATE_CPU);
        assertThat(c.checks()).allMatch(Check::passed);
        assertThat(Comparison.of(s, s, 0).exitCode()).isEqualTo(Comparison.PASS);
    }

    @Test
    void doubledCandidateCpuIsARegression() {
        Comparison c = Comparison.of(summary(OFF, ON), summary(OFF, times(ON, 2)), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.REGRESSION);
        assertThat(c.verdictLine()).startsWith("REGRESSION (exit 10): pods=100, reduction: reduction 84.0%");
        Check cpu = c.checks().stream().filter(k -> k.metric().equals(Check.CANDIDATE_CPU)).findFirst().orElseThrow();
        assertThat(cpu.passed()).isFalse();
        assertThat(cpu.message()).contains("0.0400 cores against the baseline's 0.0200", "higher with confidence");
        assertThat(c.exitCodeOf(cpu)).isEqualTo(Comparison.REGRESSION);
    }

    @Test
    void twoRunsPerArmAreNotEnough() {
        Summary two = summary(Arrays.copyOf(OFF, 2), Arrays.copyOf(ON, 2));
        Comparison c = Comparison.of(summary(OFF, ON), two, P);
        assertThat(c.exitCode()).isEqualTo(Comparison.NOT_ENOUGH_RUNS);
        assertThat(c.verdictLine()).isEqualTo("NOT ENOUGH VALID RUNS (exit 12): pods=100, valid runs: valid runs per arm:"
                + " baseline off 5, on 5; current off 2, on 2; at least 3 needed");
    }

    @Test
    void noCommonLevelIsNotEnough() {
        Summary other = analyzer.analyze("t", List.of("d"), new Runs().add("pods=7", "off", OFF).add("pods=7", "on", ON)
                .list(), "off", "on");
        Comparison c = Comparison.of(summary(OFF, ON), other, P);
        assertThat(c.exitCode()).isEqualTo(Comparison.NOT_ENOUGH_RUNS);
        assertThat(c.verdictLine()).contains("no level is in both summaries");
    }

    @Test
    void noisyBaselineArmIsVarianceTooHigh() {
        Comparison c = Comparison.of(summary(OFF, ON), summary(new double[] {0.05, 0.6, 0.1, 0.5, 0.02}, ON), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.VARIANCE_TOO_HIGH);
        assertThat(c.verdictLine()).startsWith("VARIANCE TOO HIGH (exit 11)").contains("limit 0.50");
    }

    @Test
    void pointEstimateBeyondTheLimitWithoutConfidenceIsInconclusive() {
        // on: mean 0.024 (+20%) but noisy: Welch's interval of the rise reaches below the 0.001-core limit
        Comparison c = Comparison.of(summary(OFF, ON), summary(OFF, new double[] {0.019, 0.021, 0.024, 0.027, 0.029}), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.INCONCLUSIVE);
        assertThat(c.verdictLine()).startsWith("INCONCLUSIVE (exit 13): pods=100, candidate CPU:")
                .contains("the interval does not confirm it");
    }

    @Test
    void riseBelowTheAbsoluteFloorPasses() {
        // +200% of a near-zero arm, with confidence, but only 0.0004 cores: noise on a lab node
        double[] tiny = {0.00019, 0.000195, 0.0002, 0.000205, 0.00021};
        Comparison c = Comparison.of(summary(OFF, tiny), summary(OFF, times(tiny, 3)), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.PASS);
    }

    @Test
    void notEnoughRunsOutranksARegressionElsewhere() {
        Runs base = new Runs().add(LEVEL, "off", OFF).add(LEVEL, "on", ON).add("pods=200", "off", OFF)
                .add("pods=200", "on", ON);
        Runs cur = new Runs().add(LEVEL, "off", OFF).add(LEVEL, "on", times(ON, 2)).add("pods=200", "off", 0.25, 0.25)
                .add("pods=200", "on", ON);
        Comparison c = Comparison.of(analyzer.analyze("t", List.of(), base.list(), "off", "on"),
                analyzer.analyze("t", List.of(), cur.list(), "off", "on"), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.NOT_ENOUGH_RUNS);
        assertThat(c.checks()).anyMatch(k -> !k.passed() && k.metric().equals(Check.REDUCTION));
    }
}
