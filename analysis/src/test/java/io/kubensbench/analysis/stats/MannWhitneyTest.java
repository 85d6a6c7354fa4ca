package io.kubensbench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact rank test, ties included, against a plain enumeration of every split of the
 * pooled values (U counted pair by pair), and the floors it cannot go below.
 */
class MannWhitneyTest {

    static Stream<double[][]> samples() {
        return Stream.of(
                new double[][] {{0, 0, 0}, {0.21, 0.25, 0.23}},
                new double[][] {{0.029, 0.027, 0.029, 0.030, 0.028, 0.029}, {0.031, 0.029, 0.031, 0.033, 0.029, 0.030, 0.031}},
                new double[][] {{0.2, 0.205, 0.198, 0.21, 0.202}, {0.24, 0.251, 0.262, 0.247, 0.95}},
                new double[][] {{1, 1, 2, 2, 3, 5, 8, 8}, {1, 2, 2, 4, 8, 9, 9, 9}},
                new double[][] {{0, 0, 0, 0.1}, {0, 0.2, 0.3}},
                new double[][] {{5}, {4, 6}});
    }

    @ParameterizedTest
    @MethodSource("samples")
    void exactPIsTheEnumeratedOne(double[][] xy) {
        double[] x = xy[0];
        double[] y = xy[1];
        MannWhitney.Result r = MannWhitney.of(x, y);
        double[] pooled = new double[x.length + y.length];
        System.arraycopy(x, 0, pooled, 0, x.length);
        System.arraycopy(y, 0, pooled, x.length, y.length);
        List<Double> null_ = new ArrayList<>();
        splits(pooled, x.length, 0, new ArrayList<>(), null_);
        double u = u(x, y);
        long atMost = null_.stream().filter(v -> v <= u).count();
        long atLeast = null_.stream().filter(v -> v >= u).count();
        double min = null_.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = null_.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double smallest = Math.min(1, 2.0 * Math.min(null_.stream().filter(v -> v == min).count(),
                null_.stream().filter(v -> v == max).count()) / null_.size());
        assertThat(r.exact()).isTrue();
        assertThat(r.u()).isEqualTo(u);
        assertThat(r.p()).isCloseTo(Math.min(1, 2.0 * Math.min(atMost, atLeast) / null_.size()), within(1e-12));
        assertThat(r.smallestP()).isCloseTo(smallest, within(1e-12));
    }

    @Test
    void theLabsZerosAtThreeAgainstThreeCannotGoBelowOneTenth() {
        MannWhitney.Result r = MannWhitney.of(new double[] {0, 0, 0}, new double[] {0.21, 0.25, 0.23});
        assertThat(r.p()).isCloseTo(0.1, within(1e-15));
        assertThat(r.smallestP()).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void beyondThirtyRunsPerArmTheNormalApproximation() {
        double[] x = new double[31];
        double[] y = new double[31];
        for (int i = 0; i < 31; i++) {
            x[i] = i;
            y[i] = i + 10.5;
        }
        MannWhitney.Result r = MannWhitney.of(x, y);
        assertThat(r.exact()).isFalse();
        assertThat(r.p()).isBetween(0.0, 0.05);
    }

    /** Every way to pick m of the pooled values as the first sample: its U against the rest. */
    private static void splits(double[] pooled, int m, int from, List<Integer> chosen, List<Double> out) {
        if (chosen.size() == m) {
            double[] x = new double[m];
            double[] y = new double[pooled.length - m];
            int yi = 0;
            for (int i = 0; i < pooled.length; i++) {
                if (chosen.contains(i)) {
                    x[chosen.indexOf(i)] = pooled[i];
                } else {
                    y[yi++] = pooled[i];
                }
            }
            out.add(u(x, y));
            return;
        }
        for (int i = from; i < pooled.length; i++) {
            chosen.add(i);
            splits(pooled, m, i + 1, chosen, out);
            chosen.remove(chosen.size() - 1);
        }
    }

    /** Pairs with x above y, ties one half. */
    private static double u(double[] x, double[] y) {
        double u = 0;
        for (double a : x) {
            for (double b : y) {
                u += a > b ? 1 : a == b ? 0.5 : 0;
            }
        }
        return u;
    }
}
