package io.kubensbench.bench.estimate;

import io.kubensbench.analysis.model.Load;
import io.kubensbench.workloads.mounts.PodMountCount;

/**
 * One node's load as its pods imply it, with encapsulation off: what the load models take,
 * and every count behind it, so that an output can show how the figure was made.
 *
 * @param node           the node's name
 * @param pods           pods bound to the node
 * @param runningPods    of which Running, the only ones with mounts
 * @param podMounts      the running pods' mounts in PID 1's table, by where they come from
 * @param baseMounts     mounts with no pods, added to every node
 * @param startedPods    pods started within the window (not Pending)
 * @param startedMounts  the mounts setting those up made
 * @param restarts       containers whose last run finished within the window
 * @param windowSeconds  the window's length
 */
public record NodeLoad(String node, int pods, int runningPods, PodMountCount podMounts, double baseMounts,
                       int startedPods, long startedMounts, int restarts, double windowSeconds) {

    /** Mounts in PID 1's table with encapsulation off: the base and the pods'. */
    public double mounts() {
        return baseMounts + podMounts.total();
    }

    /**
     * Mount events a second over the window: each mount set up in it and each restarted
     * container's rootfs taken down and set up again, doubled for the steady state (every
     * setup torn down once within such a window).
     */
    public double eventsPerSecond() {
        return (2.0 * startedMounts + 2.0 * restarts) / windowSeconds;
    }

    public Load load() {
        return new Load(mounts(), eventsPerSecond());
    }
}
