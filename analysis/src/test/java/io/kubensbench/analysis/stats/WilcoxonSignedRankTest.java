package io.kubensbench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact signed-rank p-value against a plain enumeration of all 2^k sign assignments of
 * the ranks 1..k, and against the example of scipy's documentation.
 */
class WilcoxonSignedRankTest {

    static Stream<double[]> samples() {
        return Stream.of(
                new double[] {0.3},
                new double[] {-0.085, -0.100, -0.110},
                new double[] {1, 2, 3, 4, 5},
                new double[] {-0.02, 0.011, -0.035, -0.007, 0.004, -0.019},
                new double[] {0.5, -1.5, 2.5, -3.5, 4.5, 5.5, -6.5, 7.5, 8.5, -9.5, 10.5, 11.5},
                new double[] {6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75},
                new double[] {-1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 12, -13, 14, -15, 16, -17, 18, 19, 20});
    }

    @ParameterizedTest
    @MethodSource("samples")
    void exactPValueIsTheEnumeratedOne(double[] d) {
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.of(d);
        double[] expected = enumerate(d);
        assertThat(r.wPlus()).isEqualTo(expected[0]);
        assertThat(r.p()).isEqualTo(expected[1]);
    }

    @Test
    void scipyDocumentationExample() {
        // scipy.stats.wilcoxon(d) documents statistic 24.0 = min(W+, W-), p-value 0.041259765625
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.of(
                new double[] {6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75});
        assertThat(120 - r.wPlus()).isEqualTo(24);
        assertThat(r.p()).isEqualTo(0.041259765625);
    }

    @Test
    void allOfOneSignGivesTwoOverTwoToTheK() {
        assertThat(WilcoxonSignedRank.of(new double[] {-0.085, -0.100, -0.110}).p()).isEqualTo(0.25);
        assertThat(WilcoxonSignedRank.of(new double[] {1, 2, 3, 4, 5}).p()).isEqualTo(0.0625);
        assertThat(WilcoxonSignedRank.of(new double[] {1, 2, 3, 4, 5, 6}).p()).isEqualTo(0.03125);
    }

    @Test
    void zerosTiesAndLargeSamplesHaveNoExactPValue() {
        assertThat(WilcoxonSignedRank.of(new double[] {0, 1, 2, 3}).p()).isNaN();
        WilcoxonSignedRank.Result tied = WilcoxonSignedRank.of(new double[] {1, -1, 2, 3});
        assertThat(tied.p()).isNaN();
        assertThat(tied.wPlus()).isEqualTo(1.5 + 3 + 4);
        double[] large = new double[WilcoxonSignedRank.EXACT_MAX_N + 1];
        for (int i = 0; i < large.length; i++) {
            large[i] = i + 1;
        }
        assertThat(WilcoxonSignedRank.of(large).p()).isNaN();
        assertThat(WilcoxonSignedRank.of(new double[0]).wPlus()).isNaN();
    }

    /** W+ and min(1, 2 min(P(W+ &le; w), P(W+ &ge; w))) by visiting every sign assignment. */
    private static double[] enumerate(double[] d) {
        int k = d.length;
        int[] rank = new int[k];
        for (int i = 0; i < k; i++) {
            rank[i] = 1;
            for (double other : d) {
                rank[i] += Math.abs(other) < Math.abs(d[i]) ? 1 : 0;
            }
        }
        int w = 0;
        for (int i = 0; i < k; i++) {
            w += d[i] > 0 ? rank[i] : 0;
        }
        long atMost = 0;
        long atLeast = 0;
        for (long signs = 0; signs < 1L << k; signs++) {
            int s = 0;
            for (int i = 0; i < k; i++) {
                s += (signs >> i & 1) == 1 ? i + 1 : 0;
            }
            atMost += s <= w ? 1 : 0;
            atLeast += s >= w ? 1 : 0;
        }
        double total = Math.pow(2, k);
        return new double[] {w, Math.min(1, 2 * Math.min(atMost, atLeast) / total)};
    }
}
