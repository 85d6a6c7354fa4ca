package io.kubensbench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Holm's adjusted p-values, by hand. */
class HolmTest {

    @Test
    void stepDownWithRunningMaximumAndACapAtOne() {
        // sorted 0.01 (x4 = 0.04), 0.02 (x3 = 0.06), 0.03 (x2 = 0.06), 0.5 (x1 = 0.5)
        double[] adjusted = Holm.adjust(new double[] {0.03, 0.5, 0.01, 0.02});
        assertThat(adjusted[2]).isCloseTo(0.04, within(1e-15));
        assertThat(adjusted[3]).isCloseTo(0.06, within(1e-15));
        assertThat(adjusted[0]).isCloseTo(0.06, within(1e-15));
        assertThat(adjusted[1]).isCloseTo(0.5, within(1e-15));
        assertThat(Holm.adjust(new double[] {0.4, 0.6})).containsExactly(0.8, 0.8);
        assertThat(Holm.adjust(new double[] {0.7, 0.9})).containsExactly(1.0, 1.0);
    }

    @Test
    void aLevelWithoutATestIsNotInTheFamily() {
        double[] p = {Double.NaN, 0.02, 0.04};
        double[] adjusted = Holm.adjust(p);
        assertThat(adjusted[0]).isNaN();
        assertThat(adjusted[1]).isCloseTo(0.04, within(1e-15));
        assertThat(adjusted[2]).isCloseTo(0.04, within(1e-15));
        assertThat(Holm.familySize(p)).isEqualTo(2);
        assertThat(Holm.adjust(new double[] {0.03})).containsExactly(0.03);
        assertThat(Holm.adjust(new double[0])).isEmpty();
    }
}
