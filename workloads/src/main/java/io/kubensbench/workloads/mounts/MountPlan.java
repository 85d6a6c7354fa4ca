package io.kubensbench.workloads.mounts;

import io.kubensbench.workloads.spec.VolumeCounts;
import io.kubensbench.workloads.spec.VolumeKind;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The host mounts kubelet and CRI-O create for each pod of a workload. systemd's cost grows
 * with the number of mounts in its namespace, so this plan is both what the lab's kubelet
 * stand-in mounts with {@code mount(2)} and the count a cluster probe expects to observe.
 *
 * <p>Per pod (docs/design.md, Mount plan), each row checked against the kubelet and CRI-O sources
 * named beside it:
 * <table>
 * <caption>Host mounts per pod</caption>
 * <tr><th>pod element</th><th>host mount</th><th>source</th></tr>
 * <tr><td>secret, projected (incl. the service-account token), downwardAPI, emptyDir
 *     {@code medium: Memory} volume</td>
 *   <td>one tmpfs at {@code <kubeletPods>/<uid>/volumes/kubernetes.io~<kind>/<name>}</td>
 *   <td>kubernetes {@code pkg/volume/secret/secret.go}, {@code pkg/volume/projected/projected.go},
 *     {@code pkg/volume/downwardapi/downwardapi.go}: {@code SetUpAt} sets up the
 *     {@code wrappedVolumeSpec}, an emptyDir with {@code Medium: Memory};
 *     {@code pkg/volume/emptydir/empty_dir.go}: {@code SetUpAt} -> {@code setupTmpfs} ->
 *     {@code mounter.MountSensitiveWithoutSystemd("tmpfs", dir, "tmpfs", ...)}. Path:
 *     {@code pkg/kubelet/kubelet_getters.go} {@code getPodVolumeDir}, plugin names
 *     {@code kubernetes.io/<kind>} escaped by {@code EscapeQualifiedName}
 *     (kubernetes/utils {@code strings/escape.go}, '/' -> '~')</td></tr>
 * <tr><td>configMap, emptyDir on disk</td><td>none (a directory)</td>
 *   <td>{@code pkg/volume/configmap/configmap.go}: its {@code wrappedVolumeSpec()} is an
 *     emptyDir with the default medium, for which {@code empty_dir.go} only runs
 *     {@code setupDir}</td></tr>
 * <tr><td>each container</td>
 *   <td>one overlay rootfs at {@code <overlay>/<id>/merged}</td>
 *   <td>CRI-O {@code internal/storage/runtime.go} {@code StartContainer} -> store
 *     {@code Mount}; containers/storage {@code drivers/overlay/overlay.go}
 *     {@code Driver.get} mounts at {@code <home>/<id>/merged}</td></tr>
 * <tr><td>each pod sandbox</td>
 *   <td>shm tmpfs at {@code <overlayContainers>/<sandboxId>/userdata/shm}; nsfs pins at
 *     {@code <netns>/<pin>}, {@code <ipcns>/<pin>}, {@code <utsns>/<pin>}</td>
 *   <td>CRI-O {@code server/sandbox_run_linux.go}: {@code setupSandboxShm} has
 *     {@code internal/lib/sandbox} {@code SetupShm} mount tmpfs at the
 *     sandbox run directory + {@code /shm}, which containers/storage {@code store.go}
 *     {@code ContainerRunDirectory} puts at {@code <runroot>/overlay-containers/<id>/userdata};
 *     {@code configureGeneratorForSandboxNamespaces} asks for net, ipc, uts;
 *     {@code internal/config/nsmgr/nsmgr_linux.go} {@code NewPodNamespaces} draws one
 *     {@code uuid.New()} per pod and has {@code pinns} bind each namespace at
 *     {@code <namespaces_dir>/<type>ns/<uuid>} ({@code namespaces_dir} defaults to
 *     {@code /var/run}, {@code docs/crio.conf.5.md})</td></tr>
 * <tr><td>each pod sandbox, its root</td>
 *   <td>one overlay rootfs, its infra (pause image) storage container's, at
 *     {@code <overlay>/<sandboxId>/merged}</td>
 *   <td>CRI-O {@code server/sandbox_run_linux.go}: {@code runPodSandbox} creates that
 *     container ({@code internal/storage/runtime.go} {@code CreatePodSandbox}, id = sandbox
 *     id) and calls {@code setupSandboxStorage} -> {@code StorageRuntimeServer().StartContainer}
 *     whether or not {@code setupInfraContainer} then drops the infra container
 *     ({@code drop_infra_ctr}); {@code (*runtimeService).StartContainer} -> containers/storage
 *     {@code store.go} {@code (*store).Mount} -> {@code layers.go} {@code (*layerStore).Mount}
 *     -> {@code driver.Get}; {@code drivers/overlay/overlay.go} {@code (*Driver).get} mounts
 *     at {@code <home>/<layer id>/merged}</td></tr>
 * </table>
 *
 * <p>Order: kubelet's {@code syncPod} ({@code pkg/kubelet/kubelet.go}) waits for
 * {@code volumeManager.WaitForAttachAndMount} before calling the runtime, and CRI-O's
 * {@code runPodSandbox} mounts shm before pinning namespaces; containers start in their
 * sandbox afterwards. So a pod's mounts are created volumes, shm, pins, the sandbox's
 * rootfs ({@code setupSandboxStorage} comes after the namespaces), the containers'. kubelet
 * mounts volumes concurrently; the plan fixes them in {@link VolumeKind} order.
 *
 * <p>Ids: a pod must map to the same paths every time (the lab unmounts what it mounted, a
 * probe compares runs), so sandbox and container ids are SHA-256 of the pod uid plus a
 * suffix, and the pin name is a name-based UUID of the pod uid, where CRI-O would draw
 * random ones. containers/storage names the overlay directory after the container's layer,
 * not the container; the plan uses the container (or sandbox) id there, since systemd pays
 * for the number of mounts, not their names.
 *
 * <p>Not in the table, so not planned: pods with host IPC, which have no shm, and pods with a
 * user namespace, which have a fourth pin ({@link PodSpecMounts} counts both; a host network
 * or IPC namespace is pinned all the same).
 */
public final class MountPlan {

    /** CRI-O pins net, ipc and uts for a pod that shares none of them with the host. */
    private static final int NSFS_PINS = 3;
    private static final int SANDBOX_SHM_MOUNTS = 1;
    /** The infra storage container's overlay, mounted even when the infra container is dropped. */
    private static final int SANDBOX_ROOTFS_MOUNTS = 1;
    private static final Pattern POD_UID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,127}");

    private final int containersPerPod;
    private final VolumeCounts volumes;
    private final MountRoots roots;

    public MountPlan(WorkloadSpec spec, MountRoots roots) {
        this.containersPerPod = spec.containersPerPod();
        this.volumes = spec.volumesPerPod();
        this.roots = Objects.requireNonNull(roots, "roots");
    }

    /** A plan at the standard kubelet and CRI-O paths. */
    public MountPlan(WorkloadSpec spec) {
        this(spec, MountRoots.standard());
    }

    /**
     * A stable uid for the {@code index}-th pod of a run. The lab has no API server to assign
     * uids, and a stable one lets a resumed or repeated run address the same directories.
     */
    public static String podUid(String runId, int index) {
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("run id must not be blank");
        }
        if (index < 0) {
            throw new IllegalArgumentException("pod index must be >= 0 (got " + index + ")");
        }
        return nameUuid("kubens-bench/" + runId + "/" + index);
    }

    /** Every mount of the pod {@code podUid}, in creation order. */
    public PodMounts forPod(String podUid) {
        if (podUid == null || !POD_UID.matcher(podUid).matches()) {
            throw new IllegalArgumentException(
                    "pod uid must be letters, digits and '-' (got \"" + podUid + "\")");
        }
        String sandboxId = sha256Hex(podUid + "/sandbox");
        List<String> containerIds = new ArrayList<>(containersPerPod);
        for (int i = 0; i < containersPerPod; i++) {
            containerIds.add(sha256Hex(podUid + "/container/" + i));
        }

        List<PlannedMount> mounts = new ArrayList<>(mountsPerPod());
        String volumesDir = roots.kubeletPods() + "/" + podUid + "/volumes/";
        for (VolumeKind kind : VolumeKind.values()) {
            tmpfsPluginDir(kind).ifPresent(pluginDir -> {
                for (int i = 0; i < volumes.count(kind); i++) {
                    mounts.add(new PlannedMount(MountKind.TMPFS_VOLUME,
                            volumesDir + pluginDir + "/" + kind.volumeName(i), pluginDir));
                }
            });
        }
        mounts.add(new PlannedMount(MountKind.SANDBOX_SHM,
                roots.overlayContainers() + "/" + sandboxId + "/userdata/shm", sandboxId));
        String pin = nameUuid(podUid + "/pins");
        mounts.add(new PlannedMount(MountKind.NSFS_PIN, roots.netns() + "/" + pin, "net"));
        mounts.add(new PlannedMount(MountKind.NSFS_PIN, roots.ipcns() + "/" + pin, "ipc"));
        mounts.add(new PlannedMount(MountKind.NSFS_PIN, roots.utsns() + "/" + pin, "uts"));
        mounts.add(new PlannedMount(MountKind.SANDBOX_ROOTFS,
                roots.overlay() + "/" + sandboxId + "/merged", sandboxId));
        for (String containerId : containerIds) {
            mounts.add(new PlannedMount(MountKind.OVERLAY_ROOTFS,
                    roots.overlay() + "/" + containerId + "/merged", containerId));
        }
        return new PodMounts(podUid, sandboxId, containerIds, mounts);
    }

    public int mountsPerPod() {
        int tmpfsVolumes = Arrays.stream(VolumeKind.values())
                .filter(kind -> tmpfsPluginDir(kind).isPresent())
                .mapToInt(volumes::count)
                .sum();
        return tmpfsVolumes + SANDBOX_SHM_MOUNTS + NSFS_PINS + SANDBOX_ROOTFS_MOUNTS + containersPerPod;
    }

    /** Mounts the workload adds to a node's mount table when {@code pods} pods run there. */
    public long expectedMounts(int pods) {
        if (pods < 0) {
            throw new IllegalArgumentException("pods must be >= 0 (got " + pods + ")");
        }
        return (long) pods * mountsPerPod();
    }

    /** kubelet's escaped plugin directory for kinds that get a tmpfs, empty for the others. */
    private static Optional<String> tmpfsPluginDir(VolumeKind kind) {
        return switch (kind) {
            case SECRET -> Optional.of("kubernetes.io~secret");
            case PROJECTED -> Optional.of("kubernetes.io~projected");
            case DOWNWARD_API -> Optional.of("kubernetes.io~downward-api");
            case EMPTY_DIR_MEMORY -> Optional.of("kubernetes.io~empty-dir");
            case CONFIG_MAP, EMPTY_DIR_DISK -> Optional.empty();
        };
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
