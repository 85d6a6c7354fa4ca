package io.kubensbench.workloads.spec;

/**
 * The volume kinds a workload pod carries, and the names its volumes get.
 *
 * <p>The names live here, not in the pod factory or the mount plan, because kubelet names
 * each volume's host directory after the volume
 * ({@code .../volumes/kubernetes.io~secret/secret-0}): the pods created on a cluster and the
 * mount plan the lab realises must use the same names for a probe's observed mounts to match
 * the plan. The projected volume is named like the
 * service-account token volume the API server would inject ({@code kube-api-access-N}), so
 * the lab's mount table reads like a real node's.
 */
public enum VolumeKind {
    SECRET("secret"),
    PROJECTED("kube-api-access"),
    CONFIG_MAP("configmap"),
    EMPTY_DIR_MEMORY("empty-dir-memory"),
    DOWNWARD_API("downward-api"),
    EMPTY_DIR_DISK("empty-dir-disk");

    private final String namePrefix;

    VolumeKind(String namePrefix) {
        this.namePrefix = namePrefix;
    }

    /** The pod-level volume name of the {@code index}-th volume of this kind (0-based). */
    public String volumeName(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("volume index must be >= 0 (got " + index + ")");
        }
        return namePrefix + "-" + index;
    }
}
