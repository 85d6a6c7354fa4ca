package io.kubensbench.analysis.stats;

/**
 * The Wilcoxon signed-rank test on paired differences: a check on the paired t-test that
 * assumes nothing about the shape of the differences, so one odd block cannot carry the
 * verdict alone.
 *
 * <p>W+ is the sum of the ranks of |d| over the positive differences. The two-sided p-value
 * is exact, from the null distribution in which each of the 2^k sign assignments is equally
 * likely: p = min(1, 2 min(P(W+ &le; w), P(W+ &ge; w))), as {@code scipy.stats.wilcoxon(d)}
 * computes it when it takes its exact path (no zero and no tied |d|). Only that case is
 * computed, for 1 to {@value #EXACT_MAX_N} differences; with a zero difference, tied |d| or
 * more differences the p-value is NaN (undefined), never an approximation passed off as
 * exact.
 *
 * <p>With few blocks the test cannot reach a small p at all: the smallest two-sided p is
 * 2 / 2^k, i.e. 0.25 for 3 blocks and 0.0625 for 5; 6 blocks are needed to go below 0.05.
 */
public final class WilcoxonSignedRank {

    /** Most differences for which the exact p-value is computed. */
    public static final int EXACT_MAX_N = 20;

    /** W+ and the exact two-sided p-value; W+ is NaN without differences, p NaN when not exact. */
    public record Result(double wPlus, double p) {
    }

    private WilcoxonSignedRank() {
    }

    public static Result of(double[] differences) {
        int k = differences.length;
        if (k == 0) {
            return new Result(Double.NaN, Double.NaN);
        }
        double[] abs = new double[k];
        boolean exact = k <= EXACT_MAX_N;
        for (int i = 0; i < k; i++) {
            abs[i] = Math.abs(differences[i]);
            exact &= differences[i] != 0 && !Double.isNaN(differences[i]);
        }
        double wPlus = 0;
        for (int i = 0; i < k; i++) {
            int below = 0;
            int equal = 0;
            for (int j = 0; j < k; j++) {
                if (abs[j] < abs[i]) {
                    below++;
                } else if (abs[j] == abs[i]) {
                    equal++;
                }
            }
            exact &= equal == 1;
            if (differences[i] > 0) {
                wPlus += below + (equal + 1) / 2.0; // average rank among ties
            }
        }
        return new Result(wPlus, exact ? twoSided((int) wPlus, k) : Double.NaN);
    }

    /**
     * Counts the sign assignments giving each W+: counts[s] over ranks 1..r is counts over
     * ranks 1..r-1 at s (rank r negative) plus at s - r (rank r positive).
     */
    private static double twoSided(int w, int k) {
        int max = k * (k + 1) / 2;
        double[] counts = new double[max + 1];
        counts[0] = 1;
        for (int rank = 1; rank <= k; rank++) {
            for (int s = max; s >= rank; s--) {
                counts[s] += counts[s - rank];
            }
        }
        double total = Math.pow(2, k);
        double atMost = 0;
        double atLeast = 0;
        for (int s = 0; s <= max; s++) {
            if (s <= w) {
                atMost += counts[s];
            }
            if (s >= w) {
                atLeast += counts[s];
            }
        }
        return Math.min(1, 2 * Math.min(atMost, atLeast) / total);
    }
}
