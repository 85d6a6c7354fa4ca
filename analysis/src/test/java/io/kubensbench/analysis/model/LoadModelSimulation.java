package io.kubensbench.analysis.model;

import io.kubensbench.analysis.results.RunRecord;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Campaigns of a lab's load calibration drawn from a known truth, fitted through
 * {@link LoadModels#fit} as the analysis fits them, and a new level inside the calibrated loads
 * measured the same way: how often its mean falls in the model's 95% prediction interval, and
 * how often the true form is the one chosen.
 *
 * <p>The campaign: six levels varying pods (40 to 240, 15 mounts each over 40 of the node's
 * own) and churn (1 to 10 pods replaced a second, 28 mount events each), as a lab campaign
 * varies them. Each level's true mean departs from the form by a relative level effect (what no
 * form captures: the levels' scatter), and each run from its level's mean by run noise.
 */
final class LoadModelSimulation {

    static final double BASE_MOUNTS = 40;
    static final double MOUNTS_PER_POD = 15;
    static final double EVENTS_PER_CHURN = 28;
    /** pods and churn (pods/s) of the calibration levels. */
    static final int[][] LEVELS = {{40, 1}, {120, 5}, {240, 5}, {180, 10}, {120, 10}, {80, 2}};

    /** A true form and its coefficients, in cores. */
    record Truth(String name, ModelForm form, ToDoubleFunction<Load> cores) {
    }

    enum RunNoise {
        NORMAL, LOGNORMAL;

        double draw(double mean, double cv, SplittableRandom rng) {
            double z = gaussian(rng);
            if (this == NORMAL) {
                return Math.max(0, mean * (1 + cv * z));
            }
            double s2 = Math.log(1 + cv * cv);
            return mean * Math.exp(Math.sqrt(s2) * z - s2 / 2);
        }
    }

    /**
     * @param covered share of campaigns whose new level's mean fell in the 95% prediction interval
     * @param chosen  share whose chosen form was the true one
     * @param noForm  share that ended with no form (none could be compared)
     */
    record Row(Truth truth, double levelSd, double cv, RunNoise noise, int runs, int campaigns, double covered,
               double chosen, double noForm) {
    }

    private LoadModelSimulation() {
    }

    static Row run(Truth truth, double levelSd, double cv, RunNoise noise, int runs, int campaigns, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int covered = 0;
        int chosen = 0;
        int noForm = 0;
        for (int c = 0; c < campaigns; c++) {
            CalibrationRuns campaign = new CalibrationRuns();
            for (int[] level : LEVELS) {
                measure(campaign, "pods=" + level[0] + ",churn=" + level[1], level[0], level[1], truth, levelSd, cv,
                        noise, runs, rng);
            }
            LoadModel model = LoadModels.fit(campaign.list()).get(0);
            if (model.form() == null) {
                noForm++;
                continue;
            }
            chosen += model.form() == truth.form() ? 1 : 0;
            int pods = 40 + rng.nextInt(201);
            double churn = 1 + 9 * rng.nextDouble();
            CalibrationRuns fresh = new CalibrationRuns();
            Load load = measure(fresh, "new", pods, churn, truth, levelSd, cv, noise, runs, rng);
            double mean = fresh.list().stream().mapToDouble(RunRecord::systemdCores).average().orElseThrow();
            Prediction p = model.predict(load);
            covered += p.low() <= mean && mean <= p.high() ? 1 : 0;
        }
        return new Row(truth, levelSd, cv, noise, runs, campaigns, covered / (double) campaigns,
                chosen / (double) campaigns, noForm / (double) campaigns);
    }

    /** One level's runs with encapsulation off, its true mean scattered by the level effect; its load. */
    private static Load measure(CalibrationRuns campaign, String name, int pods, double churn, Truth truth,
                                double levelSd, double cv, RunNoise noise, int runs, SplittableRandom rng) {
        Load load = new Load(BASE_MOUNTS + MOUNTS_PER_POD * pods, EVENTS_PER_CHURN * churn);
        double mean = truth.cores().applyAsDouble(load) * Math.max(0, 1 + levelSd * gaussian(rng));
        for (int r = 0; r < runs; r++) {
            campaign.off(name, pods, load.mounts(), load.eventsPerSecond(), noise.draw(mean, cv, rng));
        }
        return load;
    }

    /** A standard normal draw by Box-Muller (SplittableRandom has none before Java 17's RandomGenerator default). */
    static double gaussian(SplittableRandom rng) {
        return rng.nextGaussian();
    }
}
