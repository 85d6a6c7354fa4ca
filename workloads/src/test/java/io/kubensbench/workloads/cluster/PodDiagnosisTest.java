package io.kubensbench.workloads.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** What a timeout says about a pod, for each way a pod can fail to run. */
class PodDiagnosisTest {

    @Test
    void aWaitingContainerGivesItsReasonAndMessage() {
        Pod pod = new PodBuilder().withNewStatus().withPhase("Pending")
                .addNewContainerStatus().withName("c0").withNewState().withNewWaiting()
                .withReason("ImagePullBackOff").withMessage("Back-off pulling image \"busybox:nope\"")
                .endWaiting().endState().endContainerStatus().endStatus().build();

        assertThat(PodDiagnosis.of(pod)).isEqualTo("Pending (ImagePullBackOff: Back-off pulling image \"busybox:nope\")");
    }

    @Test
    void anExitedContainerGivesItsCodeAndReason() {
        Pod pod = new PodBuilder().withNewStatus().withPhase("Running")
                .addNewContainerStatus().withName("probe").withNewState().withNewTerminated()
                .withExitCode(1).withReason("Error").endTerminated().endState().endContainerStatus()
                .endStatus().build();

        assertThat(PodDiagnosis.of(pod)).isEqualTo("Running (exited 1 Error)");
    }

    @Test
    void aRunningContainerThatIsNotReadyIsNamed() {
        Pod pod = new PodBuilder().withNewStatus().withPhase("Running")
                .addNewContainerStatus().withName("probe").withReady(false).withNewState().withNewRunning()
                .endRunning().endState().endContainerStatus().endStatus().build();

        assertThat(PodDiagnosis.of(pod)).isEqualTo("Running (container probe not ready)");
    }

    @Test
    void anUnschedulablePodGivesTheSchedulersWords() {
        Pod pod = new PodBuilder().withNewStatus().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/3 nodes are available:\n 3 Insufficient cpu.").endCondition()
                .endStatus().build();

        assertThat(PodDiagnosis.of(pod)).isEqualTo("Pending (Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.)");
    }

    @Test
    void otherwiseThePodsOwnReason() {
        Pod pod = new PodBuilder().withNewStatus().withPhase("Failed").withReason("Evicted").endStatus().build();

        assertThat(PodDiagnosis.of(pod)).isEqualTo("Failed (Evicted)");
        assertThat(PodDiagnosis.of(new Pod())).isEqualTo("Pending");
        assertThat(PodDiagnosis.of(null)).isEqualTo("not found");
    }
}
