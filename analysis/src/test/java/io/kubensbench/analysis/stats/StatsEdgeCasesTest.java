package io.kubensbench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The behaviours the golden data cannot show: undefined cases, as each class documents them. */
class StatsEdgeCasesTest {

    private static final double[] OFF = {0.2512, 0.2634, 0.2411, 0.2788, 0.2456, 0.2590};
    private static final double[] ON = {0.0213, 0.0198, 0.0244, 0.0187, 0.0229};

    @Test
    void descriptiveOfNoneAndOneValue() {
        Descriptive none = Descriptive.of(new double[0]);
        assertThat(none.n()).isZero();
        assertThat(none.mean()).isNaN();
        Descriptive one = Descriptive.of(new double[] {0.3});
        assertThat(one.mean()).isEqualTo(0.3);
        assertThat(one.median()).isEqualTo(0.3);
        assertThat(one.sd()).isNaN();
        assertThat(one.ciLow()).isNaN();
        assertThat(one.ciHigh()).isNaN();
        assertThat(one.ci().excludes(0)).isFalse();
    }

    @Test
    void constantSampleHasAZeroWidthInterval() {
        Descriptive d = Descriptive.of(new double[] {0.5, 0.5, 0.5});
        assertThat(d.sd()).isZero();
        assertThat(d.ciLow()).isEqualTo(0.5);
        assertThat(d.ciHigh()).isEqualTo(0.5);
    }

    @Test
    void welchWithBothVariancesZero() {
        WelchTest.Result same = WelchTest.of(new double[] {1, 1, 1}, new double[] {1, 1, 1, 1});
        assertThat(same.t()).isZero();
        assertThat(same.p()).isEqualTo(1);
        assertThat(same.df()).isEqualTo(5);
        WelchTest.Result lower = WelchTest.of(new double[] {1, 1, 1}, new double[] {2, 2, 2});
        assertThat(lower.t()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(lower.p()).isZero();
        WelchTest.Result higher = WelchTest.of(new double[] {3, 3, 3}, new double[] {2, 2, 2});
        assertThat(higher.t()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(higher.p()).isZero();
        Interval ci = WelchTest.differenceInterval(new double[] {3, 3, 3}, new double[] {2, 2, 2}, 0.95);
        assertThat(ci.low()).isEqualTo(1);
        assertThat(ci.high()).isEqualTo(1);
    }

    @Test
    void welchNeedsTwoValuesPerSample() {
        WelchTest.Result r = WelchTest.of(new double[] {1}, new double[] {2, 3});
        assertThat(r.t()).isNaN();
        assertThat(r.p()).isNaN();
        assertThat(WelchTest.differenceInterval(new double[] {1}, new double[] {2, 3}, 0.95).defined()).isFalse();
    }

    @Test
    void mannWhitneyEdgeCases() {
        assertThat(MannWhitney.of(new double[0], new double[] {1}).p()).isNaN();
        MannWhitney.Result allTied = MannWhitney.of(new double[] {1, 1, 1}, new double[] {1, 1});
        assertThat(allTied.u()).isEqualTo(3);
        assertThat(allTied.p()).isEqualTo(1);
        // exact, U = m n / 2: the doubled tail exceeds 1 and is clipped, as scipy does
        MannWhitney.Result middle = MannWhitney.of(new double[] {1, 4}, new double[] {2, 3});
        assertThat(middle.u()).isEqualTo(2);
        assertThat(middle.p()).isEqualTo(1);
        // complete separation, 3 and 3: p = 2 / C(6, 3)
        assertThat(MannWhitney.of(new double[] {1, 2, 3}, new double[] {4, 5, 6}).p()).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void effectSizesSigns() {
        assertThat(EffectSize.hedgesG(OFF, ON)).isNegative();
        assertThat(EffectSize.cliffsDelta(OFF, ON)).isEqualTo(-1);
        assertThat(EffectSize.cliffsDelta(ON, OFF)).isEqualTo(1);
        assertThat(EffectSize.hedgesG(new double[] {1, 1}, new double[] {1, 1})).isZero();
        assertThat(EffectSize.hedgesG(new double[] {1, 1}, new double[] {2, 2})).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(EffectSize.hedgesG(new double[] {1}, new double[] {2, 2})).isNaN();
        assertThat(EffectSize.cliffsDelta(new double[0], new double[] {2})).isNaN();
    }

    @Test
    void bootstrapIsReproducibleForASeed() {
        Bootstrap.Result a = new Bootstrap(7, 10_000).of(OFF, ON);
        Bootstrap.Result b = new Bootstrap(7, 10_000).of(OFF, ON);
        assertThat(b).isEqualTo(a);
        Bootstrap.Result c = new Bootstrap(8, 10_000).of(OFF, ON);
        assertThat(c.reduction()).isEqualTo(a.reduction());
        assertThat(c.reductionCi()).isNotEqualTo(a.reductionCi());
        assertThat(c.differenceCi()).isNotEqualTo(a.differenceCi());
    }

    /** 10000 resamples (the default) against 400000 with another seed: within 2% of the interval's width. */
    @Test
    void bootstrapAt10000ResamplesIsCloseToALargeRun() {
        Bootstrap.Result usual = new Bootstrap(1, 10_000).of(OFF, ON);
        Bootstrap.Result reference = new Bootstrap(99, 400_000).of(OFF, ON);
        double tolerance = 0.02 * reference.reductionCi().width();
        assertThat(usual.reductionCi().low()).isCloseTo(reference.reductionCi().low(), within(tolerance));
        assertThat(usual.reductionCi().high()).isCloseTo(reference.reductionCi().high(), within(tolerance));
        double dt = 0.02 * reference.differenceCi().width();
        assertThat(usual.differenceCi().low()).isCloseTo(reference.differenceCi().low(), within(dt));
        assertThat(usual.differenceCi().high()).isCloseTo(reference.differenceCi().high(), within(dt));
    }

    @Test
    void bootstrapOfAZeroBaselineIsUndefined() {
        Bootstrap.Result r = new Bootstrap(1, 1000).of(new double[] {0, 0, 0}, new double[] {0.1, 0.2, 0.3});
        assertThat(r.reduction()).isNaN();
        assertThat(r.reductionCi().defined()).isFalse();
        assertThat(r.reductionCi().excludes(0)).isFalse();
        assertThat(r.difference()).isCloseTo(0.2, within(1e-12));
        assertThat(r.differenceCi().defined()).isTrue();
        // a zero in the baseline: some resample is all zeros, so the ratio's interval is undefined
        Bootstrap.Result partly = new Bootstrap(1, 10_000).of(new double[] {0, 0.3}, new double[] {0.05, 0.1});
        assertThat(partly.reduction()).isCloseTo(0.5, within(1e-12));
        assertThat(partly.reductionCi().defined()).isFalse();
    }

    @Test
    void bootstrapRejectsNoResamples() {
        assertThatThrownBy(() -> new Bootstrap(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(Bootstrap.percentile(sorted, 0.025)).isCloseTo(1.1, within(1e-12));
        assertThat(Bootstrap.percentile(sorted, 0.975)).isCloseTo(4.9, within(1e-12));
        assertThat(Bootstrap.percentile(sorted, 0.5)).isEqualTo(3);
    }

    @Test
    void powerEdgeCases() {
        assertThat(Power.repetitionsPerArm(0, 0, 0.25, 0.1)).isEqualTo(2);
        assertThat(Power.repetitionsPerArm(0.01, 0.01, 0, 0.1)).isEqualTo(Power.UNDEFINED);
        assertThat(Power.repetitionsPerArm(Double.NaN, 0.01, 0.25, 0.1)).isEqualTo(Power.UNDEFINED);
        // (1.96 + 0.84)^2 * 2 * 0.1^2 / 0.1^2 = 15.7 -> 16
        assertThat(Power.repetitionsPerArm(0.1, 0.1, 1, 0.1)).isEqualTo(16);
        assertThat(Power.minimalDetectableEffect(Double.NaN, 0.1, 1, 3)).isNaN();
    }

    @Test
    void linearFitOnExactDataAndTooFewPoints() {
        LinearFit exact = LinearFit.of(new double[] {1000, 2000, 3000, 4000}, new double[] {0.02, 0.04, 0.06, 0.08});
        assertThat(exact.slope()).isCloseTo(2e-5, within(1e-15));
        assertThat(exact.intercept()).isCloseTo(0, within(1e-12));
        assertThat(exact.r2()).isCloseTo(1, within(1e-12));
        LinearFit two = LinearFit.of(new double[] {1, 2}, new double[] {3, 5});
        assertThat(two.slope()).isCloseTo(2, within(1e-12));
        assertThat(two.slopeCiLow()).isNaN();
        assertThat(two.slopeCiHigh()).isNaN();
        assertThat(two.slopeStdErr()).isNaN();
        LinearFit vertical = LinearFit.of(new double[] {5, 5, 5}, new double[] {1, 2, 3});
        assertThat(vertical.slope()).isNaN();
        assertThat(vertical.slopeCiLow()).isNaN();
        assertThatThrownBy(() -> LinearFit.of(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
