package io.kubensbench.bench.sampling;

/**
 * A role's CPU over a whole sampling window: the sum of its valid intervals, and how many
 * intervals were dropped because the process restarted or the node rebooted.
 */
public record CpuTotals(String role, long pid, String comm, long elapsedNs, long schedNs, long statTicks,
                        long ticksPerSecond, int resets, String lastReset) {

    public double schedCores() {
        return elapsedNs == 0 ? 0 : (double) schedNs / elapsedNs;
    }

    public double statCores() {
        return elapsedNs == 0 ? 0 : statTicks * 1e9 / ticksPerSecond / elapsedNs;
    }
}
