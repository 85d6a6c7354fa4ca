package io.kubensbench.analysis.results;

import java.time.Duration;
import java.util.List;

/**
 * One switch of the nodes' encapsulation state that took time, a line of
 * {@code rollouts.jsonl}: on a cluster switched by MachineConfig, a rollout that drained and
 * rebooted whole pools. Rollouts, not runs, decide how long a cluster campaign takes, so each
 * one's real duration is kept: the campaign's remaining-time estimate uses it instead of the
 * rule of thumb, and a reader sees what every switch cost and whether it finished.
 *
 * @param run            the plan's index of the run that needed it; null for one made after the
 *                       runs (putting encapsulation back with {@code --restore})
 * @param from           the state before: {@code off}, {@code on}, or {@code mixed} (some of the
 *                       switched MachineConfigs there, some not)
 * @param to             the state switched to: {@code off} or {@code on}
 * @param startedAt      when the MachineConfigs were created or deleted (ISO-8601)
 * @param endedAt        when the wait for the pools ended
 * @param durationNs     from start to end, on the monotonic clock
 * @param machineConfigs the MachineConfigs created or deleted; empty when the switch only
 *                       waited for a rollout already under way
 * @param pools          the pools waited for, each with the nodes it reboots
 * @param nodes          nodes rebooted, over all pools
 * @param outcome        {@link #OK} (every pool reached the state), {@link #TIMEOUT},
 *                       {@link #STOPPED} (Ctrl-C) or {@link #FAILED} (a degraded or paused pool,
 *                       an API error)
 * @param detail         why it did not end {@code ok}; null when it did
 */
public record RolloutRecord(Integer run, String from, String to, String startedAt, String endedAt, long durationNs,
                            List<String> machineConfigs, List<Pool> pools, int nodes, String outcome,
                            String detail) {

    public static final String OK = "ok";
    public static final String TIMEOUT = "timeout";
    public static final String STOPPED = "stopped";
    public static final String FAILED = "failed";

    /** One pool a rollout went through, and how many nodes it rebooted. */
    public record Pool(String name, int nodes) {
    }

    public RolloutRecord {
        machineConfigs = machineConfigs == null ? List.of() : List.copyOf(machineConfigs);
        pools = pools == null ? List.of() : List.copyOf(pools);
    }

    /** Whether every pool reached the state: only such a rollout's duration says what one takes. */
    public boolean ok() {
        return OK.equals(outcome);
    }

    public Duration duration() {
        return Duration.ofNanos(durationNs);
    }

    /** The same rollout, known to have been needed by run {@code index}. */
    public RolloutRecord withRun(int index) {
        return new RolloutRecord(index, from, to, startedAt, endedAt, durationNs, machineConfigs, pools, nodes, outcome,
                detail);
    }
}
