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

    private final Analyzer analyzer = new Analyzer();

    private Summary summary(double[] off, double[] on) {
        return analyzer.analyze("t", List.of("d"), new Runs().add(LEVEL, "off", off).add(LEVEL, "on", on).list(),
                "off", "on");
    }

    private Summary summary(Runs runs) {
        return analyzer.analyze("t", List.of("d"), runs.list(), "off", "on");
    }

    private static double[] times(double[] v, double f) {
        return Arrays.stream(v).map(x -> x * f).toArray();
    }

    /** n runs whose mean and sample standard deviation are exactly these (half above, half below). */
    private static double[] spread(double mean, double sd, int n) {
        double a = n % 2 == 0 ? sd * Math.sqrt((n - 1.0) / n) : sd;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = n % 2 == 1 && i == n - 1 ? mean : mean + (i % 2 == 0 ? a : -a);
        }
        return v;
    }

    private static Check check(Comparison c, String level, String metric) {
        return c.checks().stream().filter(k -> k.level().equals(level) && k.metric().equals(metric)).findFirst()
                .orElseThrow();
    }

    @Test
    void summaryAgainstItselfPasses() {
        Summary s = summary(OFF, ON);
        Comparison c = Comparison.of(s, s, P);
        assertThat(c.exitCode()).isEqualTo(Comparison.PASS);
        assertThat(c.verdictLine()).isEqualTo("PASS: 1 level compared; no reduction fell by more than 5 points, by the"
                + " 90% interval of its change, and no candidate arm's CPU rose past its limit");
        assertThat(c.checks()).extracting(Check::metric)
                .containsExactly(Check.VALID_RUNS, Check.REDUCTION, Check.CANDIDATE_CPU);
        assertThat(c.checks()).allMatch(Check::passed);
        assertThat(check(c, LEVEL, Check.REDUCTION).message()).isEqualTo("reduction 92.0% against the baseline's"
                + " 92.0%: change +0.0 points (90% CI -0.4 to +0.4 points over both campaigns, df 10.5); limit -5.0 points");
    }

    @Test
    void withNoRegressionAllowedOnlyAnExactChangeCanPass() {
        // the interval of a change of 0 reaches below 0: "no drop at all" cannot be confirmed by noisy runs
        Summary s = summary(OFF, ON);
        Comparison c = Comparison.of(s, s, 0);
        assertThat(c.exitCode()).isEqualTo(Comparison.TOO_IMPRECISE);
        Summary exact = summary(OFF, new double[] {0, 0, 0});
        assertThat(Comparison.of(exact, exact, 0).exitCode()).isEqualTo(Comparison.PASS);
    }

    @Test
    void anOnArmWithoutCpuInBothCampaignsIsAnExactReductionOf100Percent() {
        Summary s = summary(OFF, new double[] {0, 0, 0});
        Summary noisierOff = summary(new double[] {0.1, 0.4, 0.25}, new double[] {0, 0, 0});
        Comparison c = Comparison.of(s, noisierOff, P);
        assertThat(c.exitCode()).isEqualTo(Comparison.PASS);
        assertThat(check(c, LEVEL, Check.REDUCTION).message()).isEqualTo("reduction 100.0% against the baseline's"
                + " 100.0%: change +0.0 points (exact: the candidate arm used no CPU in any run of either campaign);"
                + " limit -5.0 points");
    }

    @Test
    void doubledCandidateCpuIsARegression() {
        Comparison c = Comparison.of(summary(OFF, ON), summary(OFF, times(ON, 2)), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.REGRESSION);
        assertThat(c.verdictLine()).startsWith("REGRESSION (exit 10): pods=100, reduction: reduction 84.0% against"
                + " the baseline's 92.0%: change -8.0 points (90% CI -8.6 to -7.4 points over both campaigns, df 7.7)")
                .endsWith("limit -5.0 points: the saving shrank by more than 5 points with confidence (+1 more failing)");
        Check cpu = check(c, LEVEL, Check.CANDIDATE_CPU);
        assertThat(cpu.passed()).isFalse();
        assertThat(cpu.message()).contains("0.0400 cores against the baseline's 0.0200", "limit +0.0125 cores (5% of"
                + " the baseline's off arm, at least 0.001)", "higher with confidence");
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
    void aBaselineLevelMissingFromTheCurrentCampaignIsNotAPass() {
        Runs base = new Runs().add(LEVEL, "off", OFF).add(LEVEL, "on", ON).add("pods=200", "off", OFF)
                .add("pods=200", "on", ON);
        Comparison c = Comparison.of(summary(base), summary(OFF, ON), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.NOT_ENOUGH_RUNS);
        assertThat(c.verdictLine()).isEqualTo("NOT ENOUGH VALID RUNS (exit 12): pods=200, levels: in the baseline but"
                + " not in the current campaign: not judged, so the gate cannot pass");
        // a level only the current campaign has is new, not missing
        assertThat(Comparison.of(summary(OFF, ON), summary(base), P).exitCode()).isEqualTo(Comparison.PASS);
    }

    @Test
    void noCommonLevelIsNotEnough() {
        Summary other = summary(new Runs().add("pods=7", "off", OFF).add("pods=7", "on", ON));
        Comparison c = Comparison.of(summary(OFF, ON), other, P);
        assertThat(c.exitCode()).isEqualTo(Comparison.NOT_ENOUGH_RUNS);
        assertThat(c.checks()).anyMatch(k -> k.level().equals(Check.ALL_LEVELS)
                && k.message().equals("no level is in both summaries (baseline: pods=100; current: pods=7)"));
    }

    @Test
    void aRegressionOutranksNotEnoughRunsElsewhere() {
        Runs base = new Runs().add(LEVEL, "off", OFF).add(LEVEL, "on", ON).add("pods=200", "off", OFF)
                .add("pods=200", "on", ON);
        Runs cur = new Runs().add(LEVEL, "off", OFF).add(LEVEL, "on", times(ON, 2)).add("pods=200", "off", 0.25, 0.25)
                .add("pods=200", "on", ON);
        Comparison c = Comparison.of(summary(base), summary(cur), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.REGRESSION);
        assertThat(c.verdictLine()).startsWith("REGRESSION (exit 10): pods=100, reduction:").endsWith("(+2 more failing)");
        assertThat(c.exitCodeOf(check(c, "pods=200", Check.VALID_RUNS))).isEqualTo(Comparison.NOT_ENOUGH_RUNS);
    }

    @Test
    void aRegressionOutranksAnImpreciseLevelAndAMissingOne() {
        Runs base = new Runs().add(LEVEL, "off", OFF).add(LEVEL, "on", ON).add("pods=200", "off", OFF)
                .add("pods=200", "on", ON).add("pods=300", "off", OFF).add("pods=300", "on", ON);
        Runs cur = new Runs().add(LEVEL, "off", OFF).add(LEVEL, "on", times(ON, 2)).add("pods=200", "off", OFF)
                .add("pods=200", "on", 0.001, 0.1, 0.002, 0.09, 0.007);
        Comparison c = Comparison.of(summary(base), summary(cur), P);
        assertThat(c.exitCodeOf(check(c, "pods=200", Check.REDUCTION))).isEqualTo(Comparison.TOO_IMPRECISE);
        assertThat(c.exitCodeOf(check(c, "pods=300", Check.LEVELS))).isEqualTo(Comparison.NOT_ENOUGH_RUNS);
        assertThat(c.exitCode()).isEqualTo(Comparison.REGRESSION);
    }

    @Test
    void anIntervalWiderThanTheAllowedDropThatReachesPastItIsTooImpreciseAndSaysWhatWouldDecide() {
        // current on arm: the same mean as the baseline's (no change), but noisy
        double sd = 0.0127;
        Summary base = summary(OFF, ON);
        Comparison c = Comparison.of(base, summary(OFF, spread(0.02, sd, 5)), 3);
        assertThat(c.exitCode()).isEqualTo(Comparison.TOO_IMPRECISE);
        String message = check(c, LEVEL, Check.REDUCTION).message();
        assertThat(message).startsWith("reduction 92.0% against the baseline's 92.0%: change +0.0 points (90% CI -4.")
                .contains("limit -3.0 points: the interval is 9.", "points wide, wider than the 3 allowed, and reaches"
                        + " past the limit: too imprecise to tell a regression from noise; about ")
                .endsWith(" valid runs per arm in the current campaign would decide it at this estimate");
        int n = Integer.parseInt(message.replaceAll(".*; about (\\d+) valid runs.*", "$1"));
        assertThat(n).isBetween(6, 30);
        // the runs it names decide it when the runs keep that spread; one fewer do not
        assertThat(Comparison.of(base, summary(OFF, spread(0.02, sd, n)), 3).exitCode()).isEqualTo(Comparison.PASS);
        assertThat(Comparison.of(base, summary(OFF, spread(0.02, sd, n - 1)), 3).exitCode())
                .isEqualTo(Comparison.TOO_IMPRECISE);
    }

    @Test
    void aBaselineTooNoisyForAnyRerunOfTheCurrentCampaignAsksForBoth() {
        Summary noisy = summary(OFF, new double[] {0.001, 0.04, 0.019});
        Comparison c = Comparison.of(noisy, summary(OFF, ON), 3);
        assertThat(c.exitCode()).isEqualTo(Comparison.TOO_IMPRECISE);
        assertThat(check(c, LEVEL, Check.REDUCTION).message()).contains("valid runs per arm in both campaigns would"
                + " decide it at this estimate");
    }

    @Test
    void aPreciseChangeAtTheLimitIsInconclusive() {
        // reduction 92% -> 87.2%: a drop of 4.8 points against a limit of 5, measured to about +-0.6 points
        Comparison c = Comparison.of(summary(OFF, ON), summary(OFF, times(ON, 1.6)), P);
        assertThat(c.exitCode()).isEqualTo(Comparison.INCONCLUSIVE);
        assertThat(check(c, LEVEL, Check.REDUCTION).message()).contains("change -4.8 points",
                "the interval reaches past the limit though it is no wider than the 5 points allowed: the change is"
                        + " about as large as the limit; about ");
    }

    @Test
    void anOffArmWithoutCpuHasNothingToSave() {
        double[] zero = {0, 0, 0};
        Comparison now = Comparison.of(summary(OFF, ON), summary(zero, zero), P);
        assertThat(now.exitCode()).isEqualTo(Comparison.INCONCLUSIVE);
        assertThat(check(now, LEVEL, Check.REDUCTION).message()).isEqualTo("the off arm used no CPU in any current run:"
                + " there is nothing to save, so the reduction cannot be compared with the baseline's 92.0%; check that"
                + " the workload reached systemd");
        Comparison both = Comparison.of(summary(zero, zero), summary(zero, zero), P);
        assertThat(both.exitCode()).isEqualTo(Comparison.PASS);
        assertThat(check(both, LEVEL, Check.REDUCTION).message()).isEqualTo("the off arm used no CPU in either"
                + " campaign: there is nothing to save, so there is no reduction to compare");
        Comparison before = Comparison.of(summary(zero, zero), summary(OFF, ON), P);
        assertThat(before.exitCode()).isEqualTo(Comparison.INCONCLUSIVE);
        assertThat(check(before, LEVEL, Check.REDUCTION).message()).contains("the baseline had nothing to save");
        assertThat(check(before, LEVEL, Check.CANDIDATE_CPU).message()).isEqualTo("not judged: the baseline's off arm"
                + " used no CPU, which sets no limit");
        assertThat(now.checks()).noneMatch(k -> k.message().contains("variance"));
    }

    @Test
    void pointEstimateBeyondTheLimitWithoutConfidenceIsInconclusive() {
        // off arm doubled with the on arm: the reduction holds, the on arm's CPU rose by 0.016 cores (limit 0.0125)
        // but noisily
        Comparison c = Comparison.of(summary(OFF, ON), summary(times(OFF, 2), new double[] {0.01, 0.07, 0.028}), P);
        assertThat(c.exitCodeOf(check(c, LEVEL, Check.CANDIDATE_CPU))).isEqualTo(Comparison.INCONCLUSIVE);
        assertThat(check(c, LEVEL, Check.CANDIDATE_CPU).message()).endsWith("higher, but the interval does not confirm it");
    }

    @Test
    void riseBelowTheAbsoluteFloorPasses() {
        // +200% of a near-zero arm, with confidence, but only 0.0004 cores: noise on a lab node
        double[] tiny = {0.00019, 0.000195, 0.0002, 0.000205, 0.00021};
        double[] quiet = times(OFF, 0.01);
        Comparison c = Comparison.of(summary(quiet, tiny), summary(quiet, times(tiny, 3)), 10);
        assertThat(c.exitCodeOf(check(c, LEVEL, Check.CANDIDATE_CPU))).isEqualTo(Comparison.PASS);
        assertThat(check(c, LEVEL, Check.CANDIDATE_CPU).message()).contains("limit +0.0010 cores");
    }
}
