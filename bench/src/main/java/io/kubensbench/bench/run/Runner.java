package io.kubensbench.bench.run;

import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RolloutRecord;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.text.Wording;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.bench.plan.PlannedRun;
import io.kubensbench.bench.prometheus.PrometheusCheck;
import io.kubensbench.bench.target.Target;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
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
 *
 * <p>A switch of arm that takes time (a cluster's MachineConfig rollout) is recorded in the
 * results as it ends ({@code rollouts.jsonl}), with the run that needed it, and the time left
 * that progress shows counts the switches still ahead at the mean of those measured so far in
 * the campaign, or at the target's rule of thumb before the first. With a {@link PrometheusCheck},
 * each node's window is also asked of Prometheus once the run is torn down (by then its last
 * scrapes are stored), and the answer is recorded beside the harness's own figure.
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
    private final RunContext context;
    /** Durations of the campaign's rollouts that reached their state, resumed invocations' included. */
    private final List<Duration> measured = new ArrayList<>();
    /** The run being attempted, or null between runs and after the last. */
    private volatile Integer running;
    /** The nodes' state as far as the runner knows it; null before it knows. */
    private volatile Encapsulation state;
    private final PrometheusCheck prometheus;

    public Runner(Target target, CampaignSpec spec, Plan plan, ResultsStore store, Progress progress,
                  AtomicBoolean stop) {
        this(target, spec, plan, store, progress, stop, null);
    }

    /** @param prometheus whom to ask about each node's window besides the harness; null for no one */
    public Runner(Target target, CampaignSpec spec, Plan plan, ResultsStore store, Progress progress,
                  AtomicBoolean stop, PrometheusCheck prometheus) {
        this.prometheus = prometheus;
        this.target = target;
        this.spec = spec;
        this.plan = plan;
        this.store = store;
        this.progress = progress;
        this.stop = stop;
        this.context = new RunContext(target, spec, progress, stop);
    }

    /** What a campaign invocation did; a run is invalid when any of its nodes' records is. */
    public record Outcome(int planned, int alreadyDone, int ran, int invalid, boolean interrupted) {
    }

    /** Runs every planned run that the results directory does not hold yet. */
    public Outcome run() throws IOException {
        Set<Integer> done = store.doneIndexes();
        store.dir().rollouts().stream().filter(RolloutRecord::ok).map(RolloutRecord::duration).forEach(measured::add);
        target.onSwitch(this::rolledOut);
        List<PlannedRun> todo = plan.runs().stream().filter(r -> !done.contains(r.index())).toList();
        int position = plan.runs().size() - todo.size();
        int ran = 0;
        int invalid = 0;
        int failures = 0;
        for (int i = 0; i < todo.size() && !stop.get(); i++) {
            PlannedRun run = todo.get(i);
            progress.runStarted(++position, plan.runs().size(), run, remaining(todo.subList(i, todo.size())));
            Attempt attempt = new Attempt(context, run);
            running = run.index();
            List<NodeRun> nodes;
            try {
                nodes = attempt.execute();
            } finally {
                running = null;
            }
            state = run.encapsulation();
            boolean anyInvalid = false;
            for (NodeRun node : nodes) {
                NodeRun.Window window = node.window();
                if (prometheus != null && window != null && !stop.get()) {
                    node.prometheus(prometheus.cores(node.node(), window.start(), window.end()));
                }
                RunRecord record = node.record(attempt.started(), attempt.settled());
                store.append(record, node.samples());
                progress.runFinished(record);
                anyInvalid |= !record.valid();
            }
            invalid += anyInvalid ? 1 : 0;
            ran++;
            failures = attempt.failed() ? failures + 1 : 0;
            if (failures >= MAX_CONSECUTIVE_FAILURES) {
                String message = failures + " runs in a row failed, the last with: " + attempt.invalid();
                // A cluster that refuses access refuses every run: the campaign ends as such a refusal does anywhere.
                throw attempt.failure() instanceof ClusterAccessException
                        ? new ClusterAccessException(message, attempt.failure()) : new IOException(message, attempt.failure());
            }
        }
        return new Outcome(plan.runs().size(), done.size(), ran, invalid, stop.get());
    }

    /** The runs' own time, and the switches they still need at the measured mean or the rule of thumb. */
    private Duration remaining(List<PlannedRun> runs) {
        Duration each = measured.isEmpty() ? target.switchEstimate()
                : measured.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(measured.size());
        return Plan.estimate(spec, runs, target.traits().runOverhead())
                .plus(each.multipliedBy(Plan.switches(runs, state)));
    }

    /** Records a rollout as it ends, with the run that needed it, and says what it took. */
    private void rolledOut(RolloutRecord rollout) {
        Integer run = running;
        RolloutRecord r = run == null ? rollout : rollout.withRun(run);
        try {
            store.appendRollout(r);
        } catch (IOException e) {
            throw new UncheckedIOException("could not record the rollout in " + store.dir().path(), e);
        }
        if (r.ok()) {
            measured.add(r.duration());
        }
        Encapsulation.fromLabel(r.to()).ifPresent(s -> state = s);
        progress.message(Wording.rollout(r));
    }
}
