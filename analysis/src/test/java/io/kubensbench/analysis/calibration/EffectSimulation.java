package io.kubensbench.analysis.calibration;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.Verdict;
import io.kubensbench.analysis.results.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Why the verdict rests on Welch's test and the exact rank test only checks it: one-level
 * campaigns with a true reduction, off at 0.2 cores, both arms with the same coefficient of
 * variation. With 3 runs per arm the rank test cannot reach 0.05 at all, so it could never
 * find the saving the lab measures; with more runs the two find it about as often, and the
 * campaigns in which they disagree (one run decides) are marked fragile rather than decided
 * by whichever test happens to agree.
 *
 * @see FalseVerdictSimulation for the runs, built the same way
 */
final class EffectSimulation {

    static final double OFF_CORES = 0.2;

    /**
     * @param reduced share of campaigns judged {@code reduced}
     * @param rank    share in which the exact rank test alone had p below 0.05
     * @param fragile share marked fragile
     */
    record Row(Noise noise, int n, double cv, double reduction, int campaigns, double reduced, double rank,
               double fragile) {
    }

    private EffectSimulation() {
    }

    static Row run(Noise noise, int n, double cv, double reduction, int campaigns, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Analyzer analyzer = new Analyzer();
        int reduced = 0;
        int rank = 0;
        int fragile = 0;
        for (int c = 0; c < campaigns; c++) {
            List<RunRecord> runs = new ArrayList<>();
            for (String arm : List.of("off", "on")) {
                double mean = arm.equals("off") ? OFF_CORES : OFF_CORES * (1 - reduction);
                for (int i = 0; i < n; i++) {
                    long ns = Math.round(noise.draw(mean, cv, rng) * FalseVerdictSimulation.WINDOW_NS);
                    runs.add(FalseVerdictSimulation.run(runs.size(), "pods=100", arm, ns));
                }
            }
            CellResult cell = analyzer.analyze("effect", List.of(), runs, "off", "on").cells().get(0);
            reduced += cell.verdict() == Verdict.REDUCED ? 1 : 0;
            rank += cell.mannWhitney().p() < Analyzer.ALPHA ? 1 : 0;
            fragile += cell.fragile() ? 1 : 0;
        }
        return new Row(noise, n, cv, reduction, campaigns, reduced / (double) campaigns, rank / (double) campaigns,
                fragile / (double) campaigns);
    }
}
