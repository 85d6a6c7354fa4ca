package io.kubensbench.analysis.prediction;

import io.kubensbench.analysis.model.Prediction;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The saving off less on: the off prediction itself when on is 0, else half-widths in quadrature, side by side. */
class SavingTest {

    private final Prediction off = new Prediction(0.50, 0.44, 0.58, 1, null, null);

    @Test
    void halfWidthsCombineInQuadratureEachSideOnItsOwn() {
        Prediction on = new Prediction(0.10, 0.07, 0.14, 1, null, null);

        Saving s = Saving.of(off, on);

        assertThat(s.cores()).isCloseTo(0.40, within(1e-12));
        // below: off's 0.06 down and on's 0.04 up; above: off's 0.08 up and on's 0.03 down.
        assertThat(s.low()).isCloseTo(0.40 - Math.sqrt(0.06 * 0.06 + 0.04 * 0.04), within(1e-12));
        assertThat(s.high()).isCloseTo(0.40 + Math.sqrt(0.08 * 0.08 + 0.03 * 0.03), within(1e-12));
        assertThat(s.note()).isNull();
        assertThat(s.hasInterval()).isTrue();
    }

    @Test
    void anOnModelDegenerateAtZeroLeavesTheOffIntervalAndAnotherDegenerateOneNone() {
        Saving atZero = Saving.of(off, new Prediction(0, Double.NaN, Double.NaN, 1, null, "no measurable CPU"));
        assertThat(atZero).isEqualTo(new Saving(0.50, 0.44, 0.58,
                "the off interval, as the on model predicts 0: no measurable CPU"));

        Saving none = Saving.of(off, new Prediction(Double.NaN, Double.NaN, Double.NaN, 1, null, "2 levels"));
        assertThat(none.hasInterval()).isFalse();
        assertThat(none.note()).isEqualTo("no interval: 2 levels");
    }

    @Test
    void anOffPredictionWithoutAnIntervalGivesASavingWithoutOne() {
        Prediction bare = new Prediction(0.40, Double.NaN, Double.NaN, 1, null, null);

        assertThat(Saving.of(bare, new Prediction(0, Double.NaN, Double.NaN, 1, null, "idle")).hasInterval())
                .isFalse();
    }
}
