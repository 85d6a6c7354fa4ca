package io.kubensbench.workloads.mounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.kubensbench.workloads.pods.PodFactory;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link PodSpecMounts} and {@link LivePodMounts}: a pod of anyone's counted by the mount plan's table. */
class PodMountCountersTest {

    @Test
    void aPodOfKubensBenchCountsWhatItsMountPlanPlans() {
        WorkloadSpec spec = WorkloadSpec.defaults();
        Pod pod = new PodFactory(spec, "r1", "bench", "busybox", Map.of()).objectsForPod(0).stream()
                .filter(Pod.class::isInstance).map(Pod.class::cast).findFirst().orElseThrow();
        Pod running = new PodBuilder(pod).withNewStatus().withPhase("Running")
                .withContainerStatuses(pod.getSpec().getContainers().stream().map(c -> running(c.getName())).toList())
                .endStatus().build();

        assertThat(PodSpecMounts.setUp(pod).total()).isEqualTo(new MountPlan(spec).mountsPerPod());
        assertThat(LivePodMounts.count(running).total()).isEqualTo(new MountPlan(spec).mountsPerPod());
        assertThat(LivePodMounts.count(running).assumed()).isEmpty();
    }

    @Test
    void everyVolumeKindCountsByTheTableAndTheOthersAreAssumedOneEachByKind() {
        Pod pod = pod(false, false, null, List.of(
                new VolumeBuilder().withName("s").withNewSecret().withSecretName("s").endSecret().build(),
                new VolumeBuilder().withName("token").withNewProjected().endProjected().build(),
                new VolumeBuilder().withName("d").withNewDownwardAPI().endDownwardAPI().build(),
                new VolumeBuilder().withName("mem").withNewEmptyDir().withMedium("Memory").endEmptyDir().build(),
                new VolumeBuilder().withName("disk").withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName("cm").withNewConfigMap().withName("cm").endConfigMap().build(),
                new VolumeBuilder().withName("host").withNewHostPath().withPath("/etc").endHostPath().build(),
                new VolumeBuilder().withName("data").withNewPersistentVolumeClaim().withClaimName("c")
                        .endPersistentVolumeClaim().build(),
                new VolumeBuilder().withName("logs").withNewPersistentVolumeClaim().withClaimName("l")
                        .endPersistentVolumeClaim().build(),
                new VolumeBuilder().withName("inline").withNewCsi().withDriver("x").endCsi().build(),
                new VolumeBuilder().withName("huge").withNewEmptyDir().withMedium("HugePages").endEmptyDir().build()));

        PodMountCount count = PodSpecMounts.setUp(pod);

        // tmpfs: secret, projected, downwardAPI, emptyDir Memory = 4; emptyDir disk, configMap, hostPath none.
        assertThat(count.volumes()).isEqualTo(4);
        // sandbox: rootfs 1 + shm 1 + pins net, ipc, uts 3 = 5.
        assertThat(count.sandbox()).isEqualTo(5);
        // one container in the spec.
        assertThat(count.containers()).isEqualTo(1);
        assertThat(count.assumed()).containsExactlyInAnyOrderEntriesOf(Map.of("persistentVolumeClaim", 2, "csi", 1,
                "emptyDir (medium HugePages)", 1));
        assertThat(count.total()).isEqualTo(4 + 5 + 1 + 4);
    }

    @Test
    void hostNetworkKeepsItsPinsHostIpcHasNoShmAndAUserNamespaceIsAFourthPin() {
        assertThat(PodSpecMounts.setUp(pod(true, false, null, List.of())).sandbox()).as("hostNetwork").isEqualTo(5);
        assertThat(PodSpecMounts.setUp(pod(false, true, null, List.of())).sandbox()).as("hostIPC").isEqualTo(4);
        assertThat(PodSpecMounts.setUp(pod(false, false, false, List.of())).sandbox()).as("hostUsers: false")
                .isEqualTo(6);
    }

    @Test
    void onlyARunningPodHasMountsAndOnlyItsRunningContainersHaveARootfs() {
        Pod spec = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec()
                .addNewInitContainer().withName("init").endInitContainer()
                .addNewContainer().withName("a").endContainer()
                .addNewContainer().withName("b").endContainer()
                .addNewContainer().withName("c").endContainer()
                .addNewVolume().withName("s").withNewSecret().endSecret().endVolume()
                .endSpec().build();
        Pod live = new PodBuilder(spec).withNewStatus().withPhase("Running")
                .withInitContainerStatuses(terminated("init"))
                .withContainerStatuses(running("a"), running("b"), new ContainerStatusBuilder().withName("c")
                        .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState().build())
                .withEphemeralContainerStatuses(running("debug"))
                .endStatus().build();

        // 1 secret + sandbox 5 + running a, b and the ephemeral debug container 3; init terminated, c waiting.
        assertThat(LivePodMounts.count(live).total()).isEqualTo(1 + 5 + 3);
        // Set up: every container of the spec, the init container's rootfs included.
        assertThat(PodSpecMounts.setUp(spec).total()).isEqualTo(1 + 5 + 4);
        for (String phase : List.of("Pending", "Succeeded", "Failed")) {
            Pod p = new PodBuilder(live).editStatus().withPhase(phase).endStatus().build();
            assertThat(LivePodMounts.count(p).total()).as(phase).isZero();
        }
    }

    private static Pod pod(boolean hostNetwork, boolean hostIpc, Boolean hostUsers, List<Volume> volumes) {
        return new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec()
                .withHostNetwork(hostNetwork).withHostIPC(hostIpc).withHostUsers(hostUsers)
                .addNewContainer().withName("c").endContainer().withVolumes(volumes).endSpec().build();
    }

    static ContainerStatus running(String name) {
        return new ContainerStatusBuilder().withName(name).withNewState().withNewRunning().endRunning().endState()
                .build();
    }

    static ContainerStatus terminated(String name) {
        return new ContainerStatusBuilder().withName(name).withNewState().withNewTerminated().withExitCode(0)
                .endTerminated().endState().build();
    }
}
