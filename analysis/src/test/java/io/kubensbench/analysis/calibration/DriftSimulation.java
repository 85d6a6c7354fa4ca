package io.kubensbench.analysis.calibration;

import io.kubensbench.analysis.stats.Descriptive;
import io.kubensbench.analysis.stats.PooledCvDifference;
import java.util.SplittableRandom;

/**
 * How often the drift's 95% interval of an {@code aba} campaign covers the true drift. One
 * level; the baseline's r repetitions split ceil(r / 2) before the candidate and floor(r / 2)
 * after it, as the plan splits them; its mean moves by {@code drift} (a share of the first
 * segment's mean) between the segments. One node: the runs' interval with the spread pooled as
 * a coefficient of variation ({@link PooledCvDifference}), what the analysis prints for a
 * single node. Several nodes: each
 * node's two segment means differenced and the t interval over the nodes, the nodes' own
 * levels spread from 0.1 to 0.3 cores, as the analysis does with nodes as blocks; the truth is
 * then the nodes' mean drift.
 */
final class DriftSimulation {

    static final double FIRST_CORES = 0.2;

    /** @param covered share of the campaigns whose interval held the true drift */
    record Row(Noise noise, int repetitions, int nodes, double cv, double drift, int campaigns, double covered) {
    }

    private DriftSimulation() {
    }

    static Row run(Noise noise, int repetitions, int nodes, double cv, double drift, int campaigns, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int before = (repetitions + 1) / 2;
        int after = repetitions / 2;
        int covered = 0;
        for (int c = 0; c < campaigns; c++) {
            if (nodes == 1) {
                Descriptive a = segment(noise, FIRST_CORES, cv, before, rng);
                Descriptive b = segment(noise, FIRST_CORES * (1 + drift), cv, after, rng);
                covered += PooledCvDifference.of(a, b, 0.95).interval().contains(FIRST_CORES * drift) ? 1 : 0;
            } else {
                double[] d = new double[nodes];
                double truth = 0;
                for (int j = 0; j < nodes; j++) {
                    double level = 0.1 + 0.2 * j / (nodes - 1);
                    d[j] = segment(noise, level * (1 + drift), cv, after, rng).mean()
                            - segment(noise, level, cv, before, rng).mean();
                    truth += level * drift / nodes;
                }
                covered += Descriptive.of(d).ci().contains(truth) ? 1 : 0;
            }
        }
        return new Row(noise, repetitions, nodes, cv, drift, campaigns, covered / (double) campaigns);
    }

    private static Descriptive segment(Noise noise, double mean, double cv, int n, SplittableRandom rng) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = noise.draw(mean, cv, rng);
        }
        return Descriptive.of(x);
    }
}
