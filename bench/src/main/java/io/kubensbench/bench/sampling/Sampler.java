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
public final class Sampler {

    private final ProcfsSampler procfs;
    private final OshiSampler oshi;
    private final MountCounter mounts;
    private final List<Watched> watched;
    /** Default share of one core the harness may spend counting mounts. */
    public static final double MOUNT_BUDGET = 0.002;

    private final int mountEvery;
    private final double mountBudget;
    private long seq;
    private long nextMountCountNs;
    private long mountCounts;

    /**
     * @param mountBudget share of one core mount counting may use; 0 for no limit
     */
    public Sampler(ProcfsSampler procfs, OshiSampler oshi, MountCounter mounts, List<Watched> watched, int mountEvery,
                   double mountBudget) {
        if (mountEvery < 1) {
            throw new IllegalArgumentException("mountEvery must be at least 1 (got " + mountEvery + ")");
        }
        if (mountBudget < 0 || mountBudget > 1) {
            throw new IllegalArgumentException("mountBudget must be between 0 and 1 (got " + mountBudget + ")");
        }
        this.mountBudget = mountBudget;
        this.procfs = procfs;
        this.oshi = oshi;
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

    /** How many samples so far counted mounts. */
    public long mountCounts() {
        return mountCounts;
    }

    /** Takes the next sample. */
    public Sample next() {
        long now = System.nanoTime();
        long wall = System.currentTimeMillis();
        boolean countMounts = seq % mountEvery == 0 && now >= nextMountCountNs;
        List<ProcessReading> readings = new ArrayList<>(watched.size());
        for (Watched w : watched) {
            readings.add(read(w, countMounts));
        }
        if (countMounts) {
            long cost = System.nanoTime() - now;
            nextMountCountNs = mountBudget == 0 ? now : now + (long) (cost / mountBudget);
            mountCounts++;
        }
        MachineCpu machine = oshi == null ? null : oshi.machine();
        return new Sample(seq++, now, wall, machine, readings);
    }

    private ProcessReading read(Watched w, boolean countMounts) {
        try {
            ProcessCpu cpu = procfs.read(w.pid());
            long n = w.countMounts() && countMounts ? mounts.count(w.pid()) : -1;
            String ns = w.countMounts() ? mounts.mntNs(w.pid()) : null;
            return new ProcessReading(w.role(), w.pid(), cpu, n, ns, null);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new ProcessReading(w.role(), w.pid(), null, -1, null, why);
        }
    }
}
