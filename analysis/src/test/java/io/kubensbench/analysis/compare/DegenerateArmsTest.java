package io.kubensbench.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.text.Wording;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Arms that did not vary, said as they are: the lab's on arm at 0 ns in every run is a
 * reduction by counting with no interval, two arms constant to the last bit are untestable
 * (not t = -2.5e13 and "reduced"), one outlier is flagged as deciding, and four levels are
 * judged together.
 */
class DegenerateArmsTest {

    private static final String LEVEL = "pods=200";

    private static Summary analyze(Runs runs) {
        return new Analyzer().analyze("degenerate", List.of("d"), runs.list(), "off", "on");
    }

    @Test
    void theLabsOnArmAtZeroIsReducedByCountingWithoutAnInterval() {
        Summary s = analyze(new Runs().add(LEVEL, "off", 0.2363, 0.2481, 0.2269).add(LEVEL, "on", 0, 0, 0));
        CellResult cell = s.cells().get(0);
        assertThat(cell.verdict()).isEqualTo(Verdict.REDUCED);
        assertThat(cell.candidate().idle()).isTrue();
        assertThat(cell.candidate().zeroRuns()).isEqualTo(3);
        assertThat(cell.reduction()).isEqualTo(1);
        assertThat(cell.reductionInterval()).isEqualTo(IntervalKind.EXACT);
        assertThat(cell.reductionCi().defined()).isFalse();
        // the test compares the off runs with 0: a one-sample t with 2 degrees of freedom
        assertThat(cell.welch().df()).isEqualTo(2);
        assertThat(cell.mannWhitney().p()).isEqualTo(0.1);
        assertThat(cell.restsOn()).isEqualTo("n = 3 off, 3 on valid runs; systemd used 0 ns in 3 of 3 on runs;"
                + " verdict on Welch's t, p = 0.0007; exact rank test p = 0.1000, the smallest it can give with 3 and 3 runs");
        String sentence = Wording.verdict(s, cell, null);
        assertThat(sentence).startsWith("At pods=200, encapsulation reduced systemd's CPU by 100.0% by counting"
                        + " (systemd used 0 ns in 3 of 3 on runs, so no interval), from 23.71% of a core (off) to 0 ns in"
                        + " all 3 runs (on); Welch p = 0.0007;")
                .doesNotContain("95% CI");
        assertThat(Wording.reductionBracketed(cell)).isEqualTo("100.0% by counting");
    }

    /** The case: 0.1% of a core against 0.01%, every run the same counter value. */
    @Test
    void armsConstantToTheLastBitAreUntestableNotReduced() {
        Summary s = analyze(new Runs().add(LEVEL, "off", 0.0011, 0.0011, 0.0011).add(LEVEL, "on", 0.0001, 0.0001, 0.0001));
        CellResult cell = s.cells().get(0);
        assertThat(cell.baseline().constant()).isTrue();
        assertThat(cell.candidate().constant()).isTrue();
        assertThat(cell.verdict()).isEqualTo(Verdict.UNTESTABLE);
        assertThat(cell.verdict().label()).isEqualTo("untestable: both arms constant");
        assertThat(cell.welch().t()).isNaN();
        assertThat(cell.p()).isNaN();
        assertThat(cell.hedgesG()).isNaN();
        assertThat(cell.differenceCi().defined()).isFalse();
        assertThat(cell.reductionInterval()).isEqualTo(IntervalKind.CONSTANT_ARM);
        assertThat(cell.reduction()).isBetween(0.909, 0.910);
        assertThat(cell.holmLevels()).isZero();
        assertThat(cell.restsOn()).endsWith("no run-to-run variation in either arm, so no test");
        assertThat(Wording.verdict(s, cell, null)).contains("could not be tested: neither arm varied from run to run",
                "the off runs are all within one counter step and the on runs are all within one counter step",
                "from 0.11% of a core in every run (off) to 0.01% of a core in every run (on)");
    }

    @Test
    void anOffArmAtZeroHasNothingToReduce() {
        Summary s = analyze(new Runs().add(LEVEL, "off", 0, 0, 0).add(LEVEL, "on", 0.010, 0.012, 0.011));
        CellResult cell = s.cells().get(0);
        assertThat(cell.verdict()).isEqualTo(Verdict.INCREASED);
        assertThat(cell.reduction()).isNaN();
        assertThat(cell.reductionInterval()).isEqualTo(IntervalKind.UNDEFINED);
        assertThat(Wording.reduction(cell)).isEqualTo("undefined (systemd used 0 ns in 3 of 3 off runs: nothing to reduce)");
    }

    /** Every on run below every off run, one off run far out: Welch sees noise, the rank test does not. */
    @Test
    void oneOutlierIsSaidToDecide() {
        Summary s = analyze(new Runs().add(LEVEL, "off", 0.240, 0.251, 0.262, 0.247, 0.950)
                .add(LEVEL, "on", 0.200, 0.205, 0.198, 0.210, 0.202));
        CellResult cell = s.cells().get(0);
        assertThat(cell.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_DIFFERENCE);
        assertThat(cell.welch().p()).isGreaterThan(0.2);
        assertThat(cell.mannWhitney().p()).isLessThan(0.01);
        assertThat(cell.fragile()).isTrue();
        assertThat(Wording.label(cell)).isEqualTo("no significant difference (fragile)");
        assertThat(cell.restsOn()).endsWith("; fragile: Welch and the rank test disagree at 0.05, one run decides");
        assertThat(Wording.verdict(s, cell, null)).contains("; fragile: the rank test disagrees, one run decides;");
    }

    /** A level at p = 0.017 alone is not significant among four: Holm multiplies the smallest by 4, the next by 3. */
    @Test
    void fourLevelsAreJudgedTogether() {
        Summary s = analyze(new Runs()
                .add("pods=50", "off", 0.031, 0.029, 0.031, 0.033, 0.029, 0.030, 0.031)
                .add("pods=50", "on", 0.029, 0.027, 0.029, 0.030, 0.028, 0.029)
                .add("pods=100", "off", 0.240, 0.251, 0.262, 0.247, 0.950)
                .add("pods=100", "on", 0.200, 0.205, 0.198, 0.210, 0.202)
                .add("pods=200", "off", 0.50, 0.52, 0.49, 0.51).add("pods=200", "on", 0.050, 0.052, 0.049, 0.051)
                .add("pods=400", "off", 0.80, 0.83, 0.78, 0.81).add("pods=400", "on", 0.81, 0.79, 0.82, 0.80));
        CellResult ties = s.cell("pods=50").orElseThrow();
        assertThat(ties.p()).isLessThan(0.05);
        assertThat(ties.holmP()).isGreaterThan(0.05).isEqualTo(3 * ties.p());
        assertThat(ties.holmLevels()).isEqualTo(4);
        assertThat(ties.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_DIFFERENCE);
        assertThat(s.cell("pods=200").orElseThrow().verdict()).isEqualTo(Verdict.REDUCED);
        assertThat(ties.restsOn()).contains("verdict on Welch's t, p = 0.0170, Holm-adjusted over 4 levels p = 0.0509");
        assertThat(Wording.test(ties)).isEqualTo("Welch 0.0170 (Holm 0.0509)");
    }

    @Test
    void anArmConstantAtTickResolutionHasNoIntervalButItsTestStands() {
        Runs runs = new Runs().add(LEVEL, "off", 0.10, 0.12, 0.11);
        for (long window : new long[] {20_001_000_000L, 19_998_000_000L, 20_003_000_000L}) {
            runs.ticks(LEVEL, "on", 2, window);
        }
        CellResult cell = analyze(runs).cells().get(0);
        assertThat(cell.candidate().resolution()).isGreaterThan(4e-4);
        assertThat(cell.candidate().constant()).isTrue();
        assertThat(cell.reductionInterval()).isEqualTo(IntervalKind.CONSTANT_ARM);
        assertThat(cell.verdict()).isEqualTo(Verdict.REDUCED);
        assertThat(Wording.reductionBracketed(cell)).endsWith("% [no interval]");
    }
}
