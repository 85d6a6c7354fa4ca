package io.kubensbench.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.text.Wording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An observation of the nodes' own workload analysed: one arm is a named degenerate case with
 * each node's figures, not an error and not a verdict; two arms observed one after the other
 * are compared as usual and the blocked design is said; events the probe did not count are
 * said so, never counted as 0.
 */
class ObservationTest {

    private final List<RunRecord> runs = new ArrayList<>();

    /** One window of {@code node} in {@code arm}, starting {@code minute} minutes into the hour. */
    private void window(String node, String arm, int minute, double cores, long mounts, long events, String invalid) {
        int index = runs.size();
        runs.add(RunRecord.builder().index(index).attempt("w" + index).repetition(1).level(CampaignRecord.EXTERNAL_LEVEL)
                .pods(0).arm(arm).encapsulation(arm).node(node)
                .startedAt(String.format("2025-01-01T10:%02d:00Z", minute))
                .endedAt(String.format("2025-01-01T10:%02d:00Z", minute + 1))
                .measureNs(60_000_000_000L).systemdSchedNs(Math.round(cores * 60e9)).systemdStatTicks(0)
                .ticksPerSecond(100).mountEvents(events).systemdMounts(mounts).kubeletMounts(-1)
                .systemdMntNs("mnt:[1]").kubeletMntNs(arm.equals("on") ? "mnt:[2]" : "mnt:[1]")
                .runtimeMntNs(arm.equals("on") ? "mnt:[2]" : "mnt:[1]").samples(60).valid(invalid == null)
                .invalidReason(invalid).build());
    }

    @Test
    void oneArmGivesEachNodesFiguresAndSaysNoComparisonIsPossible() {
        for (int m = 0; m < 4; m++) {
            window("worker-a", "off", m, 0.12 + m * 0.001, 3400, RunRecord.NOT_COUNTED, null);
            window("worker-b", "off", m, 0.08, 2100, RunRecord.NOT_COUNTED, m == 3 ? "partial window: stopped" : null);
        }

        Observation o = Observation.of(runs);
        Summary s = new Analyzer().analyze("nd", List.of("d"), runs, "off", "on").withObservation(o);

        assertThat(o.arms()).containsExactly("off");
        assertThat(o.comparable()).isFalse();
        assertThat(o.nodes()).extracting(Wording::observedNode).containsExactly(
                "worker-a, off: 12.15% of a core (12.00% to 12.30%) over 4 windows, 3,400 mounts in systemd's view,"
                        + " mount events not counted",
                "worker-b, off: 8.00% of a core (8.00% to 8.00%) over 3 windows, 2,100 mounts in systemd's view,"
                        + " mount events not counted; 1 window excluded");
        assertThat(Wording.observation(o)).contains("only off was observed: no comparison is possible; observe the same"
                + " workload in the other arm (kubens-bench observe --arm ...) and analyze both directories together");
        CellResult cell = s.cells().get(0);
        assertThat(cell.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(cell.restsOn()).endsWith("; only off has runs, and no on run was made, so no comparison is possible");
        assertThat(Wording.verdict(s, cell, null)).startsWith("At workload=external, encapsulation could not be judged:"
                + " only off has runs, and no on run was made, so no comparison is possible; systemd used 10.37% of a"
                + " core (off);");
        assertThat(cell.meanMountEventsPerSecond()).as("not counted is not 0").isNaN();
        assertThat(s.costModels()).noneMatch(m -> m.predictor().equals(CostModel.EVENTS));
    }

    @Test
    void bothArmsOneAfterTheOtherAreComparedAndTheBlockedDesignIsSaid() {
        for (String node : List.of("worker-a", "worker-b", "worker-c")) {
            double load = node.equals("worker-c") ? 0.2 : 0.1;
            for (int m = 0; m < 3; m++) {
                window(node, "off", m, load + m * 0.002, 3000, 6000, null);
            }
            for (int m = 10; m < 13; m++) {
                window(node, "on", m, 0.002 + m * 0.0001, 300, 6000, null);
            }
        }

        Observation o = Observation.of(runs);
        Summary s = new Analyzer().analyze("nd", List.of("d"), runs, "off", "on").withObservation(o);

        assertThat(o.comparable()).isTrue();
        assertThat(o.arms()).containsExactly("off", "on");
        assertThat(Wording.observation(o)).anyMatch(l -> l.startsWith("blocked design: off was observed first, then on,"
                + " so anything else that changed between the two"))
                .anyMatch(l -> l.contains("not independent runs"));
        assertThat(o.nodes()).hasSize(6).first().satisfies(n -> assertThat(Wording.observedNode(n))
                .endsWith("over 3 windows, 3,000 mounts in systemd's view, 100.0 mount events/s"));
        assertThat(s.cells().get(0).blocked()).as("the nodes as blocks").isNotNull();
        assertThat(s.cells().get(0).blocked().k()).isEqualTo(3);
    }

    @Test
    void aNodeWhoseSystemdNeverMovedReadsZeroNanoseconds() {
        window("worker-a", "on", 0, 0, 47, RunRecord.NOT_COUNTED, null);
        window("worker-a", "on", 1, 0, 47, RunRecord.NOT_COUNTED, null);

        assertThat(Wording.observedNode(Observation.of(runs).nodes().get(0)))
                .isEqualTo("worker-a, on: 0 ns in all 2 windows, 47 mounts in systemd's view, mount events not counted");
    }

    @Test
    void theArmObservedFirstComesFirstWhicheverItIs() {
        window("worker-a", "on", 0, 0.001, 300, 10, null);
        window("worker-a", "off", 5, 0.1, 3000, 10, null);

        assertThat(Observation.of(runs).arms()).containsExactly("on", "off");
    }

    @Test
    void theSummaryKeepsTheObservationThroughSummaryJson(@TempDir Path dir) throws Exception {
        window("worker-a", "off", 0, 0.1, 3000, RunRecord.NOT_COUNTED, null);
        Summary s = new Analyzer().analyze("nd", List.of("d"), runs, "off", "on").withObservation(Observation.of(runs));

        SummaryJson.write(s, dir.resolve(SummaryJson.FILE));
        Summary read = SummaryJson.read(dir.resolve(SummaryJson.FILE));

        assertThat(read.observation()).isEqualTo(s.observation());
        assertThat(read.observation().nodes().get(0).eventsPerSecond()).isNaN();
    }

    @Test
    void aCampaignSummaryHasNoObservation(@TempDir Path dir) throws Exception {
        Summary s = new Analyzer().analyze("c", List.of("d"), new Runs().add("pods=10", "off", 0.1, 0.11, 0.12)
                .add("pods=10", "on", 0.0, 0.0, 0.0).list(), "off", "on");

        SummaryJson.write(s, dir.resolve(SummaryJson.FILE));

        assertThat(s.observed()).isFalse();
        assertThat(SummaryJson.read(dir.resolve(SummaryJson.FILE)).observation()).isNull();
    }
}
