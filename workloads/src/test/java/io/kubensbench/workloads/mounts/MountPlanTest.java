package io.kubensbench.workloads.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubensbench.workloads.spec.Churn;
import io.kubensbench.workloads.spec.VolumeCounts;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MountPlanTest {

    private static final String UID = "0b5a4f9e-2c1d-4e6f-8a7b-9c0d1e2f3a4b";
    private static final String HEX64 = "[0-9a-f]{64}";
    private static final String UUID_SHAPE =
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final MountPlan plan = new MountPlan(WorkloadSpec.defaults());

    @Test
    void defaultPodHasFifteenMounts() {
        // secret 4 + projected 1 + emptyDir(Memory) 2 + downwardAPI 1 + containers 2
        // + sandbox shm 1 + pins 3 + sandbox rootfs 1
        assertThat(plan.mountsPerPod()).isEqualTo(15);
        assertThat(plan.forPod(UID).mounts()).hasSize(15);
        assertThat(plan.expectedMounts(50)).isEqualTo(750);
        assertThat(plan.expectedMounts(0)).isZero();
    }

    @Test
    void defaultPodMountsByKind() {
        List<PlannedMount> mounts = plan.forPod(UID).mounts();

        assertThat(mounts).filteredOn(m -> m.kind() == MountKind.TMPFS_VOLUME).hasSize(8);
        assertThat(mounts).filteredOn(m -> m.kind() == MountKind.OVERLAY_ROOTFS).hasSize(2);
        assertThat(mounts).filteredOn(m -> m.kind() == MountKind.SANDBOX_SHM).hasSize(1);
        assertThat(mounts).filteredOn(m -> m.kind() == MountKind.SANDBOX_ROOTFS).hasSize(1);
        assertThat(mounts).filteredOn(m -> m.kind() == MountKind.NSFS_PIN)
                .extracting(PlannedMount::detail).containsExactly("net", "ipc", "uts");
    }

    @Test
    void configMapAndDiskEmptyDirAddNoMount() {
        MountPlan without = plan(new VolumeCounts(1, 1, 0, 1, 1, 0));
        MountPlan with = plan(new VolumeCounts(1, 1, 7, 1, 1, 5));

        assertThat(with.mountsPerPod()).isEqualTo(without.mountsPerPod());
        assertThat(with.forPod(UID)).isEqualTo(without.forPod(UID));
    }

    @Test
    void podWithoutTmpfsVolumesStillHasSandboxAndRootfsMounts() {
        MountPlan bare = plan(new VolumeCounts(0, 0, 3, 0, 0, 3));

        assertThat(bare.forPod(UID).mounts()).extracting(PlannedMount::kind).containsExactly(
                MountKind.SANDBOX_SHM, MountKind.NSFS_PIN, MountKind.NSFS_PIN, MountKind.NSFS_PIN,
                MountKind.SANDBOX_ROOTFS, MountKind.OVERLAY_ROOTFS, MountKind.OVERLAY_ROOTFS);
    }

    @Test
    void pathsFollowKubeletAndCrioLayout() {
        PodMounts pod = plan.forPod(UID);
        String volumes = "/var/lib/kubelet/pods/" + UID + "/volumes/";
        String sandbox = pod.sandboxId();
        String pin = pinName(pod);

        assertThat(sandbox).matches(HEX64);
        assertThat(pod.containerIds()).hasSize(2).allMatch(id -> id.matches(HEX64))
                .doesNotContain(sandbox).doesNotHaveDuplicates();
        assertThat(pin).matches(UUID_SHAPE);
        assertThat(pod.mounts()).containsExactly(
                tmpfs(volumes + "kubernetes.io~secret/secret-0", "kubernetes.io~secret"),
                tmpfs(volumes + "kubernetes.io~secret/secret-1", "kubernetes.io~secret"),
                tmpfs(volumes + "kubernetes.io~secret/secret-2", "kubernetes.io~secret"),
                tmpfs(volumes + "kubernetes.io~secret/secret-3", "kubernetes.io~secret"),
                tmpfs(volumes + "kubernetes.io~projected/kube-api-access-0", "kubernetes.io~projected"),
                tmpfs(volumes + "kubernetes.io~empty-dir/empty-dir-memory-0", "kubernetes.io~empty-dir"),
                tmpfs(volumes + "kubernetes.io~empty-dir/empty-dir-memory-1", "kubernetes.io~empty-dir"),
                tmpfs(volumes + "kubernetes.io~downward-api/downward-api-0", "kubernetes.io~downward-api"),
                new PlannedMount(MountKind.SANDBOX_SHM,
                        "/run/containers/storage/overlay-containers/" + sandbox + "/userdata/shm", sandbox),
                new PlannedMount(MountKind.NSFS_PIN, "/run/netns/" + pin, "net"),
                new PlannedMount(MountKind.NSFS_PIN, "/run/ipcns/" + pin, "ipc"),
                new PlannedMount(MountKind.NSFS_PIN, "/run/utsns/" + pin, "uts"),
                new PlannedMount(MountKind.SANDBOX_ROOTFS,
                        "/var/lib/containers/storage/overlay/" + sandbox + "/merged", sandbox),
                rootfs(pod.containerIds().get(0)),
                rootfs(pod.containerIds().get(1)));
    }

    @Test
    void rootsAreConfigurable() {
        MountRoots roots = new MountRoots("/lab/kubelet/pods", "/lab/overlay", "/lab/oc",
                "/lab/netns", "/lab/ipcns", "/lab/utsns");
        PodMounts pod = new MountPlan(WorkloadSpec.defaults(), roots).forPod(UID);

        assertThat(pod.mounts()).extracting(PlannedMount::target)
                .allMatch(target -> target.startsWith("/lab/"))
                .contains("/lab/kubelet/pods/" + UID + "/volumes/kubernetes.io~secret/secret-0",
                        "/lab/oc/" + pod.sandboxId() + "/userdata/shm",
                        "/lab/netns/" + pinName(pod),
                        "/lab/overlay/" + pod.sandboxId() + "/merged",
                        "/lab/overlay/" + pod.containerIds().get(0) + "/merged");
    }

    @Test
    void rejectsRelativeOrTrailingSlashRoots() {
        assertThatThrownBy(() -> new MountRoots("var/lib/kubelet/pods", "/o", "/oc", "/n", "/i", "/u"))
                .hasMessage("mount root kubeletPods must be an absolute path without a trailing '/'"
                        + " (got \"var/lib/kubelet/pods\")");
        assertThatThrownBy(() -> new MountRoots("/k", "/o/", "/oc", "/n", "/i", "/u"))
                .hasMessageStartingWith("mount root overlay ");
    }

    @Test
    void samePodUidAlwaysGivesTheSameMounts() {
        assertThat(new MountPlan(WorkloadSpec.defaults()).forPod(UID)).isEqualTo(plan.forPod(UID));
    }

    @Test
    void distinctPodsHaveDisjointTargets() {
        Set<String> targets = new HashSet<>();
        int pods = 200;
        IntStream.range(0, pods).mapToObj(i -> MountPlan.podUid("run1", i))
                .flatMap(uid -> plan.forPod(uid).mounts().stream())
                .forEach(m -> targets.add(m.target()));

        assertThat(targets).hasSize(pods * plan.mountsPerPod());
    }

    @Test
    void unmountOrderIsTheReverseOfCreation() {
        PodMounts pod = plan.forPod(UID);
        List<PlannedMount> unmount = pod.inUnmountOrder();

        assertThat(unmount).hasSameSizeAs(pod.mounts());
        for (int i = 0; i < unmount.size(); i++) {
            assertThat(unmount.get(i)).isEqualTo(pod.mounts().get(pod.mounts().size() - 1 - i));
        }
        assertThat(unmount.get(0).kind()).isEqualTo(MountKind.OVERLAY_ROOTFS);
        assertThat(unmount.get(unmount.size() - 1).kind()).isEqualTo(MountKind.TMPFS_VOLUME);
    }

    @Test
    void podUidIsStableRfc4122AndDistinctPerRunAndIndex() {
        String uid = MountPlan.podUid("run1", 7);

        assertThat(uid).matches(UUID_SHAPE).isEqualTo(MountPlan.podUid("run1", 7));
        assertThat(UUID.fromString(uid).variant()).isEqualTo(2); // RFC 4122
        assertThat(MountPlan.podUid("run1", 8)).isNotEqualTo(uid);
        assertThat(MountPlan.podUid("run2", 7)).isNotEqualTo(uid);
    }

    @Test
    void rejectsPodUidsThatWouldEscapeTheirDirectory() {
        assertThatThrownBy(() -> plan.forPod("../etc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pod uid must be letters, digits and '-' (got \"../etc\")");
        assertThatThrownBy(() -> plan.forPod("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static MountPlan plan(VolumeCounts volumes) {
        return new MountPlan(new WorkloadSpec(1, 2, volumes, Churn.none()));
    }

    private static String pinName(PodMounts pod) {
        String netPin = pod.mounts().stream().filter(m -> m.detail().equals("net"))
                .findFirst().orElseThrow().target();
        return netPin.substring(netPin.lastIndexOf('/') + 1);
    }

    private static PlannedMount tmpfs(String target, String pluginDir) {
        return new PlannedMount(MountKind.TMPFS_VOLUME, target, pluginDir);
    }

    private static PlannedMount rootfs(String containerId) {
        return new PlannedMount(MountKind.OVERLAY_ROOTFS,
                "/var/lib/containers/storage/overlay/" + containerId + "/merged", containerId);
    }
}
