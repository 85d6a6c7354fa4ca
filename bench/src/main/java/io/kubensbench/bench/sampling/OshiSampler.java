package io.kubensbench.bench.sampling;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The same process figures through OSHI, the portable library most JVM tools use: a second,
 * independent reading of user+kernel time to cross-check ours, and whole-machine CPU.
 */
public final class OshiSampler {

    private final OperatingSystem os;
    private final CentralProcessor cpu;

    public OshiSampler() {
        SystemInfo si = new SystemInfo();
        this.os = si.getOperatingSystem();
        this.cpu = si.getHardware().getProcessor();
    }

    /** User + kernel time in milliseconds, or -1 when the process is gone. */
    public long processCpuMillis(long pid) {
        OSProcess p = os.getProcess((int) pid);
        return p == null ? -1 : p.getUserTime() + p.getKernelTime();
    }

    /** Whole-machine busy and total ticks now. */
    public MachineCpu machine() {
        long[] t = cpu.getSystemCpuLoadTicks();
        long total = 0;
        for (long v : t) {
            total += v;
        }
        long idle = t[CentralProcessor.TickType.IDLE.getIndex()] + t[CentralProcessor.TickType.IOWAIT.getIndex()];
        return new MachineCpu(total - idle, total);
    }
}
