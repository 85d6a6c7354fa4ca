package io.kubensbench.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubensbench.analysis.text.Wording;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cost model as a reader sees it: its robust interval and which levels its line misses. */
class CostModelTest {

    private static final List<String> FOUR = List.of("pods=25", "pods=25", "pods=25", "pods=100", "pods=100",
            "pods=100", "pods=250", "pods=250", "pods=250", "pods=500", "pods=500", "pods=500");
    /** The golden heteroscedastic dose-response: spread growing with the load. */
    private static final double[] X = {409, 411, 407, 1543, 1540, 1546, 3794, 3790, 3799, 7545, 7540, 7551};
    private static final double[] Y = {0.0440, 0.0472, 0.0453, 0.1290, 0.1030, 0.1523, 0.2810, 0.3190, 0.3069, 0.6100,
            0.7650, 0.6833};

    @Test
    void aLineThatMissesItsSmallestLevelSaysSo() {
        CostModel m = CostModel.fit("off", CostModel.MOUNTS, X, Y, FOUR).orElseThrow();
        assertThat(m.rateCi().width()).isGreaterThan(m.equalVarianceRateCi().width() * 1.6);
        assertThat(m.missed()).extracting(LevelResidual::level).containsExactly("pods=25");
        assertThat(Wording.costModel(m)).isEqualTo("off: 9.017% of a core per 1,000 mounts (95% CI 7.322 to 10.711,"
                + " robust to unequal spread), intercept -0.91% of a core, R\u00b2 0.975, 12 runs; the line misses"
                + " pods=25 (mean residual +1.77% of a core, 20.3 standard errors of its runs, beyond 8.9)");
    }

    @Test
    void aLineThroughEveryLevelSaysHowCloseItCame() {
        double[] y = {0.0372, 0.0368, 0.0365, 0.139, 0.135, 0.142, 0.34, 0.33, 0.345, 0.68, 0.7, 0.66};
        CostModel m = CostModel.fit("off", CostModel.MOUNTS, X, y, FOUR).orElseThrow();
        assertThat(m.missed()).isEmpty();
        assertThat(Wording.costModel(m)).contains("; the line fits every level (largest mean residual ")
                .endsWith(" standard errors of its level's runs, at pods=25)");
    }

    @Test
    void aLevelOfOneRunIsNotChecked() {
        List<String> levels = List.of("pods=10", "pods=20", "pods=20", "pods=40", "pods=40", "pods=80", "pods=80");
        CostModel m = CostModel.fit("off", CostModel.MOUNTS, new double[] {100, 200, 210, 400, 390, 800, 810},
                new double[] {0.01, 0.02, 0.022, 0.041, 0.039, 0.079, 0.082}, levels).orElseThrow();
        assertThat(m.residuals().get(0).checked()).isFalse();
        assertThat(Wording.costModel(m)).endsWith("; pods=10 not checked (1 run)");
    }

    @Test
    void twoLevelsLeaveNothingToCheck() {
        // a line goes through any two levels' means
        CostModel m = CostModel.fit("off", CostModel.MOUNTS, new double[] {200, 210, 400, 390, 410},
                new double[] {0.02, 0.022, 0.041, 0.039, 0.05}, List.of("a", "a", "b", "b", "b")).orElseThrow();
        assertThat(m.residuals()).isEmpty();
        assertThat(Wording.costModel(m)).endsWith(", 5 runs");
    }

    @Test
    void aRunAloneAtItsLoadLeavesNoRobustInterval() {
        // every run but one at the same x: that run has leverage 1 and its residual is 0 by construction
        CostModel m = CostModel.fit("off", CostModel.MOUNTS, new double[] {1000, 1000, 1000, 3000},
                new double[] {0.02, 0.025, 0.022, 0.07}, List.of("a", "a", "a", "b")).orElseThrow();
        assertThat(m.fit().robustStdErr()).isNaN();
        assertThat(m.fit().slopeStdErr()).isPositive();
        assertThat(Wording.costModel(m)).contains("(no interval: a run alone at its load)");
    }

    @Test
    void exactDataHaveAnIntervalOfZeroWidthAndFitEveryLevel() {
        CostModel m = CostModel.fit("off", CostModel.MOUNTS, new double[] {1000, 1000, 2000, 2000, 4000, 4000},
                new double[] {0.03, 0.03, 0.05, 0.05, 0.09, 0.09}, List.of("a", "a", "b", "b", "c", "c")).orElseThrow();
        assertThat(m.rateCi().width()).isLessThan(1e-9);
        assertThat(m.missed()).isEmpty();
        assertThat(m.residuals()).allMatch(r -> r.t() == 0);
    }

    @Test
    void everyPointNeedsItsLevelAndAnOldSummaryHasNoResiduals() {
        assertThatThrownBy(() -> CostModel.fit("off", CostModel.MOUNTS, X, Y, List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("1 levels for 12 points");
        CostModel m = CostModel.fit("off", CostModel.MOUNTS, X, Y, FOUR).orElseThrow();
        assertThat(new CostModel("off", CostModel.MOUNTS, m.fit(), null).residuals()).isEqualTo(Collections.emptyList());
    }
}
