package io.kubensbench.analysis.stats;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Percentile bootstrap for the reduction 1 - mean(candidate) / mean(baseline): a ratio of
 * means has no simple closed-form interval at the handful of runs a campaign has, and the
 * bootstrap needs no assumption about its distribution.
 *
 * <p>Each arm is resampled independently, with replacement, at its own size; the interval is
 * the 2.5th and 97.5th percentile of the resampled statistic (linear interpolation between
 * order statistics, as numpy's default). A fresh {@link Well19937c} seeded with the seed is
 * used for each call, drawing the baseline then the candidate indexes of each resample in
 * turn, so the same data and seed always give the same numbers, and a level's figures do not
 * depend on which other levels were analysed with it.
 *
 * <p>The reduction is undefined (NaN) when the baseline mean is 0: there is no CPU to
 * reduce. If any resample has a baseline mean of 0 (possible only when baseline values are
 * 0) its ratio is undefined too, and the reduction's interval is then reported as undefined
 * rather than silently computed over the remaining resamples.
 *
 * <p>{@link #ofBlocks} is the cluster bootstrap for runs nested in blocks (nodes): a block's
 * runs are not independent of each other (they share the node's hardware and load), so the
 * unit resampled is the block, with its two arm means kept together, and the interval
 * answers how much the result depends on which nodes happened to be measured. With k blocks
 * there are only C(2k - 1, k) distinct resamples (10 for 3 blocks), so with few blocks the
 * interval is coarse; it is a check beside a test over the blocks, not a substitute for it.
 */
public final class Bootstrap {

    public static final double CONFIDENCE = 0.95;

    private final long seed;
    private final int resamples;

    public Bootstrap(long seed, int resamples) {
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be at least 1, not " + resamples);
        }
        this.seed = seed;
        this.resamples = resamples;
    }

    /**
     * @param reduction  1 - mean(candidate) / mean(baseline), observed
     * @param difference mean(candidate) - mean(baseline), observed
     */
    public record Result(double reduction, Interval reductionCi, double difference, Interval differenceCi) {
    }

    public long seed() {
        return seed;
    }

    public int resamples() {
        return resamples;
    }

    /** Undefined (NaN) throughout when either arm is empty. */
    public Result of(double[] baseline, double[] candidate) {
        if (baseline.length == 0 || candidate.length == 0) {
            return new Result(Double.NaN, Interval.undefined(), Double.NaN, Interval.undefined());
        }
        double meanBaseline = mean(baseline);
        double meanCandidate = mean(candidate);
        RandomGenerator rng = new Well19937c(seed);
        double[] reductions = new double[resamples];
        double[] differences = new double[resamples];
        boolean ratioDefined = true;
        for (int b = 0; b < resamples; b++) {
            double mb = resampledMean(baseline, rng);
            double mc = resampledMean(candidate, rng);
            ratioDefined &= mb != 0;
            reductions[b] = 1 - mc / mb;
            differences[b] = mc - mb;
        }
        double reduction = meanBaseline == 0 ? Double.NaN : 1 - meanCandidate / meanBaseline;
        Interval reductionCi = ratioDefined && meanBaseline != 0 ? percentiles(reductions) : Interval.undefined();
        return new Result(reduction, reductionCi, meanCandidate - meanBaseline, percentiles(differences));
    }

    /**
     * The pooled reduction over blocks, 1 - sum(candidate) / sum(baseline), and the mean of
     * the per-block differences candidate[j] - baseline[j], with percentile intervals from
     * resampling whole blocks: k block indexes drawn with replacement per resample, from a
     * fresh {@link Well19937c} seeded with the seed. Undefined (NaN) throughout without
     * blocks; the reduction and its interval as in {@link #of} when a baseline sum is 0.
     *
     * @param baseline  per block, the mean of its baseline runs
     * @param candidate per block, the mean of its candidate runs, in the same block order
     */
    public Result ofBlocks(double[] baseline, double[] candidate) {
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("every block needs a baseline and a candidate mean, not "
                    + baseline.length + " and " + candidate.length);
        }
        int k = baseline.length;
        if (k == 0) {
            return new Result(Double.NaN, Interval.undefined(), Double.NaN, Interval.undefined());
        }
        RandomGenerator rng = new Well19937c(seed);
        double[] reductions = new double[resamples];
        double[] differences = new double[resamples];
        boolean ratioDefined = true;
        for (int b = 0; b < resamples; b++) {
            double sumBaseline = 0;
            double sumCandidate = 0;
            for (int i = 0; i < k; i++) {
                int block = rng.nextInt(k);
                sumBaseline += baseline[block];
                sumCandidate += candidate[block];
            }
            ratioDefined &= sumBaseline != 0;
            reductions[b] = 1 - sumCandidate / sumBaseline;
            differences[b] = (sumCandidate - sumBaseline) / k;
        }
        double sumBaseline = sum(baseline);
        double sumCandidate = sum(candidate);
        double reduction = sumBaseline == 0 ? Double.NaN : 1 - sumCandidate / sumBaseline;
        Interval reductionCi = ratioDefined && sumBaseline != 0 ? percentiles(reductions) : Interval.undefined();
        return new Result(reduction, reductionCi, (sumCandidate - sumBaseline) / k, percentiles(differences));
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }

    private static double resampledMean(double[] values, RandomGenerator rng) {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[rng.nextInt(values.length)];
        }
        return sum / values.length;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static Interval percentiles(double[] statistic) {
        Arrays.sort(statistic);
        double tail = (1 - CONFIDENCE) / 2;
        return new Interval(percentile(statistic, tail), percentile(statistic, 1 - tail));
    }

    /** Linear interpolation between the closest order statistics (numpy's default). */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
