package io.kubensbench.bench.campaign;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import io.kubensbench.bench.sampling.CpuAccumulator;
import io.kubensbench.bench.sampling.CpuTotals;
import io.kubensbench.bench.sampling.MountCounter;
import io.kubensbench.bench.sampling.ProcessReading;
import io.kubensbench.bench.sampling.ProcfsSampler;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.Sampler;
import io.kubensbench.bench.sampling.SamplingLoop;
import io.kubensbench.bench.sampling.Watched;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a campaign's plan on a {@link Target}, one run at a time: set the arm and prove it by
 * the namespace identities, deploy the level's pods, warm up, measure while churning pods,
 * tear down, record. A run whose arm cannot be proven, whose systemd restarted, or whose
 * namespaces changed under it is recorded as invalid, with the reason, and the campaign
 * goes on; a stop request ends the current run as invalid ("interrupted") so a resume
 * redoes it.
 */
public final class Runner {

    /** Consecutive failed runs after which the target is taken to be broken. */
    static final int MAX_CONSECUTIVE_FAILURES = 3;

    private final Target target;
    private final CampaignSpec spec;
    private final Plan plan;
    private final ResultsStore store;
    private final Progress progress;
    private final AtomicBoolean stop;

    public Runner(Target target, CampaignSpec spec, Plan plan, ResultsStore store, Progress progress,
                  AtomicBoolean stop) {
        this.target = target;
        this.spec = spec;
        this.plan = plan;
        this.store = store;
        this.progress = progress;
        this.stop = stop;
    }

    /** What a campaign invocation did. */
    public record Outcome(int planned, int alreadyDone, int ran, int invalid, boolean interrupted) {
    }

    /** Runs every planned run that the results directory does not hold yet. */
    public Outcome run() throws IOException {
        Set<Integer> done = store.doneIndexes();
        List<PlannedRun> todo = plan.runs().stream().filter(r -> !done.contains(r.index())).toList();
        int position = plan.runs().size() - todo.size();
        int ran = 0;
        int invalid = 0;
        int failures = 0;
        try (ProcfsSampler procfs = ProcfsSampler.system()) {
            for (int i = 0; i < todo.size() && !stop.get(); i++) {
                PlannedRun run = todo.get(i);
                progress.runStarted(++position, plan.runs().size(), run, remaining(todo.subList(i, todo.size())));
                Attempt attempt = new Attempt(run, procfs);
                RunRecord record = attempt.execute();
                store.append(record, attempt.samples);
                progress.runFinished(record);
                ran++;
                invalid += record.valid() ? 0 : 1;
                failures = attempt.failed ? failures + 1 : 0;
                if (failures >= MAX_CONSECUTIVE_FAILURES) {
                    throw new IOException(failures + " runs in a row failed, the last with: " + record.invalidReason());
                }
            }
        }
        return new Outcome(plan.runs().size(), done.size(), ran, invalid, stop.get());
    }

    private Duration remaining(List<PlannedRun> runs) {
        return Plan.estimate(spec, runs, Plan.LAB_RUN_OVERHEAD);
    }

    /** One attempt at one planned run, with the samples it took. */
    private final class Attempt {

        private final PlannedRun run;
        private final ProcfsSampler procfs;
        private final String id = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        private final List<SampleRecord> samples = new ArrayList<>();
        private String invalid;
        private boolean failed;
        private long t0;
        private NamespaceIdentities ids;

        Attempt(PlannedRun run, ProcfsSampler procfs) {
            this.run = run;
            this.procfs = procfs;
        }

        RunRecord execute() {
            Instant started = Instant.now();
            WorkloadSpec workload = run.level().workload();
            Encapsulation state = run.arm().state();
            CpuAccumulator measured = null;
            long events = 0;
            try {
                progress.phase("settle", Duration.ZERO);
                target.settle();
                progress.phase("arm " + state.label(), Duration.ZERO);
                ids = target.enter(state, workload);
                if (!ids.matches(state)) {
                    invalid("the namespaces do not show encapsulation " + state.label() + " (systemd " + ids.systemd()
                            + ", kubelet " + ids.kubelet() + ", runtime " + ids.runtime() + ")");
                }
                progress.phase("deploy " + workload.pods() + " pods", Duration.ZERO);
                target.deploy(workload, "r" + run.index() + "-" + id);
                Sampler sampler = new Sampler(procfs, new MountCounter(Path.of("/proc")), target.watched(), 1,
                        Sampler.MOUNT_BUDGET);
                SamplingLoop loop = new SamplingLoop(sampler, spec.sampling().interval());
                t0 = System.nanoTime();
                // Churn runs through the warm-up too, so the measure window starts in steady state.
                Target.Churn churn = target.startChurn(workload);
                try {
                    if (!spec.schedule().warmup().isZero()) {
                        progress.phase("warm-up", spec.schedule().warmup());
                        loop.run(spec.schedule().warmup(), stop::get, step -> keep(step, "warmup"));
                    }
                    long before = churn.events();
                    if (!stop.get()) {
                        progress.phase("measure", spec.schedule().measure());
                        measured = loop.run(spec.schedule().measure(), stop::get, step -> keep(step, "measure"));
                    }
                    events = churn.events() - before;
                } finally {
                    churn.stop();
                }
            } catch (Exception e) {
                failed = !stop.get();
                invalid("failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            } finally {
                try {
                    target.undeploy();
                } catch (IOException | RuntimeException e) {
                    invalid("tear-down failed: " + e.getMessage());
                }
            }
            if (stop.get()) {
                invalid = RunRecord.INTERRUPTED + " by the user";
            }
            return record(started, measured, events);
        }

        private void invalid(String reason) {
            if (invalid == null) {
                invalid = reason;
            }
        }

        private void keep(SamplingLoop.Step step, String phase) {
            Sample s = step.sample();
            ProcessReading sd = s.process(Watched.SYSTEMD);
            ProcessReading kl = s.process(Watched.KUBELET);
            ProcessReading h = s.process(Watched.HARNESS);
            if (ids != null && "measure".equals(phase)) {
                checkNamespace(sd, ids.systemd());
                checkNamespace(kl, ids.kubelet());
            }
            StringBuilder errors = new StringBuilder();
            for (ProcessReading r : s.processes()) {
                if (r.error() != null) {
                    errors.append(errors.length() == 0 ? "" : "; ").append(r.role()).append(": ").append(r.error());
                }
            }
            samples.add(new SampleRecord(run.index(), id, s.seq(), s.monotonicNs() - t0, phase,
                    sched(sd), sd != null && sd.present() ? sd.cpu().statTicks() : -1, sched(kl), sched(h),
                    step.machineBusy(), mounts(sd), mounts(kl), sd == null ? null : sd.mntNs(),
                    kl == null ? null : kl.mntNs(), errors.length() == 0 ? null : errors.toString()));
            long elapsed = System.nanoTime() - t0 - ("measure".equals(phase) ? spec.schedule().warmup().toNanos() : 0);
            progress.tick(Duration.ofNanos(Math.max(0, elapsed)));
        }

        private void checkNamespace(ProcessReading r, String expected) {
            if (r != null && r.mntNs() != null && !r.mntNs().equals(expected)) {
                invalid("the mount namespace of " + r.role() + " changed during the run (" + expected + " -> "
                        + r.mntNs() + ")");
            }
        }

        private RunRecord record(Instant started, CpuAccumulator measured, long events) {
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
            WorkloadSpec w = run.level().workload();
            return new RunRecord(run.index(), id, run.repetition(), run.level().name(), w.pods(), run.arm().name(),
                    run.arm().state().label(), target.node(), started.toString(), Instant.now().toString(),
                    sd == null ? 0 : sd.elapsedNs(), sd == null ? 0 : sd.schedNs(), sd == null ? 0 : sd.statTicks(),
                    procfs.ticksPerSecond(), kl == null ? 0 : kl.schedNs(), h == null ? 0 : h.schedNs(),
                    events, systemdMounts, kubeletMounts,
                    ids == null ? null : ids.systemd(), ids == null ? null : ids.kubelet(),
                    ids == null ? null : ids.runtime(),
                    (int) samples.stream().filter(x -> x.phase().equals("measure")).count(),
                    sd == null ? 0 : sd.resets(), invalid == null, invalid);
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
    }

    private static long sched(ProcessReading r) {
        return r != null && r.present() ? r.cpu().schedNs() : -1;
    }

    private static long mounts(ProcessReading r) {
        return r == null ? -1 : r.mounts();
    }
}
