package io.kubensbench.bench.sampling;

/**
 * The CPU a process consumed between two readings of the same process, from counter deltas:
 * exact, whatever happened between the readings.
 */
public record CpuInterval(long elapsedNs, long schedNs, long statTicks, long ticksPerSecond) {

    /**
     * The interval between two readings, or null when they are not of one process lifetime
     * (restart, reboot, counters reset): a reset is never a negative or huge rate.
     */
    public static CpuInterval between(ProcessCpu a, ProcessCpu b, long elapsedNs, long ticksPerSecond) {
        if (a.resetReason(b) != null || elapsedNs <= 0) {
            return null;
        }
        return new CpuInterval(elapsedNs, b.schedNs() - a.schedNs(), b.statTicks() - a.statTicks(), ticksPerSecond);
    }

    /** Share of one core, from schedstat. */
    public double schedCores() {
        return (double) schedNs / elapsedNs;
    }

    /** Share of one core, from stat ticks (resolution one tick). */
    public double statCores() {
        return statTicks * 1e9 / ticksPerSecond / elapsedNs;
    }
}
