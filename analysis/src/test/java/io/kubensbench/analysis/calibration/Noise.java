package io.kubensbench.analysis.calibration;

import java.util.random.RandomGenerator;

/**
 * The run-to-run noise of systemd's CPU in the simulated campaigns, each with the given mean
 * and coefficient of variation: normal; lognormal (skewed, as CPU shares are); and normal with
 * one run in ten disturbed upwards (another process waking systemd), which is where one run
 * decides a verdict.
 */
enum Noise {
    NORMAL("normal") {
        @Override
        double draw(double mean, double cv, RandomGenerator rng) {
            return Math.max(0, mean * (1 + cv * rng.nextGaussian()));
        }
    },
    LOGNORMAL("lognormal") {
        @Override
        double draw(double mean, double cv, RandomGenerator rng) {
            double sigma2 = Math.log(1 + cv * cv);
            return mean * Math.exp(Math.sqrt(sigma2) * rng.nextGaussian() - sigma2 / 2);
        }
    },
    CONTAMINATED("contaminated") {
        @Override
        double draw(double mean, double cv, RandomGenerator rng) {
            double x = mean * (1 + cv * rng.nextGaussian());
            if (rng.nextDouble() < 0.1) {
                x += Math.abs(mean * 5 * cv * rng.nextGaussian());
            }
            return Math.max(0, x);
        }
    };

    private final String label;

    Noise(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** One run's systemd CPU, in cores. */
    abstract double draw(double mean, double cv, RandomGenerator rng);
}
