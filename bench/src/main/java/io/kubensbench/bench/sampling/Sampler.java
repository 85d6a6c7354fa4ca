package io.kubensbench.bench.sampling;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes samples of the watched processes. CPU counters and namespace identities are read on
 * every sample. Mounts are counted at most every {@code mountEvery}-th sample and, because
 * the kernel's cost of listing a mount table grows faster than the table (measured: 0.1 ms
 * at 100 mounts, 1.4 ms at 1,000, 25 ms at 10,000), no more often than keeps that counting
 * within a budget of one core's time ({@link #MOUNT_BUDGET} by default). A process that has gone is reported in the
 * sample and does not stop the others.
 */
public final class Sampler implements SampleSource {

    private final ProcfsSampler procfs;
    private final MountCounter mounts;
    private final List<Watched> watched;
    /** Default share of one core the harness may spend counting mounts. */
    public static final double MOUNT_BUDGET = 0.002;

    private final int mountEvery;
    private final double mountBudget;
    private long seq;
    private long nextMountCountNs;
    private long mountCostNs = Long.MAX_VALUE;
    private long mountCounts;

    /**
     * @param mountBudget share of one core mount counting may use; 0 for no limit
     */
    public Sampler(ProcfsSampler procfs, MountCounter mounts, List<Watched> watched, int mountEvery,
                   double mountBudget) {
        if (mountEvery < 1) {
            throw new IllegalArgumentException("mountEvery must be at least 1 (got " + mountEvery + ")");
        }
        if (mountBudget < 0 || mountBudget > 1) {
            throw new IllegalArgumentException("mountBudget must be between 0 and 1 (got " + mountBudget + ")");
        }
        this.mountBudget = mountBudget;
        this.procfs = procfs;
        this.mounts = mounts;
        this.watched = List.copyOf(watched);
        this.mountEvery = mountEvery;
    }

    public ProcfsSampler procfs() {
        return procfs;
    }

    public List<Watched> watched() {
        return watched;
    }

    /** A sampler of the same processes that never counts mounts (for warming up the JIT). */
    public Sampler withoutMounts() {
        return new Sampler(procfs, mounts, watched.stream()
                .map(w -> new Watched(w.role(), w.pid(), false)).toList(), 1, 0);
    }

    /**
     * Counts mounts a few times (at most 10, or 200 ms) to learn their warm cost before the
     * window, so the budget does not start from a cold, slow first count.
     */
    public void calibrateMountCost() {
        long deadline = System.nanoTime() + 200_000_000L;
        for (int i = 0; i < 10 && System.nanoTime() < deadline; i++) {
            long t0 = System.nanoTime();
            for (Watched w : watched) {
                if (w.countMounts()) {
                    try {
                        mounts.count(w.pid());
                    } catch (IOException e) {
                        return;
                    }
                }
            }
            mountCostNs = Math.min(mountCostNs, System.nanoTime() - t0);
        }
    }

    /** How many samples so far counted mounts. */
    public long mountCounts() {
        return mountCounts;
    }

    @Override
    public long ticksPerSecond() {
        return procfs.ticksPerSecond();
    }

    /** Takes the next sample. */
    @Override
    public Sample next() {
        long now = System.nanoTime();
        long wall = System.currentTimeMillis();
        boolean countMounts = seq % mountEvery == 0 && now >= nextMountCountNs;
        List<ProcessReading> readings = new ArrayList<>(watched.size());
        for (Watched w : watched) {
            readings.add(read(w, countMounts));
        }
        if (countMounts) {
            // The cheapest count seen so far is the warm cost; the first one pays class loading.
            mountCostNs = Math.min(mountCostNs, System.nanoTime() - now);
            nextMountCountNs = mountBudget == 0 ? now : now + (long) (mountCostNs / mountBudget);
            mountCounts++;
        }
        MachineCpu machine;
        try {
            machine = procfs.machine();
        } catch (IOException e) {
            machine = null;
        }
        return new Sample(seq++, now, wall, machine, readings);
    }

    /** CPU first; a namespace that cannot be inspected still leaves the CPU reading. */
    private ProcessReading read(Watched w, boolean countMounts) {
        ProcessCpu cpu;
        try {
            cpu = procfs.read(w.pid());
        } catch (IOException | RuntimeException e) {
            return new ProcessReading(w.role(), w.pid(), null, -1, null, why(e));
        }
        if (!w.countMounts()) {
            return new ProcessReading(w.role(), w.pid(), cpu, -1, null, null);
        }
        try {
            long n = countMounts ? mounts.count(w.pid()) : -1;
            return new ProcessReading(w.role(), w.pid(), cpu, n, mounts.mntNs(w.pid()), null);
        } catch (IOException | RuntimeException e) {
            return new ProcessReading(w.role(), w.pid(), cpu, -1, null, why(e));
        }
    }

    private static String why(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "cannot read " + e.getMessage() + ": permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException && !(e instanceof ProcessGoneException)) {
            return "cannot read " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
