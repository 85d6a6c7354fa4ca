package io.kubensbench.analysis.stats;

import java.util.Arrays;

/**
 * The Mann-Whitney U test: a check on Welch's test that assumes nothing about the shape of
 * the distributions, so one disturbed run cannot carry the verdict alone, and it cannot be
 * carried by one either: it sees the order of the runs, not their distance.
 *
 * <p>U is the statistic of the first sample: the number of pairs with x &gt; y, ties counting
 * one half (as {@code scipy.stats.mannwhitneyu(x, y)} reports it). With at most
 * {@value #EXACT_MAX_N} values in each sample the two-sided p-value is exact, ties included:
 * under the null hypothesis every split of the pooled values (with their average ranks) into
 * samples of n1 and n2 is equally likely, and p = min(1, 2 min(P(U &le; u), P(U &ge; u))) over
 * those splits, as {@code scipy.stats.permutation_test} defines it. The lab's on arm, 0 ns in
 * every run, ties all its values, and the normal approximation would give it p = 0.064 at 3
 * against 3 where no split can give less than 0.100. Beyond {@value #EXACT_MAX_N} values per
 * sample p comes from the normal approximation with tie and continuity correction (scipy's
 * {@code method='asymptotic'}), accurate at that size.
 *
 * <p>{@code smallestP} is the smallest p any outcome could give with these sample sizes and
 * ties, 2 / C(n1 + n2, n1) without ties (0.100 at 3 against 3): a rank test that cannot go
 * below 0.05 at all says nothing by being above it.
 */
public final class MannWhitney {

    /** Largest sample size, in both samples, for which the p-value is exact. */
    public static final int EXACT_MAX_N = 30;

    /**
     * @param u         U of the first sample; NaN when a sample is empty
     * @param p         two-sided p-value; NaN when a sample is empty
     * @param exact     whether p comes from the permutation distribution
     * @param smallestP the smallest p the test could give with these samples' sizes and ties
     */
    public record Result(double u, double p, boolean exact, double smallestP) {

        static Result undefined() {
            return new Result(Double.NaN, Double.NaN, false, Double.NaN);
        }
    }

    private MannWhitney() {
    }

    public static Result of(double[] x, double[] y) {
        int n1 = x.length;
        int n2 = y.length;
        if (n1 == 0 || n2 == 0) {
            return Result.undefined();
        }
        Ranking ranking = Ranking.of(x, y);
        double u1 = ranking.doubledRankSumOfFirst / 2.0 - n1 * (n1 + 1) / 2.0;
        if (n1 <= EXACT_MAX_N && n2 <= EXACT_MAX_N) {
            double[] dist = ranking.doubledRankSumDistribution(n1);
            int observed = ranking.doubledRankSumOfFirst;
            double total = 0;
            double atMost = 0;
            double atLeast = 0;
            int first = -1;
            int last = -1;
            for (int s = 0; s < dist.length; s++) {
                if (dist[s] == 0) {
                    continue;
                }
                first = first < 0 ? s : first;
                last = s;
                total += dist[s];
                atMost += s <= observed ? dist[s] : 0;
                atLeast += s >= observed ? dist[s] : 0;
            }
            double p = Math.min(1, 2 * Math.min(atMost, atLeast) / total);
            double smallest = Math.min(1, 2 * Math.min(dist[first], dist[last]) / total);
            return new Result(u1, p, true, smallest);
        }
        double u = Math.max(u1, (double) n1 * n2 - u1);
        double p = 2 * Distributions.normalSurvival(z(u, n1, n2, ranking.tieTerm));
        return new Result(u1, Math.max(0, Math.min(1, p)), false, 0);
    }

    /** Standardised U with tie correction, minus 0.5 for continuity (p is always from the upper tail). */
    private static double z(double u, int n1, int n2, double tieTerm) {
        double n = n1 + n2;
        double s = Math.sqrt(n1 * (double) n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1))));
        return (u - n1 * (double) n2 / 2 - 0.5) / s;
    }

    /**
     * The pooled values in tie groups with their average ranks, doubled so they are integers.
     *
     * @param groupSizes          values per tie group, in ascending order of value
     * @param doubledRanks        twice the average rank of each group
     * @param doubledRankSumOfFirst twice the first sample's rank sum
     * @param tieTerm             sum(t^3 - t) over the groups
     */
    private record Ranking(int[] groupSizes, int[] doubledRanks, int doubledRankSumOfFirst, double tieTerm) {

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
            int[] sizes = new int[n];
            int[] ranks = new int[n];
            int groups = 0;
            int rankSum = 0;
            double tieTerm = 0;
            int i = 0;
            while (i < n) {
                int j = i;
                while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                    j++;
                }
                int doubledRank = i + j + 2; // twice the average of ranks i+1 .. j+1
                int t = j - i + 1;
                tieTerm += (double) t * t * t - t;
                for (int k = i; k <= j; k++) {
                    rankSum += first[order[k]] ? doubledRank : 0;
                }
                sizes[groups] = t;
                ranks[groups] = doubledRank;
                groups++;
                i = j + 1;
            }
            return new Ranking(Arrays.copyOf(sizes, groups), Arrays.copyOf(ranks, groups), rankSum, tieTerm);
        }

        /**
         * The number of splits giving each doubled rank sum of a first sample of size m: a
         * split takes some j of a group's t values, C(t, j) ways, each adding j times the
         * group's rank. Counted in place, group by group, as a knapsack: ways[taken][sum],
         * updated from the most taken down so that each group is counted once.
         */
        double[] doubledRankSumDistribution(int m) {
            int n = Arrays.stream(groupSizes).sum();
            int max = m * (2 * n - m + 1); // twice the largest rank sum, the top m ranks
            double[][] ways = new double[m + 1][max + 1];
            ways[0][0] = 1;
            int seen = 0;
            int reach = 0;
            for (int g = 0; g < groupSizes.length; g++) {
                int t = groupSizes[g];
                int rank = doubledRanks[g];
                for (int taken = Math.min(m, seen); taken >= 0; taken--) {
                    double[] row = ways[taken];
                    for (int s = Math.min(reach, max); s >= 0; s--) {
                        double w = row[s];
                        if (w == 0) {
                            continue;
                        }
                        double choose = 1;
                        for (int j = 1; j <= t && taken + j <= m; j++) {
                            choose = choose * (t - j + 1) / j;
                            ways[taken + j][s + j * rank] += w * choose;
                        }
                    }
                }
                seen += t;
                reach += t * rank;
            }
            return ways[m];
        }
    }
}
