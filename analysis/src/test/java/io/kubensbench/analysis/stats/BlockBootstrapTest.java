package io.kubensbench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The bootstrap that resamples whole blocks (nodes), each with its two arm means. */
class BlockBootstrapTest {

    private static final double[] OFF = {0.11, 0.31, 0.52, 0.08, 0.95, 0.40};
    private static final double[] ON = {0.025, 0.21, 0.41, 0.02, 0.30, 0.33};

    @Test
    void pooledReductionIsOneMinusTheRatioOfSums() {
        Bootstrap.Result r = new Bootstrap(1, 2000).ofBlocks(OFF, ON);
        double sumOff = Arrays.stream(OFF).sum();
        double sumOn = Arrays.stream(ON).sum();
        assertThat(r.reduction()).isCloseTo(1 - sumOn / sumOff, within(1e-12));
        assertThat(r.difference()).isCloseTo((sumOn - sumOff) / OFF.length, within(1e-12));
    }

    @Test
    void intervalLiesBetweenTheSmallestAndLargestBlockReduction() {
        // 1 - sum(on) / sum(off) is a weighted mean of the per-block reductions, weights off_j,
        // so no resample of blocks can leave their range
        Bootstrap.Result r = new Bootstrap(7, 2000).ofBlocks(OFF, ON);
        double[] perBlock = new double[OFF.length];
        for (int j = 0; j < OFF.length; j++) {
            perBlock[j] = 1 - ON[j] / OFF[j];
        }
        double min = Arrays.stream(perBlock).min().orElseThrow();
        double max = Arrays.stream(perBlock).max().orElseThrow();
        assertThat(r.reductionCi().low()).isBetween(min, max);
        assertThat(r.reductionCi().high()).isBetween(min, max);
        assertThat(r.reductionCi().contains(r.reduction())).isTrue();
        assertThat(r.differenceCi().contains(r.difference())).isTrue();
    }

    @Test
    void sameSeedSameInterval() {
        assertThat(new Bootstrap(3, 500).ofBlocks(OFF, ON)).isEqualTo(new Bootstrap(3, 500).ofBlocks(OFF, ON));
        assertThat(new Bootstrap(3, 500).ofBlocks(OFF, ON).reductionCi())
                .isNotEqualTo(new Bootstrap(4, 500).ofBlocks(OFF, ON).reductionCi());
    }

    @Test
    void zeroBaselineAndMismatchedBlocks() {
        Bootstrap.Result zero = new Bootstrap(1, 100).ofBlocks(new double[] {0, 0}, new double[] {0.1, 0.2});
        assertThat(zero.reduction()).isNaN();
        assertThat(zero.reductionCi().defined()).isFalse();
        assertThat(new Bootstrap(1, 100).ofBlocks(new double[0], new double[0]).reduction()).isNaN();
        assertThatThrownBy(() -> new Bootstrap(1, 100).ofBlocks(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 1");
    }
}
