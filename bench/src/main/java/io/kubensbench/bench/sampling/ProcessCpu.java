package io.kubensbench.bench.sampling;

/**
 * One process's CPU counters at one instant, with what identifies that process across time:
 * the boot id and its start time. Two readings are comparable only when both match.
 *
 * @param statTicks utime + stime from /proc/PID/stat, in clock ticks
 * @param schedNs   on-CPU time from /proc/PID/schedstat, in nanoseconds
 */
public record ProcessCpu(long pid, String comm, String bootId, long startTimeTicks, long statTicks, long schedNs) {

    /** Why {@code later} cannot be subtracted from this reading, or null when it can. */
    public String resetReason(ProcessCpu later) {
        if (!bootId.equals(later.bootId)) {
            return "the node rebooted (boot id " + bootId + " -> " + later.bootId + ")";
        }
        if (pid != later.pid || startTimeTicks != later.startTimeTicks) {
            return "process " + later.pid + " restarted (start time " + startTimeTicks + " -> "
                    + later.startTimeTicks + " ticks)";
        }
        if (later.statTicks < statTicks || later.schedNs < schedNs) {
            return "process " + pid + "'s counters went backwards";
        }
        return null;
    }
}
