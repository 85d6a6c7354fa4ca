package io.kubensbench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

/**
 * The paired t-test against a hand calculation (with 2 degrees of freedom Student's t has a
 * closed form: P(T &le; t) = 1/2 + t / (2 sqrt(2 + t^2)), quantile (2p - 1) / sqrt(2p(1 - p)))
 * and against commons-math3's own paired test, a separate implementation.
 */
class PairedTTestTest {

    // per-node means of three nodes: candidate (on) and baseline (off)
    private static final double[] ON = {0.025, 0.210, 0.410};
    private static final double[] OFF = {0.110, 0.310, 0.520};

    @Test
    void threePairsMatchTheClosedFormWithTwoDegreesOfFreedom() {
        // d = -0.085, -0.100, -0.110: mean -0.295/3, deviations 0.04/3, -0.005/3, -0.035/3
        double mean = -0.295 / 3;
        double sd = Math.sqrt((0.0016 + 0.000025 + 0.001225) / 9 / 2);
        double t = mean / (sd / Math.sqrt(3));
        double p = 1 - Math.abs(t) / Math.sqrt(2 + t * t);

        PairedTTest.Result r = PairedTTest.of(ON, OFF);
        assertThat(r.df()).isEqualTo(2);
        assertThat(r.t()).isCloseTo(t, within(1e-9)).isCloseTo(-13.5355, within(1e-4));
        assertThat(r.p()).isCloseTo(p, within(1e-12)).isCloseTo(0.005414, within(1e-6));
        assertThat(r.t()).isCloseTo(new TTest().pairedT(ON, OFF), within(1e-9));
        assertThat(r.p()).isCloseTo(new TTest().pairedTTest(ON, OFF), within(1e-9));

        double q = (2 * 0.975 - 1) / Math.sqrt(2 * 0.975 * 0.025);
        Interval ci = Descriptive.of(new double[] {ON[0] - OFF[0], ON[1] - OFF[1], ON[2] - OFF[2]}).ci();
        assertThat(ci.low()).isCloseTo(mean - q * sd / Math.sqrt(3), within(1e-12));
        assertThat(ci.high()).isCloseTo(mean + q * sd / Math.sqrt(3), within(1e-12));
    }

    @Test
    void morePairsMatchCommonsMath() {
        double[] x = {0.41, 0.22, 0.35, 0.18, 0.29, 0.50};
        double[] y = {0.44, 0.21, 0.39, 0.22, 0.30, 0.55};
        PairedTTest.Result r = PairedTTest.of(x, y);
        assertThat(r.df()).isEqualTo(5);
        assertThat(r.t()).isCloseTo(new TTest().pairedT(x, y), within(1e-9));
        assertThat(r.p()).isCloseTo(new TTest().pairedTTest(x, y), within(1e-9));
    }

    @Test
    void identicalDifferencesAreExactConstants() {
        PairedTTest.Result lower = PairedTTest.of(new double[] {1, 2, 3}, new double[] {2, 3, 4});
        assertThat(lower.t()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(lower.p()).isZero();
        PairedTTest.Result same = PairedTTest.of(new double[] {1, 2, 3}, new double[] {1, 2, 3});
        assertThat(same.t()).isZero();
        assertThat(same.p()).isEqualTo(1);
    }

    @Test
    void onePairIsUndefinedAndUnequalLengthsAreRefused() {
        assertThat(PairedTTest.of(new double[] {1}, new double[] {2}).p()).isNaN();
        assertThatThrownBy(() -> PairedTTest.of(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 1");
    }
}
