package io.kubensbench.bench.estimate;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubensbench.workloads.mounts.LivePodMounts;
import io.kubensbench.workloads.mounts.PodMountCount;
import io.kubensbench.workloads.mounts.PodSpecMounts;
import io.kubensbench.workloads.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Counts a node's load from its pods: the mounts of those running now ({@link LivePodMounts})
 * and the churn of the last window. The API keeps no record of pods deleted meanwhile, so the
 * churn is inferred from what started: a pod whose {@code status.startTime} falls within the
 * window made its setup mounts then ({@link PodSpecMounts#setUp}), and a container whose last
 * run ({@code lastState.terminated.finishedAt}) ended within it had its rootfs taken down and
 * set up again. At a steady state as many setups are torn down as are made, so each counts
 * twice. A Pending pod has set nothing up and counts 0; only each container's last restart is
 * visible.
 */
public final class NodeLoads {

    private static final String PENDING = "Pending";

    private final Instant now;
    private final Duration window;
    private final double baseMounts;

    /**
     * @param now        the end of the window
     * @param window     how far back pods started and containers restarted count as churn
     * @param baseMounts mounts with no pods, added to every node
     */
    public NodeLoads(Instant now, Duration window, double baseMounts) {
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("--window must be longer than 0 (got "
                    + Durations.exact(window) + ")");
        }
        this.now = now;
        this.window = window;
        this.baseMounts = baseMounts;
    }

    public NodeLoad of(String node, List<Pod> pods) {
        PodMountCount mounts = PodMountCount.NONE;
        int running = 0;
        int started = 0;
        long startedMounts = 0;
        int restarts = 0;
        for (Pod pod : pods) {
            PodMountCount live = LivePodMounts.count(pod);
            mounts = mounts.plus(live);
            if (pod.getStatus() != null && LivePodMounts.RUNNING.equals(pod.getStatus().getPhase())) {
                running++;
            }
            if (pod.getStatus() != null && !PENDING.equals(pod.getStatus().getPhase())
                    && within(pod.getStatus().getStartTime())) {
                started++;
                startedMounts += PodSpecMounts.setUp(pod).total();
            }
            for (ContainerStatus s : LivePodMounts.statuses(pod)) {
                if (s.getLastState() != null && s.getLastState().getTerminated() != null
                        && within(s.getLastState().getTerminated().getFinishedAt())) {
                    restarts++;
                }
            }
        }
        return new NodeLoad(node, pods.size(), running, mounts, baseMounts, started, startedMounts, restarts,
                window.toMillis() / 1000.0);
    }

    /** Whether an API timestamp falls within the window; one that is missing or unreadable does not. */
    private boolean within(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return false;
        }
        try {
            Instant at = Instant.parse(timestamp);
            // Later than now counts too: the API server's clock may run ahead of this one.
            return !at.isBefore(now.minus(window));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
