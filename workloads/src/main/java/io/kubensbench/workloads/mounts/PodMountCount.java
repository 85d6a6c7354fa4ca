package io.kubensbench.workloads.mounts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The host mounts one pod puts into PID 1's table with encapsulation off, by where they come
 * from, so that an estimate can say which part is known from kubelet's and CRI-O's sources and
 * which is assumed.
 *
 * @param volumes    tmpfs volumes (secret, projected, downwardAPI, emptyDir {@code medium: Memory})
 * @param sandbox    the sandbox's shm, nsfs pins and rootfs overlay
 * @param containers one overlay rootfs per container counted
 * @param assumed    volumes of kinds whose mounts depend on their driver, assumed one mount
 *                   each: count by kind as the pod spec names it ({@code persistentVolumeClaim},
 *                   {@code csi}, ...)
 */
public record PodMountCount(int volumes, int sandbox, int containers, Map<String, Integer> assumed) {

    /** A pod with no mounts on the node: not running there, or not set up yet. */
    public static final PodMountCount NONE = new PodMountCount(0, 0, 0, Map.of());

    public PodMountCount {
        if (volumes < 0 || sandbox < 0 || containers < 0) {
            throw new IllegalArgumentException("mount counts must be >= 0 (got " + volumes + ", " + sandbox + ", "
                    + containers + ")");
        }
        assumed = Map.copyOf(Objects.requireNonNull(assumed, "assumed"));
    }

    /** Every mount, the assumed ones included. */
    public int total() {
        return volumes + sandbox + containers + assumedTotal();
    }

    /** The mounts assumed, one per volume of a driver-dependent kind. */
    public int assumedTotal() {
        return assumed.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** This count and {@code other} together. */
    public PodMountCount plus(PodMountCount other) {
        Map<String, Integer> both = new LinkedHashMap<>(assumed);
        other.assumed.forEach((kind, n) -> both.merge(kind, n, Integer::sum));
        return new PodMountCount(volumes + other.volumes, sandbox + other.sandbox, containers + other.containers,
                both);
    }
}
