package io.kubensbench.analysis.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results of an observation of the nodes' own workload read as a campaign's, and say
 * what they are: their level's load is external, and their mount events come from the probe,
 * or are marked as not counted; a campaign's results read exactly as before.
 */
class ObservedResultsTest {

    private static final TargetTraits PROBED = new TargetTraits("cluster", TargetTraits.ArmSwitching.BY_HAND, 0, 0.05,
            180, TargetTraits.MountEvents.TABLE_CHANGES, "the node probe", 600, "kubens-bench cleanup --run-id ID");

    @Test
    void anObservationsLevelIsExternalAndReadsBack(@TempDir Path dir) throws Exception {
        CampaignRecord observed = new CampaignRecord("nd", "cluster", ResultsStoreTest.CAMPAIGN.arms(),
                List.of(CampaignRecord.Level.external()), new CampaignRecord.Schedule(0, 60, 20, "blocked", 0), 1.0);
        ResultsStore.create(dir.resolve("o"), "kind: Observation\n", observed, PROBED, null);

        CampaignRecord read = new ResultsDir(dir.resolve("o")).campaign();

        assertThat(read.observed()).isTrue();
        assertThat(read.levels()).containsExactly(new CampaignRecord.Level("workload=external", 0, null, null,
                "external"));
        assertThat(new ResultsDir(dir.resolve("o")).manifest().fields().get("mountEvents"))
                .contains("between the probe's counts on the node", "-1 when the probe could not count them");
    }

    @Test
    void aCampaignsLevelWritesNoWorkloadFieldAndIsNotObserved(@TempDir Path dir) throws Exception {
        ResultsStoreTest.create(dir.resolve("c"), "name: x\n");

        assertThat(ResultsDir.mapper().readTree(dir.resolve("c").resolve(ResultsDir.MANIFEST).toFile())
                .path("campaign").path("levels").get(0).has("workload")).isFalse();
        assertThat(new ResultsDir(dir.resolve("c")).campaign().observed()).isFalse();
    }

    @Test
    void eventsNotCountedHaveNoRate() {
        RunRecord counted = RunRecord.builder().measureNs(2_000_000_000L).mountEvents(300).build();
        RunRecord notCounted = counted.toBuilder().mountEvents(RunRecord.NOT_COUNTED).build();

        assertThat(counted.mountEventsPerSecond()).isEqualTo(150.0);
        assertThat(notCounted.mountEventsCounted()).isFalse();
        assertThat(notCounted.mountEventsPerSecond()).isNaN();
    }
}
