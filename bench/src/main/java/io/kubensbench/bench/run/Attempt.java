package io.kubensbench.bench.run;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.plan.PlannedRun;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.bench.target.MountBase;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.bench.target.Settled;
import io.kubensbench.bench.target.Target;
import io.kubensbench.workloads.ids.Ids;
import io.kubensbench.workloads.spec.WorkloadSpec;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One attempt at one planned run on every node of the target: what is common (settle,
 * arm, deploy, churn, tear-down) happens once, and each node is sampled on its own
 * thread, so a slow or silent node cannot shift another's window.
 */
final class Attempt {

    private final RunContext context;
    private final PlannedRun run;
    private final String id = Ids.random();
    private final Map<String, NodeRun> nodes = new LinkedHashMap<>();
    private String invalid;
    private boolean failed;
    /** What ended the attempt early, if anything threw. */
    private Exception failure;
    private Instant started;
    private Settled settled;

    Attempt(RunContext context, PlannedRun run) {
        this.context = context;
        this.run = run;
        List<String> names = context.target().nodes();
        for (int i = 0; i < names.size(); i++) {
            nodes.put(names.get(i), new NodeRun(context, run, names.get(i), names.size() == 1 ? id : id + "-" + i));
        }
    }

    List<NodeRun> execute() {
        started = Instant.now();
        WorkloadSpec workload = run.level().workload();
        Encapsulation state = run.arm().state();
        try {
            context.progress().phase("settle", Duration.ZERO);
            settled = context.target().settle();
            if (!settled.idle()) {
                failed = true;
                invalid(busy(settled, context.target().traits().idleCores()));
                return List.copyOf(nodes.values());
            }
            context.progress().phase("arm " + state.label(), Duration.ZERO);
            Map<String, NamespaceIdentities> ids = context.target().enter(state, workload);
            Map<String, MountBase> bases = context.target().mountBase();
            for (NodeRun node : nodes.values()) {
                node.prove(ids.get(node.node()), state);
                MountBase base = bases.get(node.node());
                node.expect(base == null ? null : base.expected(workload, state));
            }
            context.progress().phase("deploy " + workload.pods() + " pods" + (nodes.size() > 1 ? " per node" : ""),
                    Duration.ZERO);
            context.target().deploy(workload, "r" + run.index() + "-" + id);
            Map<String, SampleSource> sources = context.target().sources();
            // Churn runs through the warm-up too, so the measure window starts in steady state.
            Target.Churn churn = context.target().startChurn(workload);
            try {
                sampleAll(sources, churn);
            } finally {
                churn.stop();
            }
        } catch (Exception e) {
            failure = e;
            failed = !context.stop().get();
            invalid("failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            try {
                context.target().undeploy();
            } catch (IOException | RuntimeException e) {
                invalid("tear-down failed: " + e.getMessage());
            }
        }
        if (context.stop().get()) {
            invalid = RunRecord.INTERRUPTED + " by the user";
            nodes.values().forEach(n -> n.interrupted(invalid));
        }
        return List.copyOf(nodes.values());
    }

    private void sampleAll(Map<String, SampleSource> sources, Target.Churn churn) throws Exception {
        List<NodeRun> list = List.copyOf(nodes.values());
        for (NodeRun node : list) {
            if (sources.get(node.node()) == null) {
                throw new IOException("no samples from node " + node.node());
            }
        }
        if (list.size() == 1) {
            list.get(0).sample(sources.get(list.get(0).node()), churn, true);
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
                        node.sample(sources.get(node.node()), churn, first);
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

    /** Why a run that would start on a busy systemd is not measured. */
    static String busy(Settled settled, double idleCores) {
        String how = Double.isNaN(settled.cores()) ? "its CPU could not be read" : String.format(Locale.ROOT,
                "%.1f%% of a core", 100 * settled.cores());
        return String.format(Locale.ROOT, "systemd was still busy when the run was to start: %s on %s after %s of"
                + " settling (idle is below %.1f%%)", how, settled.node(), Durations.rough(settled.waited()),
                100 * idleCores);
    }

    Instant started() {
        return started;
    }

    Settled settled() {
        return settled;
    }

    Exception failure() {
        return failure;
    }

    boolean failed() {
        return failed;
    }

    String invalid() {
        return invalid;
    }

    /** Marks every node's run invalid, keeping the first reason each already has. */
    private void invalid(String reason) {
        if (invalid == null) {
            invalid = reason;
        }
        nodes.values().forEach(n -> n.invalid(reason));
    }
}
