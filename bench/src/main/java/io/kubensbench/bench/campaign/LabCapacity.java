package io.kubensbench.bench.campaign;

import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How big a workload a lab node can hold. The kernel refuses a mount beyond
 * {@code fs.mount-max} mounts in one namespace (ENOSPC), and with encapsulation off all the
 * workload's mounts share systemd's namespace, so a level beyond that would fail half-way
 * through a campaign; refusing it when the file is read costs the user nothing.
 *
 * <p>A cluster node has other limits (pods per node, the kubelet's volume limits) and will
 * get a class of its own.
 */
public final class LabCapacity {

    /** The kernel's default {@code fs.mount-max}; used when the sysctl cannot be read. */
    public static final long DEFAULT_MOUNT_MAX = 100_000;
    /** Mounts the lab node has before any pod: the host's view, /proc, /sys, cgroups, /run, ... */
    public static final long NODE_MOUNTS = 1_000;
    /**
     * The kubelet stand-in keeps pods in one process and mounts them one by one; beyond this
     * deploying takes longer than a typical measure window. Matches {@code lab verify --pods}.
     */
    public static final int MAX_PODS = 5_000;

    static final Path MOUNT_MAX = Path.of("/proc/sys/fs/mount-max");

    private final long mountMax;

    public LabCapacity(long mountMax) {
        if (mountMax <= NODE_MOUNTS) {
            throw new IllegalArgumentException(
                    "mount-max must be more than " + NODE_MOUNTS + " (got " + mountMax + ")");
        }
        this.mountMax = mountMax;
    }

    /** This machine's limit, from {@code /proc/sys/fs/mount-max}. */
    public static LabCapacity ofThisMachine() {
        return readFrom(MOUNT_MAX);
    }

    /** The limit in a {@code mount-max} file, or {@link #DEFAULT_MOUNT_MAX} when it cannot be read. */
    static LabCapacity readFrom(Path mountMaxFile) {
        try {
            long value = Long.parseLong(Files.readString(mountMaxFile, StandardCharsets.US_ASCII).strip());
            return new LabCapacity(value > NODE_MOUNTS ? value : DEFAULT_MOUNT_MAX);
        } catch (IOException | NumberFormatException e) {
            return new LabCapacity(DEFAULT_MOUNT_MAX);
        }
    }

    public long mountMax() {
        return mountMax;
    }

    /** Mounts a workload may add: the limit less what the node already has. */
    public long workloadMounts() {
        return mountMax - NODE_MOUNTS;
    }

    /**
     * Why a lab node cannot hold {@code workload}, as the problem of its {@code pods} field, or
     * empty when it can.
     */
    public Optional<String> refusal(WorkloadSpec workload) {
        int perPod = new MountPlan(workload).mountsPerPod();
        long mounts = (long) workload.pods() * perPod;
        if (mounts > workloadMounts()) {
            return Optional.of(workload.pods() + " pods x " + perPod + " mounts = " + mounts
                    + " mounts, more than a lab node holds (mount-max " + mountMax + ")");
        }
        if (workload.pods() > MAX_PODS) {
            return Optional.of("must be at most " + MAX_PODS + " on a lab node (got " + workload.pods() + ")");
        }
        return Optional.empty();
    }
}
