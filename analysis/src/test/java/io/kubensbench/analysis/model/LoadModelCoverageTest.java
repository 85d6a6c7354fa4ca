package io.kubensbench.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.model.LoadModelSimulation.Row;
import io.kubensbench.analysis.model.LoadModelSimulation.RunNoise;
import io.kubensbench.analysis.model.LoadModelSimulation.Truth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The load model's 95% prediction interval holds a new level's mean at least 93% of the time,
 * measured by simulation in every build (seeded, so every build measures the same table):
 * {@value #CAMPAIGNS} campaigns a cell of six calibration levels ({@link LoadModelSimulation}),
 * each fitted and its form chosen by {@link LoadModels#fit}, then a new level inside the
 * calibrated loads measured the same way. The table it measures:
 *
 * <pre>
 * truth                 level sd  cv    noise      runs  covered  true form chosen
 * saturating, K = 50    0.03      0.05  normal     3      98.2%     87.2%
 * saturating, K = 50    0.03      0.15  lognormal  2      96.8%     59.3%
 * saturating, K = 50    0.08      0.05  lognormal  3      98.3%     68.3%
 * saturating, K = 50    0.08      0.15  normal     2      97.3%     47.6%
 * saturating, K = 200   0.03      0.05  normal     3      99.4%     99.9%
 * saturating, K = 200   0.03      0.15  lognormal  2      98.7%     81.2%
 * saturating, K = 200   0.08      0.05  lognormal  3      99.2%     89.3%
 * saturating, K = 200   0.08      0.15  normal     2      98.3%     68.3%
 * mounts + events/s     0.03      0.05  normal     3      98.2%     86.6%
 * mounts + events/s     0.03      0.15  lognormal  2      96.2%     53.4%
 * mounts + events/s     0.08      0.05  lognormal  3      97.0%     65.0%
 * mounts + events/s     0.08      0.15  normal     2      96.3%     47.2%
 * </pre>
 *
 * <p>Without the chosen form's leave-one-level-out error in the interval it covered 88% to
 * 95%: the form that wins the comparison is the one whose residuals happened to be small, and
 * its sigma understates its error on an unseen level (forced to the true form, 94% to 96%).
 * With it the interval is conservative where the form is clear (K = 200, 3 runs: 99%). The
 * true form is chosen in half to nearly all campaigns: six levels of 2 runs at cv 0.15 do not
 * tell the forms apart reliably, and the interval, not the form's name, is what to rely on.
 *
 * <pre>mvn -B -pl analysis -am test -Dtest=LoadModelCoverageTest -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class LoadModelCoverageTest {

    static final int CAMPAIGNS = 2000;
    static final long SEED = 20261129L;

    static final List<Truth> TRUTHS = List.of(
            new Truth("saturating, K = 50", ModelForm.SATURATING,
                    l -> 0.004 + 2.5e-4 * l.mounts() * l.eventsPerSecond() / (l.eventsPerSecond() + 50)),
            new Truth("saturating, K = 200", ModelForm.SATURATING,
                    l -> 0.004 + 4.4e-4 * l.mounts() * l.eventsPerSecond() / (l.eventsPerSecond() + 200)),
            new Truth("mounts + events/s", ModelForm.MOUNTS_PLUS_EVENTS,
                    l -> 0.01 + 1.5e-4 * l.mounts() + 6e-4 * l.eventsPerSecond()));

    /** level effect sd, run cv, noise, runs per level. */
    record Cell(double levelSd, double cv, RunNoise noise, int runs) {
    }

    static final List<Cell> CELLS = List.of(
            new Cell(0.03, 0.05, RunNoise.NORMAL, 3),
            new Cell(0.03, 0.15, RunNoise.LOGNORMAL, 2),
            new Cell(0.08, 0.05, RunNoise.LOGNORMAL, 3),
            new Cell(0.08, 0.15, RunNoise.NORMAL, 2));

    @Test
    void thePredictionIntervalHoldsANewLevelAtLeast93Percent() {
        List<Row> rows = IntStream.range(0, TRUTHS.size() * CELLS.size()).parallel().mapToObj(i -> {
            Truth t = TRUTHS.get(i / CELLS.size());
            Cell c = CELLS.get(i % CELLS.size());
            return LoadModelSimulation.run(t, c.levelSd(), c.cv(), c.noise(), c.runs(), CAMPAIGNS, SEED + i);
        }).toList();
        System.out.println(table(rows));
        assertThat(rows).allSatisfy(r -> assertThat(r.covered())
                .as("coverage, %s, level sd %.2f, cv %.2f, %s, %d runs", r.truth().name(), r.levelSd(), r.cv(),
                        r.noise(), r.runs())
                .isGreaterThanOrEqualTo(0.93));
    }

    private static String table(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        lines.add("truth                 level sd  cv    noise      runs  covered  true form chosen  no form");
        for (Row r : rows) {
            lines.add(String.format(Locale.ROOT, "%-21s %-9.2f %-5.2f %-10s %-5d %6.1f%%  %15.1f%%  %6.1f%%",
                    r.truth().name(), r.levelSd(), r.cv(), r.noise().name().toLowerCase(Locale.ROOT), r.runs(),
                    100 * r.covered(), 100 * r.chosen(), 100 * r.noForm()));
        }
        return String.join(System.lineSeparator(), lines);
    }
}
