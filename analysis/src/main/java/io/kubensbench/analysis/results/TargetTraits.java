package io.kubensbench.analysis.results;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a campaign's target can do and how it measures, stated once: the runner and the CLI
 * decide from this (never from which class the target is), and the results directory keeps
 * it, so a reader knows what each record field meant where the campaign ran. It lives with
 * the results format because it is part of that contract; bench's targets produce it.
 *
 * @param kind               {@code lab} or {@code cluster}
 * @param armSwitching       how the encapsulation state changes between arms
 * @param runOverheadSeconds what a run costs besides warm-up, measure and deploying its
 *                           pods (switching or proving the arm, settling, tear-down), for
 *                           estimates; a lower bound where the target cannot know better
 * @param idleCores          systemd counts as idle below this share of a core before a run;
 *                           a run that starts above it after {@code settleLimitSeconds} is
 *                           recorded invalid
 * @param settleLimitSeconds how long a run waits for systemd to go idle before it starts
 * @param mountEvents        where a record's mount events come from
 * @param harnessCpu         what the record's harness CPU is on this target
 * @param stopLimitSeconds   how long Ctrl-C waits for the current run and the tear-down
 * @param cleanupAfterKill   what to do after the harness was killed ({@code kill -9})
 */
public record TargetTraits(
        String kind, ArmSwitching armSwitching, double runOverheadSeconds, double idleCores,
        double settleLimitSeconds, MountEvents mountEvents, String harnessCpu, double stopLimitSeconds,
        String cleanupAfterKill) {

    /** How arms change the nodes' encapsulation state. */
    public enum ArmSwitching {
        /** The harness starts or stops encapsulation itself, in seconds (the lab). */
        IN_PLACE,
        /** A MachineConfig rollout: every node of the pool drains and reboots. */
        ROLLOUT,
        /** Someone switches the nodes; the harness only checks the state, one arm per invocation. */
        BY_HAND
    }

    /** Where the record's mount events come from. */
    public enum MountEvents {
        /** Mounts and unmounts made by the workload, counted where they are made (the lab's kubelet stand-in). */
        COUNTED,
        /**
         * Derived from the pods the workload replaced (pods x 2 x mounts per pod): how cluster
         * campaigns counted before the probe counted PID 1's table; kept so their results read.
         */
        DERIVED,
        /**
         * Changes of PID 1's mount table, counted on the node by the probe: whatever made
         * them, the campaign's pods or anyone else's, and only those systemd sees.
         */
        TABLE_CHANGES
    }

    /** {@code runOverheadSeconds} as a duration, for estimates. */
    public Duration runOverhead() {
        return Duration.ofMillis(Math.round(runOverheadSeconds * 1000));
    }

    /** Whether a campaign's arms can run in one invocation. */
    public boolean switchesItself() {
        return armSwitching != ArmSwitching.BY_HAND;
    }

    /**
     * What each record field of {@code runs.jsonl} means on this target, for the results
     * directory's own description; fields that mean the same everywhere are included so a
     * reader needs nothing else.
     */
    public Map<String, String> fieldMeanings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("measureNs", "wall time of the measure window, on the node's monotonic clock");
        m.put("systemdSchedNs", "CPU time of systemd (PID 1 of the node) over the window, from /proc/PID/schedstat");
        m.put("systemdStatTicks", "the same from utime+stime in /proc/PID/stat, in clock ticks (ticksPerSecond)");
        m.put("kubeletSchedNs", kind.equals("lab")
                ? "CPU time of the kubelet stand-in that makes the pods' mounts"
                : "CPU time of the node's kubelet");
        m.put("harnessSchedNs", "CPU time of " + harnessCpu);
        m.put("mountEvents", switch (mountEvents) {
            case COUNTED -> "mounts plus unmounts the workload made during the window, counted by the kubelet stand-in";
            case DERIVED -> "pods replaced during the window x 2 x the mount plan's mounts per pod, derived from API counts";
            case TABLE_CHANGES -> "lines of PID 1's /proc/1/mountinfo that appeared plus those that disappeared between"
                    + " the probe's counts on the node, from the last count at or before the window's start to the"
                    + " last at or before its end (a mount made and removed between two counts is not seen; with"
                    + " encapsulation on, the pods' mounts are not in PID 1's table); -1 when the probe could not count"
                    + " them";
        });
        m.put("mountEventsNs", mountEvents == MountEvents.TABLE_CHANGES
                ? "the node time between those two counts, over which mountEvents were counted (0: no count after"
                        + " the window's start, so no rate)"
                : "not recorded: mountEvents cover the measure window");
        m.put("systemdMounts", "mounts in systemd's mount namespace at the end of the window");
        m.put("kubeletMounts", "mounts in the kubelet's mount namespace at the end of the window");
        m.put("expectedSystemdMounts", kind.equals("lab")
                ? "the node's mounts without pods (as first seen in the arm's state) plus, with encapsulation off,"
                        + " the level's pods by the mount plan"
                : "not checked: a cluster node also holds other pods' mounts");
        m.put("expectedKubeletMounts", kind.equals("lab")
                ? "the kubelet's mounts without pods (as first seen in the arm's state) plus the level's pods"
                : "not checked");
        m.put("mountTolerance", "how far a count may be off for pods being replaced when it is read:"
                + " a second's churn (at least one pod) by the mount plan, 0 without churn");
        m.put("startCores", "systemd's share of a core just before the run, after settling (idle below "
                + idleCores + ")");
        m.put("segment", "the design segment the run was planned in: the stretch of consecutive runs of one arm,"
                + " from 0 (order aba: 0 and 2 the baseline's, 1 the candidate's)");
        m.put("prometheusCores", "systemd's CPU over the same window by the campaign's Prometheus, in cores: its query"
                + " (results.json, campaign.prometheus) for this node and the window's length, evaluated at the"
                + " window's end; null when no Prometheus was asked or it gave no figure");
        m.put("prometheusMissing", "why prometheusCores is null although a Prometheus was asked");
        return m;
    }
}
