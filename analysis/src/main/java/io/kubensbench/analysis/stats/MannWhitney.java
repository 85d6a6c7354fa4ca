package io.kubensbench.analysis.stats;

import java.util.Arrays;

/**
 * The Mann-Whitney U test: a check on Welch's test that assumes nothing about the shape of
 * the distributions, so one disturbed run cannot carry the verdict alone.
 *
 * <p>Computed exactly as {@code scipy.stats.mannwhitneyu(x, y, alternative='two-sided',
 * use_continuity=True)} with an explicit method: U is the statistic of the first sample (the
 * number of pairs with x &gt; y, ties counting one half); the p-value is two-sided. When both
 * samples have at most {@value #EXACT_MAX_N} values and the pooled data has no ties, p comes
 * from the exact permutation distribution of U (counted, {@code method='exact'}); otherwise
 * from the normal approximation with tie and continuity correction
 * ({@code method='asymptotic'}). Note that scipy's {@code method='auto'} would also go exact
 * when only one sample is small.
 */
public final class MannWhitney {

    /** Largest sample size, in both samples, for which the exact distribution is used. */
    public static final int EXACT_MAX_N = 8;

    /** U of the first sample and the two-sided p-value; NaN when a sample is empty. */
    public record Result(double u, double p) {
    }

    private MannWhitney() {
    }

    public static Result of(double[] x, double[] y) {
        int n1 = x.length;
        int n2 = y.length;
        if (n1 == 0 || n2 == 0) {
            return new Result(Double.NaN, Double.NaN);
        }
        Ranking ranking = Ranking.of(x, y);
        double u1 = ranking.rankSumOfFirst - n1 * (n1 + 1) / 2.0;
        double u = Math.max(u1, (double) n1 * n2 - u1);
        double p = n1 <= EXACT_MAX_N && n2 <= EXACT_MAX_N && ranking.tieTerm == 0
                ? 2 * exactSurvival((int) Math.round(u), n1, n2)
                : 2 * Distributions.normalSurvival(z(u, n1, n2, ranking.tieTerm));
        return new Result(u1, Math.max(0, Math.min(1, p)));
    }

    /** Standardised U with tie correction, minus 0.5 for continuity (p is always from the upper tail). */
    private static double z(double u, int n1, int n2, double tieTerm) {
        double n = n1 + n2;
        double s = Math.sqrt(n1 * (double) n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
        return (u - n1 * (double) n2 / 2 - 0.5) / s;
    }

    /**
     * P(U &gt;= u) under the null hypothesis: every assignment of the n1 + n2 ranks to the two
     * samples equally likely, counted with the recurrence f(m, n, k) = f(m-1, n, k-n) +
     * f(m, n-1, k) for the number of assignments giving U = k.
     */
    private static double exactSurvival(int u, int n1, int n2) {
        // counts[m][n][k]: arrangements of m first-sample and n second-sample values with U = k
        double[][][] counts = new double[n1 + 1][n2 + 1][];
        for (int m = 0; m <= n1; m++) {
            for (int n = 0; n <= n2; n++) {
                double[] c = new double[m * n + 1];
                if (m == 0 || n == 0) {
                    c[0] = 1;
                } else {
                    // the largest value belongs to the first sample (it beats all n), or to the second
                    double[] first = counts[m - 1][n];
                    double[] second = counts[m][n - 1];
                    for (int k = 0; k < c.length; k++) {
                        double a = k - n >= 0 && k - n < first.length ? first[k - n] : 0;
                        double b = k < second.length ? second[k] : 0;
                        c[k] = a + b;
                    }
                }
                counts[m][n] = c;
            }
        }
        double[] dist = counts[n1][n2];
        double total = 0;
        double tail = 0;
        for (int k = 0; k < dist.length; k++) {
            total += dist[k];
            if (k >= u) {
                tail += dist[k];
            }
        }
        return tail / total;
    }

    /** Average ranks of the pooled samples: the first sample's rank sum and the tie term sum(t^3 - t). */
    private record Ranking(double rankSumOfFirst, double tieTerm) {

        static Ranking of(double[] x, double[] y) {
            int n = x.length + y.length;
            double[] values = new double[n];
            boolean[] first = new boolean[n];
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                values[i] = i < x.length ? x[i] : y[i - x.length];
                first[i] = i < x.length;
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
            double rankSum = 0;
            double tieTerm = 0;
            int i = 0;
            while (i < n) {
                int j = i;
                while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                    j++;
                }
                double rank = (i + j) / 2.0 + 1; // average of ranks i+1 .. j+1
                double t = j - i + 1;
                tieTerm += t * t * t - t;
                for (int k = i; k <= j; k++) {
                    if (first[order[k]]) {
                        rankSum += rank;
                    }
                }
                i = j + 1;
            }
            return new Ranking(rankSum, tieTerm);
        }
    }
}
