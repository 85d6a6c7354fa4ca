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
    void powerEdgeCases() {
        // no noise at all: any difference is seen, so the verdict's own minimum decides
        assertThat(Power.repetitionsPerArm(0, 0, 0.25, 0.1, 3)).isEqualTo(3);
        assertThat(Power.minimalDetectableEffect(0, 0, 3, 3)).isZero();
        assertThat(Power.repetitionsPerArm(0.01, 0.01, 0, 0.1, 3)).isEqualTo(Power.UNDEFINED);
        assertThat(Power.repetitionsPerArm(Double.NaN, 0.01, 0.25, 0.1, 3)).isEqualTo(Power.UNDEFINED);
        assertThat(Power.minimalDetectableEffect(Double.NaN, 0.1, 1, 3)).isNaN();
        assertThat(Power.minimalDetectableEffect(0.1, 0.1, 1, 3)).isNaN();
        // a 10% change of a mean with 10% noise per arm: the normal approximation said 16 per arm,
        // the t test needs 17 (its df are 32 there, not infinite)
        assertThat(Power.repetitionsPerArm(0.1, 0.1, 1, 0.1, 3)).isEqualTo(17);
        // a target beyond reach stops counting at the cap instead of looping
        assertThat(Power.repetitionsPerArm(1, 1, 1, 1e-6, 3)).isEqualTo(Power.BEYOND);
    }

    @Test
    void atThreeRunsTheTTestDetectsLessThanTheNormalApproximationClaimed() {
        // sd 0.01 in both arms, 3 runs each: (z + z) se = 0.0229, the t test needs 0.0307
        double mde = Power.minimalDetectableEffect(0.01, 0.01, 3, 3);
        assertThat(mde).isCloseTo(0.0307, within(0.0001));
        // the lab's shape, an on arm at 0: 2 degrees of freedom, (z + z) se = 0.0162, the t test 0.0326, twice
        assertThat(Power.minimalDetectableEffect(0.01, 0, 3, 3)).isCloseTo(0.0326, within(0.0001));
        assertThat(Power.of(mde, 0.01, 0.01, 3, 3)).isCloseTo(0.8, within(1e-9));
        assertThat(Power.of(0, 0.01, 0.01, 3, 3)).isCloseTo(0.05, within(1e-9));
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
