package io.kubensbench.workloads.mounts;

/**
 * The kinds of host mount a pod causes. The file system type is what
 * {@code /proc/self/mountinfo} shows, which is how a probe tells them apart.
 */
public enum MountKind {
    /** A secret, projected, downwardAPI or memory emptyDir volume (kubelet). */
    TMPFS_VOLUME("tmpfs"),
    /** A container's root file system (CRI-O, containers/storage overlay driver). */
    OVERLAY_ROOTFS("overlay"),
    /**
     * The pod sandbox's root file system: its infra (pause image) storage container, which
     * CRI-O mounts even when it drops the infra container (containers/storage overlay driver).
     */
    SANDBOX_ROOTFS("overlay"),
    /** The pod's {@code /dev/shm} (CRI-O). */
    SANDBOX_SHM("tmpfs"),
    /** A namespace kept alive by a bind mount of its nsfs file (CRI-O pinns). */
    NSFS_PIN("nsfs");

    private final String fsType;

    MountKind(String fsType) {
        this.fsType = fsType;
    }

    public String fsType() {
        return fsType;
    }
}
