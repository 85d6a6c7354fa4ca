package io.kubensbench.bench.cluster;

import io.kubensbench.workloads.time.Durations;
import java.time.Duration;

/**
 * How long a MachineConfig rollout takes and how long kubens-bench waits for one, both from
 * the number of nodes it reboots. The operator drains and reboots one node at a time per
 * pool (its default {@code maxUnavailable} of 1) and the pools in parallel, so the largest
 * pool sets the time. A fixed timeout would be too short for a pool of twenty and far too
 * long to notice a stuck pool of two.
 */
public final class RolloutTime {

    /** Rendering the config and starting the first node. */
    public static final Duration RENDER_ESTIMATE = Duration.ofMinutes(2);
    /** A typical node: drain, reboot, rejoin. Bare metal that takes long to boot needs more. */
    public static final Duration PER_NODE_ESTIMATE = Duration.ofMinutes(10);
    /** The timeout's fixed part, for rendering and for an API server that reboots with the masters. */
    public static final Duration BASE_ALLOWANCE = Duration.ofMinutes(10);
    /** What the timeout allows per node of the largest pool: twice the typical node. */
    public static final Duration PER_NODE_ALLOWANCE = Duration.ofMinutes(20);

    private RolloutTime() {
    }

    /** About how long a rollout over pools whose largest has {@code nodes} nodes takes. */
    public static Duration estimate(int nodes) {
        return RENDER_ESTIMATE.plus(PER_NODE_ESTIMATE.multipliedBy(Math.max(0, nodes)));
    }

    /** How long to wait for such a rollout before giving up: {@link #BASE_ALLOWANCE} + {@link #PER_NODE_ALLOWANCE} per node. */
    public static Duration timeout(int nodes) {
        return BASE_ALLOWANCE.plus(PER_NODE_ALLOWANCE.multipliedBy(Math.max(1, nodes)));
    }

    /** How the timeout is made up, for messages: {@code 10m + 20m per node of the largest pool}. */
    public static String timeoutRule() {
        return Durations.exact(BASE_ALLOWANCE) + " + " + Durations.exact(PER_NODE_ALLOWANCE)
                + " per node of the largest pool";
    }

    /** How the estimate is made up, for messages: {@code 2m + 10m per node of the largest pool}. */
    public static String estimateRule() {
        return Durations.exact(RENDER_ESTIMATE) + " + " + Durations.exact(PER_NODE_ESTIMATE)
                + " per node of the largest pool";
    }
}
