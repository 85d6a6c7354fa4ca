package io.kubensbench.analysis.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * A run's mount event rate, over the span its events were counted over: the measure window
 * where the workload's maker counts them (the lab), the node time between two counts of PID
 * 1's table where the node does (a cluster), and no rate where there is none to give.
 */
class MountEventRateTest {

    private static RunRecord.Builder run() {
        return RunRecord.builder().index(0).attempt("a").arm("off").level("pods=10").measureNs(20_000_000_000L);
    }

    @Test
    void theLabsEventsCoverTheMeasureWindow() {
        assertThat(run().mountEvents(300).build().mountEventsPerSecond()).isEqualTo(15.0);
    }

    @Test
    void aNodesEventsCoverTheTimeBetweenItsCounts() {
        RunRecord r = run().mountEvents(300).mountEventsNs(12_000_000_000L).build();

        assertThat(r.mountEventsPerSecond()).isEqualTo(25.0);
    }

    @Test
    void eventsNotCountedOrCountedOverNoTimeHaveNoRate() {
        assertThat(run().mountEvents(-1).build().mountEventsPerSecond()).isNaN();
        assertThat(run().mountEvents(-1).mountEventsNs(12_000_000_000L).build().mountEventsPerSecond()).isNaN();
        assertThat(run().mountEvents(0).mountEventsNs(0L).build().mountEventsPerSecond()).isNaN();
    }

    @Test
    void aRecordWrittenBeforeTheSpanWasKeptReadsOverItsWindow() throws Exception {
        ObjectMapper json = ResultsDir.mapper();
        String written = json.writeValueAsString(run().mountEvents(300).build()).replace(",\"mountEventsNs\":null", "");

        RunRecord read = json.readValue(written, RunRecord.class);

        assertThat(written).doesNotContain("mountEventsNs");
        assertThat(read.mountEventsNs()).isNull();
        assertThat(read.mountEventsPerSecond()).isEqualTo(15.0);
    }

    @Test
    void aClustersDirectorySaysWhereItsEventsComeFrom() {
        TargetTraits cluster = new TargetTraits("cluster", TargetTraits.ArmSwitching.ROLLOUT, 600, 0.02, 300,
                TargetTraits.MountEvents.TABLE_CHANGES, "the probe", 60, "cleanup");
        TargetTraits before = new TargetTraits("cluster", TargetTraits.ArmSwitching.ROLLOUT, 600, 0.02, 300,
                TargetTraits.MountEvents.DERIVED, "the probe", 60, "cleanup");

        assertThat(cluster.fieldMeanings().get("mountEvents")).contains("PID 1's /proc/1/mountinfo")
                .contains("last count at or before the window's start");
        assertThat(cluster.fieldMeanings().get("mountEventsNs")).contains("between those two counts");
        assertThat(before.fieldMeanings().get("mountEvents")).contains("derived from API counts");
    }
}
