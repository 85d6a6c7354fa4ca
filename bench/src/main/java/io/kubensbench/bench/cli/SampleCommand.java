package io.kubensbench.bench.cli;

import io.kubensbench.bench.sampling.CpuAccumulator;
import io.kubensbench.bench.sampling.CpuTotals;
import io.kubensbench.bench.sampling.MachineCpu;
import io.kubensbench.bench.sampling.MountCounter;
import io.kubensbench.bench.sampling.OshiSampler;
import io.kubensbench.bench.sampling.ProcessGoneException;
import io.kubensbench.bench.sampling.ProcfsSampler;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.Sampler;
import io.kubensbench.bench.sampling.SamplingLoop;
import io.kubensbench.bench.sampling.Watched;
import io.kubensbench.bench.sampling.format.SampleWriter;
import io.kubensbench.workloads.time.Durations;
import java.io.FilterWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench sample}: the standalone sampler, a pidstat that reads exact counters,
 * detects restarts and reboots, proves the mount namespace on every row, and says what
 * observing cost.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Sample a process's CPU (schedstat, stat, OSHI), mounts and mount namespace; "
                + "the summary goes to stderr.")
final class SampleCommand implements Callable<Integer> {

    private static final int WARM_UP_SAMPLES = 400;
    private static final long WARM_UP_SETTLE_MS = 300;

    @Spec
    CommandSpec spec;

    static final class Target {
        @Option(names = "--pid", description = "The process to sample.")
        Long pid;

        @Option(names = "--systemd", description = "PID 1: on a node, systemd; inside the lab (lab shell), the lab node's systemd.")
        boolean systemd;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target;

    @Option(names = "--interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "Time between samples (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to sample (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--format", defaultValue = "csv", description = "csv or jsonl (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--mounts-every", defaultValue = "1",
            description = "Count mounts every N-th sample (default ${DEFAULT-VALUE}); counting costs more with more mounts.")
    int mountsEvery;

    @Option(names = "--out", description = "Write samples to this file instead of stdout.")
    Path out;

    @Override
    public Integer call() throws Exception {
        validate();
        boolean systemd = target == null || target.systemd;
        long pid = systemd ? 1 : target.pid;
        try (ProcfsSampler procfs = ProcfsSampler.system()) {
            return sample(pid, systemd, procfs);
        }
    }

    private int sample(long pid, boolean systemd, ProcfsSampler procfs) throws Exception {
        try {
            procfs.read(pid);
        } catch (ProcessGoneException e) {
            throw new IllegalArgumentException("there is no process " + pid);
        }
        String role = systemd ? Watched.SYSTEMD : Watched.TARGET;
        List<Watched> watched = List.of(new Watched(role, pid, true),
                new Watched(Watched.HARNESS, ProcessHandle.current().pid(), false));
        OshiSampler oshi = new OshiSampler();
        Sampler sampler = new Sampler(procfs, new MountCounter(Path.of("/proc")), watched, mountsEvery,
                Sampler.MOUNT_BUDGET);
        AtomicBoolean stop = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stop.set(true);
            main.interrupt();
            try {
                main.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter err = spec.commandLine().getErr();
        try (Writer w = out == null ? new NonClosingWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            SampleWriter writer = SampleWriter.forName(format, w);
            warmUp(sampler);
            long oshiBefore = oshi.processCpuMillis(pid);
            MachineCpu oshiMachineBefore = oshi.machine();
            Sample[] edges = new Sample[2];
            CpuAccumulator acc = new SamplingLoop(sampler, interval).run(duration, stop::get, step -> {
                edges[0] = edges[0] == null ? step.sample() : edges[0];
                edges[1] = step.sample();
                writer.write(step);
            });
            long oshiAfter = oshi.processCpuMillis(pid);
            MachineCpu oshiMachineAfter = oshi.machine();
            summarize(err, acc, role, oshiBefore < 0 || oshiAfter < 0 ? -1 : oshiAfter - oshiBefore);
            if (edges[0] != null && edges[0].machine() != null && edges[1].machine() != null) {
                err.printf(Locale.ROOT, "machine: %.1f%% of all CPUs busy (OSHI %.1f%%)%n",
                        100 * edges[0].machine().busyShareUntil(edges[1].machine()),
                        100 * oshiMachineBefore.busyShareUntil(oshiMachineAfter));
            }
            err.printf(Locale.ROOT, "mounts counted in %d of %d samples (at most every %d, within %.1f%% of a core)%n",
                    sampler.mountCounts(), acc.samples(), mountsEvery, 100 * Sampler.MOUNT_BUDGET);
        } finally {
            if (!stop.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return Main.OK;
    }

    /**
     * Runs the sampling path a few hundred times before the window so the JIT compiles it:
     * at one sample a second it would otherwise stay interpreted, and the observer would cost
     * several times more than it needs to. Costs a fraction of a second of CPU, outside the
     * window.
     */
    private void warmUp(Sampler sampler) throws Exception {
        Sampler quiet = sampler.withoutMounts();
        SampleWriter sink = SampleWriter.forName(format, Writer.nullWriter());
        CpuAccumulator acc = new CpuAccumulator(sampler.procfs().ticksPerSecond());
        for (int i = 0; i < WARM_UP_SAMPLES; i++) {
            Sample s = quiet.next();
            sink.write(new SamplingLoop.Step(s, acc.add(s), 0));
        }
        sampler.calibrateMountCost();
        // Let the compilations the warm-up queued finish before the window opens.
        Thread.sleep(WARM_UP_SETTLE_MS);
    }

    private void validate() {
        if (target != null && target.pid != null && target.pid < 1) {
            throw new IllegalArgumentException("--pid must be a positive process id (got " + target.pid + ")");
        }
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("--interval must be at least 10ms (got " + Durations.exact(interval) + ")");
        }
        if (duration.compareTo(interval) < 0) {
            throw new IllegalArgumentException("--duration must be at least one --interval");
        }
        if (mountsEvery < 1) {
            throw new IllegalArgumentException("--mounts-every must be at least 1 (got " + mountsEvery + ")");
        }
        SampleWriter.forName(format, Writer.nullWriter());
    }

    /**
     * One line per role. OSHI's figure for the sampled process is read once before and once
     * after the window (a per-sample OSHI query would cost more than the rest of the sample).
     */
    /** Lets the samples go to the command's stdout without closing it. */
    private static final class NonClosingWriter extends FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }

    static void summarize(PrintWriter err, CpuAccumulator acc, String crossChecked, long oshiMillis) {
        for (CpuTotals t : acc.totals().values()) {
            String oshi = !t.role().equals(crossChecked) || oshiMillis < 0 || t.elapsedNs() == 0 ? ""
                    : String.format(Locale.ROOT, ", OSHI %.1f%%", 100 * oshiMillis * 1e6 / t.elapsedNs());
            String resets = t.resets() == 0 ? "" : "; " + t.resets() + " interval(s) dropped: " + t.lastReset();
            err.printf(Locale.ROOT, "%s pid %d (%s): %.1f%% of one core over %.2f s (schedstat), stat %.1f%%%s%s%n",
                    t.role(), t.pid(), t.comm(), 100 * t.schedCores(), t.elapsedNs() / 1e9, 100 * t.statCores(),
                    oshi, resets);
        }
        err.flush();
    }
}
