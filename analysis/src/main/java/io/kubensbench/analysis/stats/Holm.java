package io.kubensbench.analysis.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment of a family of p-values: a campaign judges several levels, and
 * with four levels each tested at 0.05 about one A/A campaign in eight would get a false
 * verdict somewhere. Holm keeps that chance (the family-wise error rate) at or below alpha
 * whatever the dependence between the tests, and is uniformly more powerful than Bonferroni.
 *
 * <p>With the m defined p-values sorted ascending, p<sub>(1)</sub> &le; ... &le; p<sub>(m)</sub>,
 * the adjusted p<sub>(i)</sub> is max<sub>j &le; i</sub> min(1, (m - j + 1) p<sub>(j)</sub>);
 * a test is significant at alpha when its adjusted p is below alpha. NaN entries (a level
 * without a test) are not in the family and stay NaN.
 */
public final class Holm {

    private Holm() {
    }

    public static double[] adjust(double[] p) {
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        int[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).mapToInt(Integer::intValue).toArray();
        int m = order.length;
        double running = 0;
        for (int j = 0; j < m; j++) {
            running = Math.max(running, Math.min(1, (m - j) * p[order[j]]));
            adjusted[order[j]] = running;
        }
        return adjusted;
    }

    /** How many of the p-values are in the family: the defined ones. */
    public static int familySize(double[] p) {
        return (int) Arrays.stream(p).filter(v -> !Double.isNaN(v)).count();
    }
}
