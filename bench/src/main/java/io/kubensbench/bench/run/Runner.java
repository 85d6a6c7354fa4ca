package io.kubensbench.bench.run;

import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.bench.plan.PlannedRun;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.bench.target.Settled;
import io.kubensbench.bench.target.Target;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import io.kubensbench.bench.sampling.CpuAccumulator;
import io.kubensbench.bench.sampling.CpuTotals;
import io.kubensbench.bench.sampling.ProcessReading;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.bench.sampling.SamplingLoop;
import io.kubensbench.bench.sampling.Watched;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import io.kubensbench.workloads.ids.Ids;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        for (int i = 0; i < todo.size() && !stop.get(); i++) {
            PlannedRun run = todo.get(i);
            progress.runStarted(++position, plan.runs().size(), run, remaining(todo.subList(i, todo.size())));
            Attempt attempt = new Attempt(run);
            List<NodeRun> nodes = attempt.execute();
            for (NodeRun node : nodes) {
                RunRecord record = node.record(attempt);
                store.append(record, node.samples);
                progress.runFinished(record);
                invalid += record.valid() ? 0 : 1;
            }
            ran++;
            failures = attempt.failed ? failures + 1 : 0;
            if (failures >= MAX_CONSECUTIVE_FAILURES) {
                String message = failures + " runs in a row failed, the last with: " + attempt.invalid;
                // A cluster that refuses access refuses every run: the campaign ends as such a refusal does anywhere.
                throw attempt.failure instanceof ClusterAccessException
                        ? new ClusterAccessException(message, attempt.failure) : new IOException(message, attempt.failure);
            }
        }
        return new Outcome(plan.runs().size(), done.size(), ran, invalid, stop.get());
    }

    private Duration remaining(List<PlannedRun> runs) {
        return Plan.estimate(spec, runs, Duration.ofMillis(Math.round(target.traits().runOverheadSeconds() * 1000)));
    }

    /**
     * One attempt at one planned run on every node of the target: what is common (settle,
     * arm, deploy, churn, tear-down) happens once, and each node is sampled on its own
     * thread, so a slow or silent node cannot shift another's window.
     */
    private final class Attempt {

        private final PlannedRun run;
        private final String id = Ids.random();
        private final Map<String, NodeRun> nodes = new LinkedHashMap<>();
        private String invalid;
        private boolean failed;
        /** What ended the attempt early, if anything threw. */
        private Exception failure;
        private Instant started;
        private Settled settled;

        Attempt(PlannedRun run) {
            this.run = run;
            List<String> names = target.nodes();
            for (int i = 0; i < names.size(); i++) {
                nodes.put(names.get(i), new NodeRun(run, names.get(i), names.size() == 1 ? id : id + "-" + i));
            }
        }

        List<NodeRun> execute() {
            started = Instant.now();
            WorkloadSpec workload = run.level().workload();
            Encapsulation state = run.arm().state();
            try {
                progress.phase("settle", Duration.ZERO);
                settled = target.settle();
                if (!settled.idle()) {
                    failed = true;
                    invalid(String.format(Locale.ROOT, "systemd was still busy when the run was to start: %.1f%%"
                            + " of a core on %s after %s of settling (idle is below %.1f%%)", 100 * settled.cores(),
                            settled.node(), Progress.format(settled.waited()), 100 * target.traits().idleCores()));
                    return List.copyOf(nodes.values());
                }
                progress.phase("arm " + state.label(), Duration.ZERO);
                Map<String, NamespaceIdentities> ids = target.enter(state, workload);
                for (NodeRun node : nodes.values()) {
                    node.prove(ids.get(node.node), state);
                }
                progress.phase("deploy " + workload.pods() + " pods" + (nodes.size() > 1 ? " per node" : ""),
                        Duration.ZERO);
                target.deploy(workload, "r" + run.index() + "-" + id);
                Map<String, SampleSource> sources = target.sources();
                // Churn runs through the warm-up too, so the measure window starts in steady state.
                Target.Churn churn = target.startChurn(workload);
                try {
                    sampleAll(sources, churn);
                } finally {
                    churn.stop();
                }
            } catch (Exception e) {
                failure = e;
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
                nodes.values().forEach(n -> n.invalid = invalid);
            }
            return List.copyOf(nodes.values());
        }

        private void sampleAll(Map<String, SampleSource> sources, Target.Churn churn) throws Exception {
            List<NodeRun> list = List.copyOf(nodes.values());
            for (NodeRun node : list) {
                if (sources.get(node.node) == null) {
                    throw new IOException("no samples from node " + node.node);
                }
            }
            if (list.size() == 1) {
                list.get(0).sample(sources.get(list.get(0).node), churn, true);
                return;
            }
            ExecutorService pool = Executors.newFixedThreadPool(list.size(), r -> {
                Thread t = new Thread(r, "sampling");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    NodeRun node = list.get(i);
                    boolean first = i == 0;
                    futures.add(pool.submit(() -> {
                        try {
                            node.sample(sources.get(node.node), churn, first);
                        } catch (Exception e) {
                            node.invalid("sampling failed: " + e.getMessage());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        /** Marks every node's run invalid, keeping the first reason each already has. */
        private void invalid(String reason) {
            if (invalid == null) {
                invalid = reason;
            }
            nodes.values().forEach(n -> n.invalid(reason));
        }
    }

    /** One node's part of an attempt: its samples, its totals, and what invalidates it. */
    private final class NodeRun {

        private final PlannedRun run;
        private final String node;
        private final String attemptId;
        private final List<SampleRecord> samples = new ArrayList<>();
        private NamespaceIdentities ids;
        private CpuAccumulator measured;
        private long events;
        private long ticksPerSecond;
        private String invalid;
        private long t0;
        /** Maps the source's clock onto the harness's, fixed at the first sample of the run. */
        private long clockOffset;
        private boolean clockSet;

        NodeRun(PlannedRun run, String node, String attemptId) {
            this.run = run;
            this.node = node;
            this.attemptId = attemptId;
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
            SamplingLoop loop = new SamplingLoop(source, spec.sampling().interval());
            t0 = System.nanoTime();
            if (!spec.schedule().warmup().isZero()) {
                if (reportsProgress) {
                    progress.phase("warm-up", spec.schedule().warmup());
                }
                loop.run(spec.schedule().warmup(), stop::get, step -> keep(step, "warmup", reportsProgress));
            }
            long before = churn.events(node);
            if (!stop.get()) {
                if (reportsProgress) {
                    progress.phase("measure", spec.schedule().measure());
                }
                measured = loop.run(spec.schedule().measure(), stop::get, step -> keep(step, "measure", reportsProgress));
            }
            events = churn.events(node) - before;
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
            if (!clockSet) {
                clockOffset = System.nanoTime() - t0 - s.monotonicNs();
                clockSet = true;
            }
            // Node-side time, so the gaps between samples are the ones the counters were read at.
            samples.add(new SampleRecord(run.index(), attemptId, s.seq(), s.monotonicNs() + clockOffset, phase,
                    sched(sd), sd != null && sd.present() ? sd.cpu().statTicks() : -1, sched(kl), sched(h),
                    step.machineBusy(), mounts(sd), mounts(kl), sd == null ? null : sd.mntNs(),
                    kl == null ? null : kl.mntNs(), errors.length() == 0 ? null : errors.toString()));
            if (reportsProgress) {
                long elapsed = System.nanoTime() - t0
                        - ("measure".equals(phase) ? spec.schedule().warmup().toNanos() : 0);
                progress.tick(Duration.ofNanos(Math.max(0, elapsed)));
            }
        }

        private void checkNamespace(ProcessReading r, String expected) {
            if (r != null && r.mntNs() != null && !r.mntNs().equals(expected)) {
                invalid("the mount namespace of " + r.role() + " changed during the run (" + expected + " -> "
                        + r.mntNs() + ")");
            }
        }

        RunRecord record(Attempt attempt) {
            CpuTotals sd = measured == null ? null : measured.totals().get(Watched.SYSTEMD);
            CpuTotals kl = measured == null ? null : measured.totals().get(Watched.KUBELET);
            CpuTotals h = measured == null ? null : measured.totals().get(Watched.HARNESS);
            if (sd != null && sd.resets() > 0) {
                invalid("systemd's counters reset during the run: " + sd.lastReset());
            }
            if (invalid == null && (sd == null || sd.elapsedNs() == 0)) {
                invalid("no valid systemd sample in the measure window");
            }
            WorkloadSpec w = run.level().workload();
            return RunRecord.builder()
                    .index(run.index())
                    .attempt(attemptId)
                    .repetition(run.repetition())
                    .level(run.level().name())
                    .pods(w.pods())
                    .arm(run.arm().name())
                    .encapsulation(run.arm().state().label())
                    .node(node)
                    .startedAt(attempt.started.toString())
                    .endedAt(Instant.now().toString())
                    .measureNs(sd == null ? 0 : sd.elapsedNs())
                    .systemdSchedNs(sd == null ? 0 : sd.schedNs())
                    .systemdStatTicks(sd == null ? 0 : sd.statTicks())
                    .ticksPerSecond(ticksPerSecond)
                    .kubeletSchedNs(kl == null ? 0 : kl.schedNs())
                    .harnessSchedNs(h == null ? 0 : h.schedNs())
                    .mountEvents(events)
                    .systemdMounts(lastMeasured(true))
                    .kubeletMounts(lastMeasured(false))
                    .systemdMntNs(ids == null ? null : ids.systemd())
                    .kubeletMntNs(ids == null ? null : ids.kubelet())
                    .runtimeMntNs(ids == null ? null : ids.runtime())
                    .samples((int) samples.stream().filter(x -> x.phase().equals("measure")).count())
                    .resets(sd == null ? 0 : sd.resets())
                    .valid(invalid == null)
                    .invalidReason(invalid)
                    .settleNs(attempt.settled == null ? 0 : attempt.settled.waited().toNanos())
                    .startCores(attempt.settled == null || Double.isNaN(attempt.settled.cores()) ? null
                            : attempt.settled.cores())
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
    }

    private static long sched(ProcessReading r) {
        return r != null && r.present() ? r.cpu().schedNs() : -1;
    }

    private static long mounts(ProcessReading r) {
        return r == null ? -1 : r.mounts();
    }
}
