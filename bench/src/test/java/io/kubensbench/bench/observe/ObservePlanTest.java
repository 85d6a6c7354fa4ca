package io.kubensbench.bench.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * An observation's plan is refused, one line naming the option, when it cannot be kept; once
 * made, it describes itself as every campaign does, with arms that pool across directories.
 */
class ObservePlanTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration SECOND = Duration.ofSeconds(1);

    private static ObservePlan plan(Encapsulation then, Duration duration, Duration window) {
        return new ObservePlan("nd", Encapsulation.OFF, then, duration, window, null, SECOND);
    }

    @Test
    void aDurationThatIsNotWholeWindowsIsRefusedWithOneThatIs() {
        assertThatThrownBy(() -> plan(null, Duration.ofSeconds(150), MINUTE))
                .hasMessage("--duration 2m30s is not a whole number of 1m windows (--window): give e.g. --duration 3m");
        assertThatThrownBy(() -> plan(null, Duration.ofSeconds(20), MINUTE))
                .hasMessage("--duration 20s is not a whole number of 1m windows (--window): give e.g. --duration 1m");
    }

    @Test
    void aSwitchNeedsADurationAndTheOtherArm() {
        assertThatThrownBy(() -> plan(Encapsulation.ON, null, MINUTE))
                .hasMessage("--switch-to on needs --duration: how long to observe each arm before and after the switch");
        assertThatThrownBy(() -> plan(Encapsulation.OFF, Duration.ofMinutes(20), MINUTE))
                .hasMessage("--switch-to off is the arm the nodes are already in (--arm off): switch to the other one,"
                        + " or leave --switch-to out");
    }

    @Test
    void aWindowNeedsTwoProbeLinesAndANameIsShellSafe() {
        assertThatThrownBy(() -> plan(null, null, SECOND))
                .hasMessage("--window 1s must be at least twice --interval (2s): a window needs two probe lines");
        assertThatThrownBy(() -> new ObservePlan("my run", Encapsulation.OFF, null, null, MINUTE, null, SECOND))
                .hasMessageStartingWith("--name my run: 1 to 63 letters");
    }

    @Test
    void itDescribesItselfAsACampaignWhoseArmsAreAlwaysOffThenOn() {
        ObservePlan plan = new ObservePlan("nd", Encapsulation.ON, Encapsulation.OFF, Duration.ofMinutes(20), MINUTE,
                Duration.ofSeconds(30), SECOND);

        CampaignRecord c = plan.campaign();

        assertThat(plan.windowsPerArm()).isEqualTo(20);
        assertThat(plan.arms()).extracting(a -> a.name()).containsExactly("on", "off");
        assertThat(c.baseline().name()).isEqualTo("off");
        assertThat(c.candidate().name()).isEqualTo("on");
        assertThat(c.observed()).isTrue();
        assertThat(c.schedule()).isEqualTo(new CampaignRecord.Schedule(30, 60, 20, "blocked", 0));
        assertThat(new ObservePlan("nd", Encapsulation.OFF, null, Duration.ofMinutes(20), MINUTE, null, SECOND)
                .campaign().arms()).isEqualTo(c.arms());
    }

    @Test
    void itsFileIsYamlThatNamesTheContextWhereReportsLookForIt() throws Exception {
        ClusterTargetSpec target = new ClusterTargetSpec("default/api-lab:6443/kube:admin",
                Map.of("node-role.kubernetes.io/worker", ""), ClusterTargetSpec.MANUAL, null, null, null, null, null);
        String yaml = ObservationFile.yaml(plan(null, null, MINUTE), target);

        JsonNode root = new YAMLMapper().readTree(yaml);

        assertThat(root.path("kind").asString()).isEqualTo("Observation");
        assertThat(root.path("target").path("cluster").path("context").asString())
                .isEqualTo("default/api-lab:6443/kube:admin");
        assertThat(root.path("target").path("cluster").path("nodeSelector").path("node-role.kubernetes.io/worker")
                .asText("missing")).isEmpty();
        assertThat(root.path("observe").path("duration").asString()).isEqualTo("until stopped");
        assertThat(root.path("observe").path("window").asString()).isEqualTo("1m");
    }
}
