package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.plan.Plan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code lab --quick} promises a verdict in under a minute: as many runs per arm as a verdict
 * needs, and an estimate that fits. The example file of the same name is the same campaign.
 */
class QuickCampaignTest {

    private final CampaignSpec quick = quick();

    @Test
    void runsAsManyTimesPerArmAsAVerdictNeeds() {
        assertThat(quick.schedule().repetitions()).isEqualTo(Analyzer.MIN_RUNS_PER_ARM);
        assertThat(quick.levels()).hasSize(1);
        assertThat(quick.workload().churn().podsPerSecond()).as("systemd works only while mounts change").isPositive();
    }

    @Test
    void isEstimatedAtUnderAMinute() {
        assertThat(Plan.of(quick).estimate()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void theExampleFileIsTheSameCampaign() {
        CampaignSpec example = new CampaignReader().read(Path.of("..", "workloads", "campaigns", "lab-quick.yaml"));

        assertThat(example).isEqualTo(quick);
    }

    private static CampaignSpec quick() {
        try {
            return new CampaignReader().parse(LabCommand.builtIn(LabCommand.QUICK_CAMPAIGN), "lab-quick.yaml");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
