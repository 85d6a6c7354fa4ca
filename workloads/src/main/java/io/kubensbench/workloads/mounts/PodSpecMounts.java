package io.kubensbench.workloads.mounts;

import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The host mounts a pod of anyone's (a fabric8 {@link Pod} as the API returns it) makes while
 * it is set up, by the same table as {@link MountPlan}, which has the sources:
 * <ul>
 * <li>one tmpfs per secret, projected (the service-account token among them), downwardAPI and
 *     emptyDir {@code medium: Memory} volume; none for configMap, gitRepo (kubernetes
 *     {@code pkg/volume/git_repo/git_repo.go}: its {@code wrappedVolumeSpec} is an emptyDir of
 *     the default medium too) and emptyDir on disk (a directory);</li>
 * <li>none for hostPath: kubelet hands the host path to the runtime, and the bind is made in
 *     the container's own mount namespace, not in PID 1's;</li>
 * <li>the sandbox: one rootfs overlay (its infra storage container), one shm tmpfs, and one
 *     nsfs pin per namespace;</li>
 * <li>one overlay rootfs per container.</li>
 * </ul>
 *
 * <p>Pins and shm, from CRI-O's {@code server/sandbox_run_linux.go}: {@code
 * configureGeneratorForSandboxNamespaces} always asks {@code nsmgr.NewPodNamespaces} for ipc,
 * net and uts, a host namespace with {@code Host: true} ({@code hostIPC}, {@code hostNetwork});
 * {@code internal/config/nsmgr/nsmgr_linux.go} passes a host one to {@code pinns} as
 * {@code --ipc=host} / {@code --net=host}, and {@code pinns/src/pinns.c} then skips the
 * unshare but still binds the namespace at its pin path ({@code bind_ipc}, {@code bind_net}:
 * "pinns: support pinning host ns", CRI-O 1.21). So a hostNetwork or hostIPC pod has the same
 * three pins; a pod with a user namespace ({@code hostUsers: false}, which gives CRI-O ID
 * mappings) has a fourth, {@code USERNS}. {@code setupSandboxShm} mounts shm only when the pod
 * does not share the host's IPC namespace: a hostIPC pod uses the host's {@code /dev/shm} and
 * has no shm mount.
 *
 * <p>Every other volume kind (persistentVolumeClaim, csi, ephemeral, image, nfs, iscsi, ...)
 * is mounted by its volume plugin or CSI driver in ways that depend on it (a block device, a
 * global mount plus a bind, a FUSE daemon's mount); it is ASSUMED one mount each, and counted
 * apart ({@link PodMountCount#assumed()}) so that whoever reads an estimate knows.
 */
public final class PodSpecMounts {

    /** ipc, net, uts: pinned for every pod, host namespaces included. */
    static final int PINS = 3;
    static final int SANDBOX_ROOTFS = 1;
    static final int SHM = 1;

    /** The kinds of volume kubelet and CRI-O never mount on the host. */
    private static final List<String> NO_MOUNT = List.of("configMap", "hostPath", "gitRepo");

    /** Every kind of the core API's Volume, by the field that names it. */
    private static final Map<String, Function<Volume, Object>> KINDS = kinds();

    private PodSpecMounts() {
    }

    /**
     * The mounts setting the pod up makes: its volumes, its sandbox, and one rootfs per
     * container it runs (init containers, containers, and ephemeral containers added to it).
     * An init container's rootfs is mounted and unmounted before the containers start; it is
     * counted, since both are mount events.
     */
    public static PodMountCount setUp(Pod pod) {
        PodSpec spec = pod.getSpec();
        if (spec == null) {
            return PodMountCount.NONE;
        }
        int containers = size(spec.getInitContainers()) + size(spec.getContainers())
                + size(spec.getEphemeralContainers());
        return withoutContainers(spec).plus(new PodMountCount(0, 0, containers, Map.of()));
    }

    /** The pod's volumes and sandbox, without any container's rootfs. */
    static PodMountCount withoutContainers(PodSpec spec) {
        int tmpfs = 0;
        Map<String, Integer> assumed = new LinkedHashMap<>();
        for (Volume v : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
            String kind = kind(v);
            if (tmpfs(v, kind)) {
                tmpfs++;
            } else if (!NO_MOUNT.contains(kind) && !diskEmptyDir(v, kind)) {
                assumed.merge(kind, 1, Integer::sum);
            }
        }
        int shm = Boolean.TRUE.equals(spec.getHostIPC()) ? 0 : SHM;
        int pins = PINS + (Boolean.FALSE.equals(spec.getHostUsers()) ? 1 : 0);
        return new PodMountCount(tmpfs, SANDBOX_ROOTFS + shm + pins, 0, assumed);
    }

    /**
     * The kind of a volume as the pod spec names it ({@code persistentVolumeClaim}); for an
     * emptyDir with a medium other than the default and Memory, {@code emptyDir (medium
     * HugePages)}; {@code unknown} for a kind this client does not know.
     */
    static String kind(Volume v) {
        for (Map.Entry<String, Function<Volume, Object>> e : KINDS.entrySet()) {
            if (e.getValue().apply(v) != null) {
                String kind = e.getKey();
                String medium = v.getEmptyDir() == null ? null : v.getEmptyDir().getMedium();
                return kind.equals("emptyDir") && medium != null && !medium.isEmpty() && !medium.equals("Memory")
                        ? "emptyDir (medium " + medium + ")" : kind;
            }
        }
        return v.getAdditionalProperties() == null || v.getAdditionalProperties().isEmpty() ? "unknown"
                : v.getAdditionalProperties().keySet().stream().filter(k -> !k.equals("name")).findFirst()
                        .orElse("unknown");
    }

    private static boolean tmpfs(Volume v, String kind) {
        return switch (kind) {
            case "secret", "projected", "downwardAPI" -> true;
            case "emptyDir" -> "Memory".equals(v.getEmptyDir().getMedium());
            default -> false;
        };
    }

    private static boolean diskEmptyDir(Volume v, String kind) {
        EmptyDirVolumeSource e = v.getEmptyDir();
        return kind.equals("emptyDir") && e != null && (e.getMedium() == null || e.getMedium().isEmpty());
    }

    static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private static Map<String, Function<Volume, Object>> kinds() {
        Map<String, Function<Volume, Object>> k = new LinkedHashMap<>();
        k.put("secret", Volume::getSecret);
        k.put("projected", Volume::getProjected);
        k.put("downwardAPI", Volume::getDownwardAPI);
        k.put("emptyDir", Volume::getEmptyDir);
        k.put("configMap", Volume::getConfigMap);
        k.put("hostPath", Volume::getHostPath);
        k.put("persistentVolumeClaim", Volume::getPersistentVolumeClaim);
        k.put("csi", Volume::getCsi);
        k.put("ephemeral", Volume::getEphemeral);
        k.put("image", Volume::getImage);
        k.put("nfs", Volume::getNfs);
        k.put("iscsi", Volume::getIscsi);
        k.put("fc", Volume::getFc);
        k.put("rbd", Volume::getRbd);
        k.put("cephfs", Volume::getCephfs);
        k.put("glusterfs", Volume::getGlusterfs);
        k.put("gitRepo", Volume::getGitRepo);
        k.put("flexVolume", Volume::getFlexVolume);
        k.put("awsElasticBlockStore", Volume::getAwsElasticBlockStore);
        k.put("gcePersistentDisk", Volume::getGcePersistentDisk);
        k.put("azureDisk", Volume::getAzureDisk);
        k.put("azureFile", Volume::getAzureFile);
        k.put("cinder", Volume::getCinder);
        k.put("vsphereVolume", Volume::getVsphereVolume);
        k.put("portworxVolume", Volume::getPortworxVolume);
        k.put("photonPersistentDisk", Volume::getPhotonPersistentDisk);
        k.put("quobyte", Volume::getQuobyte);
        k.put("scaleIO", Volume::getScaleIO);
        k.put("storageos", Volume::getStorageos);
        k.put("flocker", Volume::getFlocker);
        return Collections.unmodifiableMap(k);
    }
}
