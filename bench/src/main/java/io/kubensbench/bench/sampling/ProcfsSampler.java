package io.kubensbench.bench.sampling;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a process's CPU counters straight from /proc: two small reads (stat and schedstat)
 * per sample, no process listing, no parsing of anything else. That is what keeps one sample
 * in the tens of microseconds and the observer's own CPU negligible.
 *
 * <p>schedstat is per thread. For a single-threaded process (systemd) the file is the whole
 * process; for a multi-threaded one the on-CPU figure comes from the kernel's process CPU
 * clock instead, the same accounting summed over all its threads.
 *
 * <p>Not for sharing between threads: it keeps its read buffer and open files; one per sampling thread.
 */
public final class ProcfsSampler implements AutoCloseable {

    private final Path proc;
    private final String bootId;
    private final long ticksPerSecond;
    private final ProcessCpuClock clock = new ProcessCpuClock();
    /** One read buffer and the open files, reused: a sampler belongs to one thread. */
    private final byte[] buffer = new byte[4096];
    private final Map<String, RandomAccessFile> open = new HashMap<>();

    public ProcfsSampler(Path proc, String bootId, long ticksPerSecond) {
        this.proc = proc;
        this.bootId = bootId;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** A sampler of this machine's /proc. */
    public static ProcfsSampler system() throws IOException {
        return new ProcfsSampler(Path.of("/proc"), readBootId(Path.of("/proc")), ClockTicks.perSecond());
    }

    /** The kernel's boot id: a reboot between two samples changes it. */
    public static String readBootId(Path proc) throws IOException {
        return Files.readString(proc.resolve("sys/kernel/random/boot_id")).strip();
    }

    public long ticksPerSecond() {
        return ticksPerSecond;
    }

    public String bootId() {
        return bootId;
    }

    /** The counters of one process now; {@link ProcessGoneException} when it has exited. */
    /**
     * Reads a small /proc file into the reusable buffer; returns its length. The file stays
     * open and is re-read from offset 0 next time (the kernel regenerates it), which halves
     * the cost of a sample. An open file keeps pointing at the process it was opened for, so
     * a PID reused by another process reads as gone, never as the newcomer.
     */
    private int readInto(String file) throws IOException {
        RandomAccessFile f = open.get(file);
        if (f == null) {
            try {
                f = new RandomAccessFile(file, "r");
            } catch (FileNotFoundException e) {
                throw new NoSuchFileException(file);
            }
            open.put(file, f);
        }
        try {
            f.seek(0);
            int n = 0;
            int r;
            while (n < buffer.length && (r = f.read(buffer, n, buffer.length - n)) > 0) {
                n += r;
            }
            if (n == 0) {
                throw new NoSuchFileException(file);
            }
            return n;
        } catch (IOException e) {
            forget(file);
            throw e instanceof NoSuchFileException ? e : new NoSuchFileException(file);
        }
    }

    private void forget(String file) {
        RandomAccessFile f = open.remove(file);
        if (f != null) {
            try {
                f.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    /** Closes the files kept open for fast re-reads. */
    @Override
    public void close() {
        for (String file : List.copyOf(open.keySet())) {
            forget(file);
        }
    }

    /**
     * Whole-machine CPU from the first line of /proc/stat (user nice system idle iowait irq
     * softirq steal, in ticks): idle and iowait are not busy. Only that line is parsed; the
     * rest of the file (per-CPU and interrupt counters) is what makes a general parser slow.
     */
    public MachineCpu machine() throws IOException {
        int n = readInto(proc + "/stat");
        long busy = 0;
        long total = 0;
        int i = 0;
        while (i < n && buffer[i] != ' ') {
            i++;
        }
        for (int field = 0; field < 8; field++) {
            while (i < n && buffer[i] == ' ') {
                i++;
            }
            long v = 0;
            while (i < n && buffer[i] >= '0' && buffer[i] <= '9') {
                v = v * 10 + (buffer[i++] - '0');
            }
            total += v;
            if (field != 3 && field != 4) {
                busy += v;
            }
        }
        return new MachineCpu(busy, total);
    }

    public ProcessCpu read(long pid) throws IOException {
        String dir = proc + "/" + pid;
        try {
            ProcStat stat = ProcStat.parse(buffer, readInto(dir + "/stat"));
            long onCpu = stat.threads() == 1
                    ? SchedStat.parse(buffer, readInto(dir + "/schedstat")).onCpuNs()
                    : clock.nanos(pid);
            return new ProcessCpu(pid, stat.comm(), bootId, stat.startTimeTicks(), stat.cpuTicks(), onCpu);
        } catch (NoSuchFileException e) {
            throw new ProcessGoneException(pid);
        } catch (IOException e) {
            if (!Files.exists(Path.of(dir))) {
                throw new ProcessGoneException(pid);
            }
            throw e;
        }
    }
}
