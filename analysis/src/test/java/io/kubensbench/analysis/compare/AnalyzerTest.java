package io.kubensbench.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kubensbench.analysis.results.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

    private static final String LEVEL = "pods=100";
    private final Analyzer analyzer = new Analyzer();

    private Summary analyze(Runs runs) {
        return analyzer.analyze("test", List.of("results/test"), runs.list(), "off", "on");
    }

    @Test
    void clearReductionIsReducedWithAnIntervalExcludingZero() {
        Summary s = analyze(new Runs()
                .add(LEVEL, "off", 0.251, 0.263, 0.241, 0.279, 0.246)
                .add(LEVEL, "on", 0.021, 0.020, 0.024, 0.019, 0.023));
        CellResult cell = s.cells().get(0);
        assertThat(cell.verdict()).isEqualTo(Verdict.REDUCED);
        assertThat(cell.pods()).isEqualTo(100);
        assertThat(cell.reduction()).isCloseTo(1 - 0.0214 / 0.256, within(1e-9));
        assertThat(cell.reductionCiLow()).isPositive();
        assertThat(cell.reductionCi().excludes(0)).isTrue();
        assertThat(cell.reductionCi().contains(cell.reduction())).isTrue();
        assertThat(cell.difference()).isCloseTo(0.0214 - 0.256, within(1e-9));
        assertThat(cell.differenceCiHigh()).isNegative();
        assertThat(cell.welch().p()).isLessThan(0.001);
        assertThat(cell.welch().t()).isNegative();
        assertThat(cell.mannWhitney().u()).isZero();
        assertThat(cell.hedgesG()).isNegative();
        assertThat(cell.cliffsDelta()).isEqualTo(-1);
        assertThat(cell.minimalDetectableEffect()).isPositive().isLessThan(0.05);
        assertThat(cell.repetitionsForFiftyPercent()).isEqualTo(Analyzer.MIN_RUNS_PER_ARM);
        assertThat(cell.repetitionsForTenPercent()).isGreaterThanOrEqualTo(cell.repetitionsForFiftyPercent());
        assertThat(cell.baseline().encapsulation()).isEqualTo("off");
        assertThat(cell.candidate().encapsulation()).isEqualTo("on");
        assertThat(cell.meanSystemdMountsBaseline()).isEqualTo(1000);
        assertThat(cell.meanMountEventsPerSecond()).isCloseTo(50, within(1e-9));
        assertThat(cell.reductionInterval()).isEqualTo(IntervalKind.ESTIMATED);
        assertThat(cell.p()).isEqualTo(cell.welch().p());
        assertThat(cell.holmP()).isEqualTo(cell.p());
        assertThat(cell.holmLevels()).isEqualTo(1);
        assertThat(cell.fragile()).isFalse();
        assertThat(cell.mannWhitney().p()).isCloseTo(2.0 / 252, within(1e-12));
        assertThat(cell.restsOn()).isEqualTo("n = 5 off, 5 on valid runs; verdict on Welch's t, p < 0.0001;"
                + " exact rank test p = 0.0079");
        assertThat(s.runs()).isEqualTo(10);
        assertThat(s.valid()).isEqualTo(10);
    }

    @Test
    void sameDataGiveTheSameSummary() {
        Runs runs = new Runs().add(LEVEL, "off", 0.25, 0.26, 0.24).add(LEVEL, "on", 0.02, 0.03, 0.025);
        assertThat(analyze(runs)).isEqualTo(analyze(runs));
    }

    @Test
    void aaCampaignShowsNoSignificantDifference() {
        Summary s = analyzer.analyze("aa", List.of("d"), new Runs()
                .add(LEVEL, "off", 0.250, 0.262, 0.241, 0.255, 0.247)
                .add(LEVEL, "off-b", 0.253, 0.244, 0.259, 0.249, 0.251).list(), "off", "off-b");
        CellResult cell = s.cells().get(0);
        assertThat(cell.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_DIFFERENCE);
        assertThat(cell.verdict().label()).isEqualTo("no significant difference");
        assertThat(cell.reductionCi().contains(0)).isTrue();
        assertThat(cell.differenceCi().contains(0)).isTrue();
        assertThat(cell.welch().p()).isGreaterThan(0.05);
    }

    @Test
    void twoRunsPerArmAreInsufficientData() {
        CellResult cell = analyze(new Runs().add(LEVEL, "off", 0.25, 0.26).add(LEVEL, "on", 0.02, 0.021)).cells().get(0);
        assertThat(cell.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(cell.restsOn()).isEqualTo(
                "n = 2 off, 2 on valid runs; at least 3 valid runs per arm are needed for a verdict");
        assertThat(cell.reductionCiLow()).isFinite();
    }

    @Test
    void oneRunPerArmHasUndefinedIntervalsNotErrors() {
        CellResult cell = analyze(new Runs().add(LEVEL, "off", 0.25).add(LEVEL, "on", 0.02)).cells().get(0);
        assertThat(cell.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(cell.reduction()).isCloseTo(0.92, within(1e-12));
        assertThat(cell.reductionCiLow()).isNaN();
        assertThat(cell.differenceCiLow()).isNaN();
        assertThat(cell.repetitionsForTenPercent()).isEqualTo(-1);
    }

    @Test
    void levelWithOneArmOnlyIsInsufficientData() {
        CellResult cell = analyze(new Runs().add(LEVEL, "off", 0.25, 0.26, 0.24)
                .invalid(LEVEL, "on", 0.02, "failed: boom")).cells().get(0);
        assertThat(cell.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(cell.candidate().n()).isZero();
        assertThat(cell.candidate().cores().mean()).isNaN();
        assertThat(cell.reduction()).isNaN();
        assertThat(cell.welch().p()).isNaN();
        assertThat(cell.mannWhitney().p()).isNaN();
        assertThat(cell.restsOn()).isEqualTo("n = 3 off, 0 on valid runs (1 excluded: failed: boom);"
                + " at least 3 valid runs per arm are needed for a verdict");
    }

    @Test
    void invalidRunsAreExcludedAndCountedWithTheirReasons() {
        Summary s = analyze(new Runs()
                .add(LEVEL, "off", 0.251, 0.263, 0.241)
                .invalid(LEVEL, "off", 9.9, "interrupted by the user")
                .add(LEVEL, "on", 0.021, 0.020, 0.024)
                .invalid(LEVEL, "on", 9.9, "failed: boom")
                .invalid(LEVEL, "on", 9.9, "failed: boom"));
        CellResult cell = s.cells().get(0);
        assertThat(s.runs()).isEqualTo(9);
        assertThat(s.valid()).isEqualTo(6);
        assertThat(s.invalidReasons()).containsExactly(Map.entry("interrupted by the user", 1), Map.entry("failed: boom", 2));
        assertThat(cell.baseline().n()).isEqualTo(3);
        assertThat(cell.baseline().excluded()).isEqualTo(1);
        assertThat(cell.candidate().exclusions()).containsExactly(Map.entry("failed: boom", 2));
        assertThat(cell.baseline().cores().mean()).isCloseTo(0.755 / 3, within(1e-12));
        assertThat(cell.verdict()).isEqualTo(Verdict.REDUCED);
        assertThat(cell.restsOn()).startsWith(
                "n = 3 off, 3 on valid runs (3 excluded: interrupted by the user, failed: boom (2 runs));"
                        + " verdict on Welch's t, p = 0.00");
    }

    @Test
    void increaseIsIncreased() {
        CellResult cell = analyze(new Runs().add(LEVEL, "off", 0.02, 0.021, 0.019).add(LEVEL, "on", 0.25, 0.26, 0.24))
                .cells().get(0);
        assertThat(cell.verdict()).isEqualTo(Verdict.INCREASED);
        assertThat(cell.reductionCiHigh()).isNegative();
    }

    @Test
    void cellsFollowTheOrderLevelsFirstAppear() {
        Summary s = analyze(new Runs().add("pods=200", "off", 0.5).add("pods=50", "off", 0.1)
                .add("pods=200", "on", 0.05).add("pods=50", "on", 0.01));
        assertThat(s.cells()).extracting(CellResult::level).containsExactly("pods=200", "pods=50");
        assertThat(s.cell("pods=50")).isPresent();
    }

    @Test
    void costModelRecoversTheSlopeOfExactLinearData() {
        Runs runs = new Runs();
        for (long mounts : new long[] {1000, 2000, 4000}) {
            String level = "pods=" + mounts / 10;
            for (int rep = 0; rep < 2; rep++) {
                // 2% of a core per 1,000 mounts, and per 100 events/s (events/s = mounts / 10)
                runs.run(level, "off", 0.01 + 2e-5 * mounts, mounts, mounts / 10.0, true, null);
                runs.run(level, "on", 0.002, 40, mounts / 10.0, true, null);
            }
        }
        runs.run("pods=800", "off", 5.0, 8000, 800, false, "failed: boom");
        Summary s = analyze(runs);
        CostModel offMounts = model(s, "off", CostModel.MOUNTS);
        assertThat(offMounts.perThousandMounts()).isCloseTo(2.0, within(1e-6));
        assertThat(offMounts.fit().n()).isEqualTo(6);
        assertThat(offMounts.fit().r2()).isCloseTo(1, within(1e-9));
        assertThat(offMounts.fit().intercept()).isCloseTo(0.01, within(1e-9));
        assertThat(offMounts.rateCi().low()).isCloseTo(2.0, within(1e-6));
        assertThat(offMounts.rateCi().high()).isCloseTo(2.0, within(1e-6));
        assertThat(offMounts.perHundredEventsPerSecond()).isNaN();
        assertThat(offMounts.unit()).isEqualTo("1,000 mounts");
        CostModel offEvents = model(s, "off", CostModel.EVENTS);
        assertThat(offEvents.perHundredEventsPerSecond()).isCloseTo(2.0, within(1e-6));
        // the encapsulated arm's systemd sees a constant 40 mounts: no line to fit
        assertThat(s.costModels()).noneMatch(m -> m.arm().equals("on") && m.predictor().equals(CostModel.MOUNTS));
        assertThat(model(s, "on", CostModel.EVENTS).perHundredEventsPerSecond()).isCloseTo(0, within(1e-9));
    }

    /**
     * A cluster run whose node could not count mount events (-1), or counted them over no time
     * (no count of the table after the window's start), has no event rate: it still counts for
     * CPU and mounts, and is left out of the event model and the cell's mean event rate.
     */
    @Test
    void runsWithoutAnEventRateAreLeftOutOfWhatUsesOne() {
        Runs runs = new Runs();
        for (long mounts : new long[] {1000, 2000, 4000}) {
            String level = "pods=" + mounts / 10;
            for (int rep = 0; rep < 2; rep++) {
                runs.run(level, "off", 0.01 + 2e-5 * mounts, mounts, mounts / 10.0, true, null);
                runs.run(level, "on", 0.002, 40, 0, true, null);
            }
        }
        List<RunRecord> all = new ArrayList<>(runs.list());
        RunRecord first = all.get(0);
        all.add(first.toBuilder().index(90).attempt("a90").mountEvents(-1).build());
        all.add(first.toBuilder().index(91).attempt("a91").mountEvents(0).mountEventsNs(0L).build());

        Summary s = analyzer.analyze("test", List.of("results/test"), all, "off", "on");

        assertThat(all.get(all.size() - 1).mountEventsPerSecond()).isNaN();
        assertThat(model(s, "off", CostModel.EVENTS).fit().n()).isEqualTo(6);
        assertThat(model(s, "off", CostModel.EVENTS).perHundredEventsPerSecond()).isCloseTo(2.0, within(1e-6));
        assertThat(model(s, "off", CostModel.MOUNTS).fit().n()).isEqualTo(8);
        assertThat(s.cells().get(0).meanMountEventsPerSecond()).as("off 100/s, on 0/s").isCloseTo(50, within(1e-9));
    }

    @Test
    void costModelNeedsThreeRunsAndTwoDistinctX() {
        Summary s = analyze(new Runs()
                .run("pods=100", "off", 0.2, 1000, 50, true, null)
                .run("pods=200", "off", 0.4, 2000, 50, true, null)
                .add("pods=100", "on", 0.01, 0.01, 0.01));
        assertThat(s.costModels()).isEmpty();
    }

    @Test
    void runsOfAnotherArmAreRejected() {
        assertThatThrownBy(() -> analyzer.analyze("x", List.of(), new Runs().add(LEVEL, "off", 0.2)
                .add(LEVEL, "off-b", 0.2).list(), "off", "on"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("off-b");
        assertThatThrownBy(() -> analyzer.analyze("x", List.of(), List.of(), "off", "off"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static CostModel model(Summary s, String arm, String predictor) {
        return s.costModels().stream().filter(m -> m.arm().equals(arm) && m.predictor().equals(predictor))
                .findFirst().orElseThrow();
    }
}
