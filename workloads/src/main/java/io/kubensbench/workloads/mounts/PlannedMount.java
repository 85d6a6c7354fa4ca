package io.kubensbench.workloads.mounts;

import java.util.Objects;

/**
 * One host mount a pod causes.
 *
 * @param kind   what creates it and which file system it is
 * @param target absolute host path of the mount point
 * @param detail what identifies it within its kind: the volume plugin directory
 *               ({@code kubernetes.io~secret}) for {@link MountKind#TMPFS_VOLUME}, the
 *               container id for {@link MountKind#OVERLAY_ROOTFS}, the sandbox id for
 *               {@link MountKind#SANDBOX_ROOTFS} and {@link MountKind#SANDBOX_SHM}, the
 *               namespace type ({@code net}, {@code ipc}, {@code uts}) for
 *               {@link MountKind#NSFS_PIN}
 */
public record PlannedMount(MountKind kind, String target, String detail) {

    public PlannedMount {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        if (target == null || !target.startsWith("/")) {
            throw new IllegalArgumentException(
                    "mount target must be an absolute path (got " + target + ")");
        }
    }
}
