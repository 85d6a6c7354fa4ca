package io.kubensbench.analysis.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubensbench.analysis.model.Prediction;
import org.junit.jupiter.api.Test;

/** The saving off less on: exactly the off prediction when on is 0, else half-widths in quadrature. */
class SavingTest {

    private final Prediction off = new Prediction(0.40, 0.34, 0.46, 1, null, null);

    @Test
    void withEncapsulationOnAtZeroTheSavingIsTheOffPredictionItself() {
        Prediction on = new Prediction(0, Double.NaN, Double.NaN, 1, null, "systemd used no measurable CPU");

        assertThat(Saving.of(off, on, true)).isEqualTo(new Saving(0.40, 0.34, 0.46));
    }

    @Test
    void twoFittedPredictionsAddTheirUpperHalfWidthsInQuadrature() {
        // on's lower bound is clipped at 0, so its upper half-width (0.08) is the one that counts
        Prediction on = new Prediction(0.05, 0, 0.13, 1, null, null);

        Saving s = Saving.of(off, on, false);

        assertThat(s.cores()).isCloseTo(0.35, within(1e-12));
        assertThat(s.high() - s.cores()).isCloseTo(Math.hypot(0.06, 0.08), within(1e-12));
        assertThat(s.cores() - s.low()).isCloseTo(0.10, within(1e-12));
        assertThat(s.hasInterval()).isTrue();
    }

    @Test
    void anOffPredictionWithoutAnIntervalGivesASavingWithoutOne() {
        Prediction bare = new Prediction(0.40, Double.NaN, Double.NaN, 1, null, null);

        assertThat(Saving.of(bare, new Prediction(0, Double.NaN, Double.NaN, 1, null, "idle"), true).hasInterval())
                .isFalse();
    }
}
