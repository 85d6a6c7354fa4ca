package io.kubensbench.analysis.calibration;

import io.kubensbench.analysis.stats.Descriptive;
import io.kubensbench.analysis.stats.Fieller;
import java.util.SplittableRandom;

/**
 * How often the reduction's 95% interval covers the true reduction: campaigns of n runs per
 * arm, both arms with the same coefficient of variation, the off arm at 0.2 cores and the on
 * arm at (1 - reduction) of it. The interval is {@link Fieller#ofIndependent}, the one the
 * analysis prints for a level whose arms vary; an unbounded interval covers everything, and
 * counts as covering (it is printed as unbounded, never as numbers).
 */
final class CoverageSimulation {

    static final double OFF_CORES = 0.2;

    /**
     * @param covered share of the campaigns whose interval held the true reduction
     * @param unbounded share whose interval was unbounded
     */
    record Row(Noise noise, int n, double cv, double reduction, int campaigns, double covered, double unbounded) {
    }

    private CoverageSimulation() {
    }

    static Row run(Noise noise, int n, double cv, double reduction, int campaigns, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double truth = 1 - reduction;
        int covered = 0;
        int unbounded = 0;
        for (int c = 0; c < campaigns; c++) {
            Descriptive off = arm(noise, OFF_CORES, cv, n, rng);
            Descriptive on = arm(noise, OFF_CORES * truth, cv, n, rng);
            Fieller.Result r = Fieller.ofIndependent(on, off, 0.95);
            covered += r.interval().contains(truth) ? 1 : 0;
            unbounded += r.shape() == Fieller.Shape.UNBOUNDED ? 1 : 0;
        }
        return new Row(noise, n, cv, reduction, campaigns, covered / (double) campaigns, unbounded / (double) campaigns);
    }

    /** The arm's n, mean and sd (all the interval needs; median and the mean's interval are not drawn on). */
    private static Descriptive arm(Noise noise, double mean, double cv, int n, SplittableRandom rng) {
        double sum = 0;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = noise.draw(mean, cv, rng);
            sum += x[i];
        }
        double m = sum / n;
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return new Descriptive(n, m, Double.NaN, Math.sqrt(ss / (n - 1)), Double.NaN, Double.NaN);
    }
}
