package io.kubensbench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Fieller's set where the data bound the ratio, where they cannot, and where there is nothing to bound. */
class FiellerTest {

    private static Descriptive d(double... v) {
        return Descriptive.of(v);
    }

    @Test
    void aBoundedIntervalContainsTheEstimateAndIsAsymmetric() {
        Fieller.Result r = Fieller.ofIndependent(d(0.021, 0.020, 0.024, 0.019, 0.023), d(0.251, 0.263, 0.241, 0.279, 0.246),
                0.95);
        assertThat(r.shape()).isEqualTo(Fieller.Shape.BOUNDED);
        assertThat(r.interval().contains(r.ratio())).isTrue();
        assertThat(r.interval().high() - r.ratio()).isNotCloseTo(r.ratio() - r.interval().low(), within(1e-6));
    }

    @Test
    void aDenominatorThatCouldBeZeroGivesAnUnboundedSet() {
        Fieller.Result r = Fieller.ofIndependent(d(0.010, 0.012, 0.011), d(0.001, 0.050, 0.0005), 0.95);
        assertThat(r.shape()).isEqualTo(Fieller.Shape.UNBOUNDED);
        assertThat(r.interval().low()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(r.interval().high()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.interval().excludes(1)).isFalse();
        assertThat(r.ratio()).isFinite();
    }

    @Test
    void aZeroDenominatorOrTooFewValuesLeaveNothingToBound() {
        assertThat(Fieller.ofIndependent(d(0.1, 0.2), d(0.3), 0.95).shape()).isEqualTo(Fieller.Shape.UNDEFINED);
        Fieller.Result zero = Fieller.ofIndependent(d(0.1, 0.2, 0.3), d(0, 0, 0), 0.95);
        assertThat(zero.ratio()).isNaN();
        assertThat(zero.shape()).isEqualTo(Fieller.Shape.UNDEFINED);
        assertThat(zero.interval().defined()).isFalse();
    }

    @Test
    void aNumeratorOfZerosWithoutSpreadIsExactlyZero() {
        Fieller.Result r = Fieller.ofIndependent(d(0, 0, 0), d(0.21, 0.25, 0.23), 0.95);
        assertThat(r.shape()).isEqualTo(Fieller.Shape.BOUNDED);
        assertThat(r.interval().low()).isZero();
        assertThat(r.interval().high()).isZero();
    }

    /** With one sample each the ratio of sums is the ratio of means; with several, the sums' errors add. */
    @Test
    void aRatioOfSumsOfOneIsTheRatioOfMeans() {
        Descriptive on = d(0.021, 0.020, 0.024);
        Descriptive off = d(0.251, 0.263, 0.241);
        assertThat(Fieller.ofSums(java.util.List.of(on), java.util.List.of(off), 0.95))
                .isEqualTo(Fieller.ofIndependent(on, off, 0.95));
        Fieller.Result two = Fieller.ofSums(java.util.List.of(on, d(0.2, 0.21, 0.22)),
                java.util.List.of(off, d(0.5, 0.52, 0.54)), 0.95);
        assertThat(two.ratio()).isCloseTo((0.065 / 3 + 0.21) / (0.755 / 3 + 0.52), within(1e-12));
        assertThat(two.shape()).isEqualTo(Fieller.Shape.BOUNDED);
        assertThat(Fieller.ofSums(java.util.List.of(on, d(0.2)), java.util.List.of(off, d(0.5)), 0.95).shape())
                .isEqualTo(Fieller.Shape.UNDEFINED);
    }
}
