package io.kubensbench.analysis.calibration;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.Verdict;
import io.kubensbench.analysis.results.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A/A campaigns through the whole analysis: four levels (0.05 to 0.4 cores, coefficients of
 * variation 0.05 to 0.3), both arms drawn from the same distribution, n runs per arm, each run
 * a 20 s window whose systemd ns are the drawn CPU. A false verdict is a level judged
 * {@code reduced} or {@code increased}; the rate that matters is per campaign, all its levels
 * together, since a reader acts on the first one.
 */
final class FalseVerdictSimulation {

    static final double[] LEVEL_CORES = {0.05, 0.1, 0.2, 0.4};
    static final double[] LEVEL_CV = {0.05, 0.1, 0.2, 0.3};
    static final long WINDOW_NS = 20_000_000_000L;

    /**
     * @param falseVerdict share of campaigns with a false verdict at any level
     * @param unadjusted   share with any level's Welch p below 0.05: what judging each level
     *                     on its own would give
     * @param fragile      share with any level marked fragile
     */
    record Row(Noise noise, int n, int campaigns, double falseVerdict, double unadjusted, double fragile) {
    }

    private FalseVerdictSimulation() {
    }

    static Row run(Noise noise, int n, int campaigns, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Analyzer analyzer = new Analyzer();
        int wrong = 0;
        int unadjusted = 0;
        int fragile = 0;
        for (int c = 0; c < campaigns; c++) {
            Summary s = analyzer.analyze("aa", List.of(), campaign(noise, n, rng), "off", "on");
            wrong += s.cells().stream().anyMatch(FalseVerdictSimulation::decided) ? 1 : 0;
            unadjusted += s.cells().stream().anyMatch(cell -> cell.p() < Analyzer.ALPHA) ? 1 : 0;
            fragile += s.cells().stream().anyMatch(CellResult::fragile) ? 1 : 0;
        }
        return new Row(noise, n, campaigns, wrong / (double) campaigns, unadjusted / (double) campaigns,
                fragile / (double) campaigns);
    }

    private static boolean decided(CellResult cell) {
        return cell.verdict() == Verdict.REDUCED || cell.verdict() == Verdict.INCREASED;
    }

    private static List<RunRecord> campaign(Noise noise, int n, SplittableRandom rng) {
        List<RunRecord> runs = new ArrayList<>();
        for (int level = 0; level < LEVEL_CORES.length; level++) {
            for (String arm : List.of("off", "on")) {
                for (int i = 0; i < n; i++) {
                    long ns = Math.round(noise.draw(LEVEL_CORES[level], LEVEL_CV[level], rng) * WINDOW_NS);
                    runs.add(run(runs.size(), "pods=" + (level + 1) * 50, arm, ns));
                }
            }
        }
        return runs;
    }

    /** A valid 20 s run of the given systemd ns. */
    static RunRecord run(int index, String level, String arm, long ns) {
        return RunRecord.builder().index(index).attempt("a" + index).repetition(1).level(level)
                .pods(Integer.parseInt(level.substring(5))).arm(arm).encapsulation(arm).node("sim")
                .startedAt("2026-01-01T00:00:00Z").endedAt("2026-01-01T00:00:25Z")
                .measureNs(WINDOW_NS).systemdSchedNs(ns).systemdStatTicks(ns / 10_000_000L).ticksPerSecond(100)
                .mountEvents(1000).systemdMounts(1000).kubeletMounts(1000)
                .systemdMntNs("mnt:[1]").kubeletMntNs("mnt:[2]").runtimeMntNs("mnt:[2]")
                .samples(20).valid(true).build();
    }
}
