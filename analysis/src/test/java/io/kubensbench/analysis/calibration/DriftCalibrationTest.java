package io.kubensbench.analysis.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The drift an {@code aba} campaign prints holds its 95%, measured by simulation in every
 * build (seeded): over runs on one node at 3, 4, 6 and 10 repetitions (2 + 1 to 5 + 5 runs of
 * the baseline), and with 2, 3 and 5 nodes as blocks at 3 repetitions, under normal and
 * lognormal noise of cv 0.05 to 0.3, with no drift and with a 20% one. The table is printed;
 * the README quotes it, and this reproduces it:
 *
 * <pre>mvn -B -pl analysis test -Dtest=DriftCalibrationTest</pre>
 */
class DriftCalibrationTest {

    static final int CAMPAIGNS = 4000;
    static final int[] REPETITIONS = {3, 4, 6, 10};
    static final int[] NODES = {2, 3, 5};
    static final double[] CV = {0.05, 0.1, 0.2, 0.3};
    static final double[] DRIFTS = {0, 0.2};
    static final long SEED = 20260301L;

    @Test
    void theDriftsIntervalCoversTheTrueDriftAtLeast94Percent() {
        List<DriftSimulation.Row> rows = new ArrayList<>();
        long seed = SEED;
        for (Noise noise : List.of(Noise.NORMAL, Noise.LOGNORMAL)) {
            for (double cv : CV) {
                for (int r : REPETITIONS) {
                    for (double drift : DRIFTS) {
                        rows.add(DriftSimulation.run(noise, r, 1, cv, drift, CAMPAIGNS, seed++));
                    }
                }
                for (int k : NODES) {
                    for (double drift : DRIFTS) {
                        rows.add(DriftSimulation.run(noise, 3, k, cv, drift, CAMPAIGNS, seed++));
                    }
                }
            }
        }
        System.out.println(table(rows));
        assertThat(rows).allSatisfy(row -> assertThat(row.covered())
                .as("coverage, %s noise, %d repetitions, %d nodes, cv %.2f, drift %.0f%%", row.noise().label(),
                        row.repetitions(), row.nodes(), row.cv(), 100 * row.drift())
                .isGreaterThanOrEqualTo(0.94));
    }

    /** Coverage in %, one line per noise, design and cv, one column per true drift. */
    static String table(List<DriftSimulation.Row> rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "coverage of the aba drift's 95%% interval,"
                + " %d campaigns per cell, %%%n", CAMPAIGNS));
        b.append(String.format(Locale.ROOT, "%-10s %-22s %5s %10s %10s%n", "noise", "baseline runs", "cv", "drift 0%",
                "drift 20%"));
        for (int i = 0; i < rows.size(); i += DRIFTS.length) {
            DriftSimulation.Row first = rows.get(i);
            String design = first.nodes() == 1
                    ? String.format(Locale.ROOT, "%d + %d, one node", (first.repetitions() + 1) / 2,
                            first.repetitions() / 2)
                    : String.format(Locale.ROOT, "2 + 1 on %d nodes", first.nodes());
            b.append(String.format(Locale.ROOT, "%-10s %-22s %5.2f %10.1f %10.1f%n", first.noise().label(), design,
                    first.cv(), 100 * first.covered(), 100 * rows.get(i + 1).covered()));
        }
        return b.toString();
    }
}
