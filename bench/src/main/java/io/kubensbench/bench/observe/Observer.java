package io.kubensbench.bench.observe;

import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.text.Numbers;
import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.sampling.MountEventWindow;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.bench.target.ObservedNodes;
import io.kubensbench.workloads.ids.Ids;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Observes systemd on nodes whose own workload runs, with none of ours: checks that the nodes
 * are in the stated arm, then reads every node at once through consecutive windows, each
 * window one record per node, appended and forced to disk when it ends; with a second arm,
 * switches the nodes and does the same again. Ctrl-C ends the current window early: it is
 * recorded as a partial window (invalid, so kept and left out of the analysis), and the
 * observation ends.
 */
public final class Observer {

    /** Windows in a row in which no node answered, after which the nodes are taken to be gone. */
    static final int MAX_SILENT_WINDOWS = 3;

    /**
     * What an observation did.
     *
     * @param windows  windows that ran to their end, over all arms
     * @param partial  windows cut short by Ctrl-C (0 or 1)
     * @param invalid  node records of complete windows that are invalid
     * @param stopped  whether Ctrl-C ended it
     */
    public record Outcome(int windows, int partial, int invalid, boolean stopped) {
    }

    private final ObservedNodes nodes;
    private final ObservePlan plan;
    private final AtomicBoolean stop;
    private final Consumer<String> log;
    private final WindowCheck check;
    private int windows;
    private int partial;
    private int invalid;

    public Observer(ObservedNodes nodes, ObservePlan plan, AtomicBoolean stop, Consumer<String> log,
            WindowCheck check) {
        this.nodes = nodes;
        this.plan = plan;
        this.stop = stop;
        this.log = log;
        this.check = check;
    }

    /**
     * Prepares the nodes (the probe) and refuses, naming each node that contradicts it, unless
     * every node is in the first arm's state: nothing is recorded under a wrong arm.
     */
    public void start() throws IOException {
        nodes.prepare();
        ArmSpec first = plan.arms().get(0);
        nodes.requireArm(first.name(), first.state());
    }

    /** Observes every arm of the plan into {@code store}, after {@link #start}. */
    public Outcome observe(ResultsStore store) throws IOException {
        List<String> names = nodes.nodes();
        ExecutorService pool = Executors.newFixedThreadPool(names.size(), r -> {
            Thread t = new Thread(r, "observing");
            t.setDaemon(true);
            return t;
        });
        try {
            int index = 0;
            List<ArmSpec> arms = plan.arms();
            for (int a = 0; a < arms.size() && !stop.get(); a++) {
                ArmSpec arm = arms.get(a);
                Map<String, NamespaceIdentities> ids;
                try {
                    if (a == 0) {
                        ids = nodes.identities();
                    } else {
                        log.accept("switching the nodes to encapsulation " + arm.state().label() + " ...");
                        ids = nodes.enter(arm.state());
                    }
                    warmUp();
                } catch (InterruptedIOException e) {
                    if (stop.get()) {
                        break;
                    }
                    throw e;
                }
                index = observe(arm, ids, names, index, store, pool);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(windows, partial, invalid, stop.get());
    }

    private void warmUp() throws InterruptedIOException {
        if (plan.warmup().isZero()) {
            return;
        }
        log.accept("warming up for " + Durations.exact(plan.warmup()) + " (not recorded) ...");
        long end = System.nanoTime() + plan.warmup().toNanos();
        while (System.nanoTime() < end && !stop.get()) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while warming up");
            }
        }
    }

    /** One arm's windows; returns the next window's index. */
    private int observe(ArmSpec arm, Map<String, NamespaceIdentities> ids, List<String> names, int index,
            ResultsStore store, ExecutorService pool) throws IOException {
        Map<String, SampleSource> sources = nodes.sources();
        Map<String, Sample> edges = new HashMap<>();
        int planned = plan.windowsPerArm();
        long start = System.nanoTime();
        int silent = 0;
        for (int w = 1; (planned == 0 || w <= planned) && !stop.get(); w++, index++) {
            long end = start + w * plan.window().toNanos();
            String id = Ids.random();
            List<NodeWindow> parts = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String node = names.get(i);
                parts.add(new NodeWindow(index, w, arm, node, names.size() == 1 ? id : id + "-" + i, ids.get(node),
                        plan.window(), edges.get(node)));
            }
            sampleAll(parts, sources, end, pool);
            List<String> said = new ArrayList<>();
            boolean anyAnswered = false;
            boolean cut = false;
            for (NodeWindow part : parts) {
                MountEventWindow.Count events = part.first() == null || part.last() == null
                        ? MountEventWindow.Count.NOT_COUNTED : nodes.mountEvents(part.node(), part.first(), part.last());
                RunRecord record = check.amend(part.record(events));
                store.append(record, part.samples());
                edges.put(part.node(), part.last());
                anyAnswered |= part.last() != null;
                boolean isPartial = !record.valid() && record.invalidReason().startsWith(NodeWindow.PARTIAL);
                cut |= isPartial;
                invalid += record.valid() || isPartial ? 0 : 1;
                said.add(part.node() + " " + (record.valid() ? record.systemdSchedNs() == 0 ? "0 ns"
                        : Numbers.coreShare(record.systemdCores())
                        : isPartial ? "partial" : "invalid (" + record.invalidReason() + ")"));
            }
            if (cut) {
                partial++;
            } else {
                windows++;
            }
            log.accept("window " + w + (planned == 0 ? "" : " of " + planned) + ", " + arm.name() + ": "
                    + String.join(", ", said) + (cut ? " (stopped by the user; left out of the analysis)" : ""));
            silent = anyAnswered ? 0 : silent + 1;
            if (silent >= MAX_SILENT_WINDOWS && !stop.get()) {
                throw new IOException("no node answered in " + silent + " windows in a row (the records say why);"
                        + " the observation stops");
            }
        }
        return index;
    }

    private void sampleAll(List<NodeWindow> parts, Map<String, SampleSource> sources, long end, ExecutorService pool)
            throws IOException {
        List<Future<?>> futures = new ArrayList<>();
        for (NodeWindow part : parts) {
            futures.add(pool.submit(() -> part.sample(sources.get(part.node()), end, stop::get)));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while observing");
        } catch (ExecutionException e) {
            throw new IOException("observing failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
