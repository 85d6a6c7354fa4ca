package io.kubensbench.bench.sampling;

/**
 * A process a sampler follows, under the role it plays in the measurement ({@code systemd},
 * {@code kubelet}, {@code harness}, or {@code target} for an arbitrary PID).
 *
 * @param countMounts whether to count the mounts its namespace holds and read its mount
 *                    namespace identity (systemd, kubelet)
 */
public record Watched(String role, long pid, boolean countMounts) {

    public static final String SYSTEMD = "systemd";
    public static final String KUBELET = "kubelet";
    public static final String HARNESS = "harness";
    public static final String TARGET = "target";
}
