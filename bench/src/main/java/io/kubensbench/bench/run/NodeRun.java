package io.kubensbench.bench.run;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.plan.PlannedRun;
import io.kubensbench.bench.prometheus.PrometheusFigure;
import io.kubensbench.bench.sampling.CpuAccumulator;
import io.kubensbench.bench.sampling.CpuTotals;
import io.kubensbench.bench.sampling.MountEventWindow;
import io.kubensbench.bench.sampling.ProcessReading;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.bench.sampling.SamplingLoop;
import io.kubensbench.bench.sampling.Watched;
import io.kubensbench.bench.target.MountBase;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.bench.target.Settled;
import io.kubensbench.bench.target.Target;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One node's part of an attempt: its samples, its totals, and what invalidates it. */
final class NodeRun {

    private final RunContext context;
    private final PlannedRun run;
    private final String node;
    private final String attemptId;
    private final List<SampleRecord> samples = new ArrayList<>();
    private NamespaceIdentities ids;
    private MountBase.Expected expected;
    private CpuAccumulator measured;
    private long events;
    /** The node time the events were counted over, where the node counted them; null where the workload did. */
    private Long eventsNs;
    private final MountEventWindow window = new MountEventWindow();
    private long ticksPerSecond;
    private String invalid;
    private long t0;
    /** Maps the source's clock onto the harness's, fixed at the first sample of the run. */
    private long clockOffset;
    private boolean clockSet;
    /** When the harness kept the measure window's last sample, on the wall clock. */
    private Instant lastMeasureSampleAt;
    private PrometheusFigure prometheus;

    NodeRun(RunContext context, PlannedRun run, String node, String attemptId) {
        this.context = context;
        this.run = run;
        this.node = node;
        this.attemptId = attemptId;
    }

    /**
     * The measure window on the wall clock, for asking others about the same window: it ends
     * when the harness kept (on a cluster: received) its last sample and is as long as the
     * window the counters span. Null when nothing was measured.
     */
    Window window() {
        CpuTotals sd = measured == null ? null : measured.totals().get(Watched.SYSTEMD);
        if (sd == null || sd.elapsedNs() <= 0 || lastMeasureSampleAt == null) {
            return null;
        }
        return new Window(lastMeasureSampleAt.minusNanos(sd.elapsedNs()), lastMeasureSampleAt);
    }

    /** The measure window between two instants of the wall clock. */
    record Window(Instant start, Instant end) {
    }

    /** What Prometheus says about this node's window, recorded beside the harness's own figure. */
    void prometheus(PrometheusFigure figure) {
        prometheus = figure;
    }

    /** What this node's mount tables should hold during the run; null when the target cannot say. */
    void expect(MountBase.Expected mounts) {
        expected = mounts;
    }

    void prove(NamespaceIdentities found, Encapsulation state) {
        ids = found;
        if (found == null) {
            invalid("node " + node + " reported no namespace identities");
        } else if (!found.matches(state)) {
            invalid("the namespaces do not show encapsulation " + state.label() + " (systemd " + found.systemd()
                    + ", kubelet " + found.kubelet() + ", runtime " + found.runtime() + ")");
        }
    }

    void sample(SampleSource source, Target.Churn churn, boolean reportsProgress) throws Exception {
        ticksPerSecond = source.ticksPerSecond();
        SamplingLoop loop = new SamplingLoop(source, context.spec().sampling().interval());
        t0 = System.nanoTime();
        if (!context.spec().schedule().warmup().isZero()) {
            if (reportsProgress) {
                context.progress().phase("warm-up", context.spec().schedule().warmup());
            }
            loop.run(context.spec().schedule().warmup(), context.stop()::get, step -> keep(step, "warmup", reportsProgress));
        }
        long before = churn.events(node);
        if (!context.stop().get()) {
            if (reportsProgress) {
                context.progress().phase("measure", context.spec().schedule().measure());
            }
            measured = loop.run(context.spec().schedule().measure(), context.stop()::get, step -> keep(step, "measure", reportsProgress));
        }
        if (context.target().traits().mountEvents() == TargetTraits.MountEvents.TABLE_CHANGES) {
            // Counted on the node: from the count the window's first sample carries to the one its last carries.
            MountEventWindow.Count counted = window.count();
            events = counted.events();
            eventsNs = counted.spanNs();
        } else {
            events = churn.events(node) - before;
        }
    }

    String node() {
        return node;
    }

    List<SampleRecord> samples() {
        return samples;
    }

    /** A stop by the user overrides any other reason: a resume redoes interrupted runs only. */
    synchronized void interrupted(String reason) {
        invalid = reason;
    }

    synchronized void invalid(String reason) {
        if (invalid == null) {
            invalid = reason;
        }
    }

    private void keep(SamplingLoop.Step step, String phase, boolean reportsProgress) {
        Sample s = step.sample();
        ProcessReading sd = s.process(Watched.SYSTEMD);
        ProcessReading kl = s.process(Watched.KUBELET);
        ProcessReading h = s.process(Watched.HARNESS);
        if ("measure".equals(phase)) {
            window.add(s);
            if (ids != null) {
                checkNamespace(sd, ids.systemd());
                checkNamespace(kl, ids.kubelet());
            }
        }
        if ("measure".equals(phase)) {
            lastMeasureSampleAt = Instant.now();
        }
        if (!clockSet) {
            clockOffset = System.nanoTime() - t0 - s.monotonicNs();
            clockSet = true;
        }
        // Node-side time, so the gaps between samples are the ones the counters were read at.
        samples.add(new SampleRecord(run.index(), attemptId, s.seq(), s.monotonicNs() + clockOffset, phase,
                sched(sd), sd != null && sd.present() ? sd.cpu().statTicks() : -1, sched(kl), sched(h),
                step.machineBusy(), mounts(sd), mounts(kl), sd == null ? null : sd.mntNs(),
                kl == null ? null : kl.mntNs(), s.errors()));
        if (reportsProgress) {
            long elapsed = System.nanoTime() - t0
                    - ("measure".equals(phase) ? context.spec().schedule().warmup().toNanos() : 0);
            context.progress().tick(Duration.ofNanos(Math.max(0, elapsed)));
        }
    }

    private void checkNamespace(ProcessReading r, String expected) {
        if (r != null && r.mntNs() != null && !r.mntNs().equals(expected)) {
            invalid("the mount namespace of " + r.role() + " changed during the run (" + expected + " -> "
                    + r.mntNs() + ")");
        }
    }

    RunRecord record(Instant started, Settled settled) {
        CpuTotals sd = measured == null ? null : measured.totals().get(Watched.SYSTEMD);
        CpuTotals kl = measured == null ? null : measured.totals().get(Watched.KUBELET);
        CpuTotals h = measured == null ? null : measured.totals().get(Watched.HARNESS);
        if (sd != null && sd.resets() > 0) {
            invalid("systemd's counters reset during the run: " + sd.lastReset());
        }
        if (invalid == null && (sd == null || sd.elapsedNs() == 0)) {
            invalid("no valid systemd sample in the measure window");
        }
        long systemdMounts = lastMeasured(true);
        long kubeletMounts = lastMeasured(false);
        if (expected != null && measured != null) {
            String mismatch = expected.mismatch(systemdMounts, kubeletMounts);
            if (mismatch != null) {
                invalid(mismatch);
            }
        }
        WorkloadSpec w = run.level().workload();
        return RunRecord.builder()
                .index(run.index())
                .attempt(attemptId)
                .repetition(run.repetition())
                .segment(run.segment())
                .level(run.level().name())
                .pods(w.pods())
                .arm(run.arm().name())
                .encapsulation(run.arm().state().label())
                .node(node)
                .startedAt(started.toString())
                .endedAt(Instant.now().toString())
                .measureNs(sd == null ? 0 : sd.elapsedNs())
                .systemdSchedNs(sd == null ? 0 : sd.schedNs())
                .systemdStatTicks(sd == null ? 0 : sd.statTicks())
                .ticksPerSecond(ticksPerSecond)
                .kubeletSchedNs(kl == null ? 0 : kl.schedNs())
                .harnessSchedNs(h == null ? 0 : h.schedNs())
                .mountEvents(events)
                .mountEventsNs(eventsNs)
                .systemdMounts(systemdMounts)
                .kubeletMounts(kubeletMounts)
                .expectedSystemdMounts(expected == null ? null : expected.systemd())
                .expectedKubeletMounts(expected == null ? null : expected.kubelet())
                .mountTolerance(expected == null ? null : expected.tolerance())
                .systemdMntNs(ids == null ? null : ids.systemd())
                .kubeletMntNs(ids == null ? null : ids.kubelet())
                .runtimeMntNs(ids == null ? null : ids.runtime())
                .samples((int) samples.stream().filter(x -> x.phase().equals("measure")).count())
                .resets(sd == null ? 0 : sd.resets())
                .valid(invalid == null)
                .invalidReason(invalid)
                .settleNs(settled == null ? 0 : settled.waited().toNanos())
                .startCores(settled == null || Double.isNaN(settled.cores()) ? null : settled.cores())
                .prometheusCores(prometheus == null ? null : prometheus.cores())
                .prometheusMissing(prometheus == null ? null : prometheus.missing())
                .build();
    }

    private long lastMeasured(boolean systemd) {
        for (int i = samples.size() - 1; i >= 0; i--) {
            long m = systemd ? samples.get(i).systemdMounts() : samples.get(i).kubeletMounts();
            if (m >= 0) {
                return m;
            }
        }
        return -1;
    }

private static long sched(ProcessReading r) {
    return r != null && r.present() ? r.cpu().schedNs() : -1;
}

private static long mounts(ProcessReading r) {
    return r == null ? -1 : r.mounts();
}
}
