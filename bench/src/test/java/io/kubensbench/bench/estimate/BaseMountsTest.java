package io.kubensbench.bench.estimate;

import io.kubensbench.analysis.model.LoadModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link BaseMounts}: which figure is used, and said. */
class BaseMountsTest {

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
