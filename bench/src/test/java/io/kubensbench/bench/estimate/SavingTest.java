package io.kubensbench.bench.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.Prediction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Saving}: off less on, and its interval; {@link BaseMounts}: which figure is used, and said. */
class SavingTest {

    @Test
    void halfWidthsCombineInQuadratureEachSideOnItsOwn() {
        Prediction off = new Prediction(0.50, 0.44, 0.58, 1, null, null);
        Prediction on = new Prediction(0.10, 0.07, 0.14, 1, null, null);

        Saving s = Saving.of(off, on);

        assertThat(s.cores()).isCloseTo(0.40, within(1e-12));
        // below: off's 0.06 down and on's 0.04 up; above: off's 0.08 up and on's 0.03 down.
        assertThat(s.low()).isCloseTo(0.40 - Math.sqrt(0.06 * 0.06 + 0.04 * 0.04), within(1e-12));
        assertThat(s.high()).isCloseTo(0.40 + Math.sqrt(0.08 * 0.08 + 0.03 * 0.03), within(1e-12));
        assertThat(s.note()).isNull();
    }

    @Test
    void anOnModelDegenerateAtZeroLeavesTheOffIntervalAndAnotherDegenerateOneNone() {
        Prediction off = new Prediction(0.50, 0.44, 0.58, 1, null, null);

        Saving atZero = Saving.of(off, new Prediction(0, Double.NaN, Double.NaN, 1, null, "no measurable CPU"));
        assertThat(atZero).isEqualTo(new Saving(0.50, 0.44, 0.58,
                "the off interval, as the on model predicts 0: no measurable CPU"));

        Saving none = Saving.of(off, new Prediction(Double.NaN, Double.NaN, Double.NaN, 1, null, "2 levels"));
        assertThat(none.hasInterval()).isFalse();
        assertThat(none.note()).isEqualTo("no interval: 2 levels");
    }

    @Test
    void baseMountsAreTheUsersThenTheCalibrationsElseZeroSaidSo() {
        assertThat(BaseMounts.of(300, model(47))).isEqualTo(new BaseMounts(300, "given with --base-mounts", true));
        assertThat(BaseMounts.of(null, model(47)).value()).isEqualTo(47);
        BaseMounts unknown = BaseMounts.of(null, model(Double.NaN));
        assertThat(unknown.value()).isZero();
        assertThat(unknown.known()).isFalse();
        assertThat(unknown.source()).startsWith("unknown: ");
        assertThatThrownBy(() -> BaseMounts.of(-1, model(47))).hasMessage("--base-mounts must be at least 0 (got -1)");
    }

    private static LoadModel model(double baseMounts) {
        return new LoadModel("off", List.of(), List.of(), List.of(), null, List.of(), null, null, Double.NaN,
                Double.NaN, 0, Double.NaN, null, baseMounts, "none");
    }
}
