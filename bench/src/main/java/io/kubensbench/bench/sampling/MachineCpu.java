package io.kubensbench.bench.sampling;

/**
 * Whole-machine CPU ticks at one instant (OSHI's system load ticks, summed over CPUs), so a
 * run can show what else the machine was doing.
 */
public record MachineCpu(long busyTicks, long totalTicks) {

    /** Busy share of all CPUs between this reading and a later one. */
    public double busyShareUntil(MachineCpu later) {
        long total = later.totalTicks - totalTicks;
        return total <= 0 ? 0 : (double) (later.busyTicks - busyTicks) / total;
    }
}
