package io.kubensbench.analysis.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.stats.Interval;
import org.junit.jupiter.api.Test;

/** A figure reads the same wherever it is printed; these are the forms users script against. */
class NumbersTest {

    @Test
    void aPValueHasFourDecimalsAndAFloor() {
        assertThat(Numbers.p(0.00034)).isEqualTo("0.0003");
        assertThat(Numbers.p(0.00001)).isEqualTo("< 0.0001");
        assertThat(Numbers.p(Double.NaN)).isEqualTo("-");
        assertThat("Welch p " + Numbers.pIs(0.00034)).isEqualTo("Welch p = 0.0003");
        assertThat("Welch p " + Numbers.pIs(0.00001)).isEqualTo("Welch p < 0.0001");
        assertThat("Welch p " + Numbers.pIs(Double.NaN)).isEqualTo("Welch p undefined");
    }

    @Test
    void aReductionHasOneDecimalAndCpuTwo() {
        assertThat(Numbers.percent(0.96385)).isEqualTo("96.4%");
        assertThat(Numbers.cores(0.0602955)).isEqualTo("6.03% of a core");
        assertThat(Numbers.coreShare(0.0602955)).isEqualTo("6.03%");
        assertThat(Numbers.percent(Double.NaN)).isEqualTo("-");
        assertThat(Numbers.cores(Double.NaN)).isEqualTo("-");
        assertThat(Numbers.coreShare(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    }

    @Test
    void anIntervalReadsAsASentenceOrInBrackets() {
        Interval ci = new Interval(0.959589, 0.966489);
        assertThat(Numbers.percentWithCi(0.963849, ci, "")).isEqualTo("96.4% (95% CI 96.0% to 96.6%)");
        assertThat(Numbers.percentWithCi(0.963849, ci, ", 3 nodes as blocks"))
                .isEqualTo("96.4% (95% CI 96.0% to 96.6%, 3 nodes as blocks)");
        assertThat(Numbers.percentBracketed(0.963849, ci)).isEqualTo("96.4% [96.0, 96.6]");
        Interval cpu = new Interval(0.0502, 0.0703);
        assertThat(Numbers.coresWithCi(0.0603, cpu)).isEqualTo("6.03% of a core (95% CI 5.02% to 7.03%)");
        assertThat(Numbers.coresBracketed(0.0603, cpu)).isEqualTo("6.03% of a core [5.02, 7.03]");
        assertThat(Numbers.coreShareBracketed(0.0603, cpu)).isEqualTo("6.03% [5.02, 7.03]");
    }

    @Test
    void aMissingIntervalIsSaidForAReductionAndLeftOutForCpu() {
        Interval none = Interval.undefined();
        assertThat(Numbers.percentWithCi(0.9, none, ", 3 nodes as blocks")).isEqualTo("90.0% (no interval)");
        assertThat(Numbers.percentBracketed(0.9, none)).isEqualTo("90.0% (no interval)");
        assertThat(Numbers.percentWithCi(Double.NaN, none, "")).isEqualTo("-");
        assertThat(Numbers.coresWithCi(0.0603, none)).isEqualTo("6.03% of a core");
        assertThat(Numbers.coresBracketed(0.0603, none)).isEqualTo("6.03% of a core");
    }

    /** Fieller's set when the off mean could be 0: no pair of numbers, and never "-inf to inf". */
    @Test
    void anUnboundedIntervalIsSaidSo() {
        Interval all = new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertThat(Numbers.percentWithCi(0.36, all, "")).isEqualTo("36.0% (95% CI unbounded)");
        assertThat(Numbers.percentWithCi(0.36, all, ", 3 nodes as blocks")).isEqualTo("36.0% (95% CI unbounded, 3 nodes as blocks)");
        assertThat(Numbers.percentBracketed(0.36, all)).isEqualTo("36.0% [unbounded]");
    }

    @Test
    void aSettingReadsAsTheUserWroteIt() {
        assertThat(Numbers.plain(10.0)).isEqualTo("10");
        assertThat(Numbers.plain(12.5)).isEqualTo("12.5");
        assertThat(Numbers.plain(0.001)).isEqualTo("0.001");
        assertThat(Numbers.plain(-5)).isEqualTo("-5");
        assertThat(Numbers.signed(0.00012)).isEqualTo("+0.0001");
        assertThat(Numbers.fixed(-10.0226, 2)).isEqualTo("-10.02");
        assertThat(Numbers.runs(17)).isEqualTo("17");
        assertThat(Numbers.runs(-1)).isEqualTo("-");
        assertThat(Numbers.runs(io.kubensbench.analysis.stats.Power.BEYOND)).isEqualTo("more than 1,000,000");
    }
}
