package io.kubensbench.bench.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.analysis.compare.Observation;
import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.text.Wording;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.PrometheusSpec;
import io.kubensbench.bench.cluster.ClusterTargets;
import io.kubensbench.bench.observe.ObservationFile;
import io.kubensbench.bench.observe.ObservePlan;
import io.kubensbench.bench.observe.Observer;
import io.kubensbench.bench.observe.WindowCheck;
import io.kubensbench.bench.prometheus.PrometheusCheck;
import io.kubensbench.bench.prometheus.PrometheusChecks;
import io.kubensbench.bench.prometheus.PrometheusFigure;
import io.kubensbench.bench.run.OutputDir;
import io.kubensbench.bench.target.ObservedNodes;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code observe} invocation: the results directory, the cluster, Ctrl-C ({@link
 * StopRequest}: the current window ends as a partial one, the probe is removed, and only then
 * does the JVM exit), the observer, and the closing lines: each node's figures per arm and
 * what the observation can and cannot say.
 */
final class ObserveSession {

    private final PrintWriter out;
    private final PrintWriter err;
    private final ClusterOptions cluster;
    private final RolloutOptions rollouts;
    private final Prompt prompt;
    private final PrometheusOptions prometheus;

    ObserveSession(PrintWriter out, PrintWriter err, ClusterOptions cluster, RolloutOptions rollouts, Prompt prompt,
            PrometheusOptions prometheus) {
        this.prometheus = prometheus;
        this.out = out;
        this.err = err;
        this.cluster = cluster;
        this.rollouts = rollouts;
        this.prompt = prompt;
    }

    int execute(ObservePlan plan, ClusterTargetSpec target, Path dir) throws IOException {
        OutputDir.checkNew(dir);
        PrometheusSpec wanted = prometheus.effective(null, false);
        PrometheusChecks.check(wanted, true);
        KubernetesClient client = cluster.connect(null);
        try (StopRequest stop = new StopRequest(err)) {
            int switches = (plan.switches() ? 1 : 0) + (rollouts.restore ? 1 : 0);
            ObservedNodes nodes = ClusterTargets.observe(client, target, new Main.Version().getVersion()[0],
                    plan.interval(), rollouts.forCampaign(prompt, Math.max(1, switches), stop), this::say);
            stop.install("stopping: the current window ends, recorded as a partial window and left out of the"
                    + " analysis" + (plan.switches() ? "; a rollout is no longer waited for" : "") + "; then the node"
                    + " probe is removed, and kubens-bench exits when that is done (kill -9 cuts it short, and then "
                    + nodes.traits().cleanupAfterKill() + ")");
            PrometheusCheck check = PrometheusChecks.open(wanted, client, this::say).orElse(null);
            Observer observer = new Observer(nodes, plan, stop.flag(), this::say,
                    check == null ? WindowCheck.NONE : prometheusCheck(check, stop.flag()));
            Observer.Outcome outcome;
            try {
                say("observing " + describe(plan) + "; results in " + dir);
                observer.start();
                ResultsStore store = ResultsStore.create(dir, ObservationFile.yaml(plan, target),
                        plan.campaign(check == null ? null
                                : new CampaignRecord.Prometheus(wanted.query(), wanted.tolerance())),
                        nodes.traits(), nodes.describe());
                outcome = observer.observe(store);
            } finally {
                nodes.close();
                client.close();
            }
            report(plan, dir, outcome);
            return Main.OK;
        }
    }

    /**
     * Each node's window asked of Prometheus as the window ends, recorded beside the probe's
     * figure, as a campaign's runs are; not once the user has asked to stop.
     */
    static WindowCheck prometheusCheck(PrometheusCheck check, AtomicBoolean stop) {
        return record -> {
            if (stop.get() || record.startedAt() == null || record.endedAt() == null) {
                return record;
            }
            PrometheusFigure figure = check.cores(record.node(), Instant.parse(record.startedAt()),
                    Instant.parse(record.endedAt()));
            return record.toBuilder().prometheusCores(figure.cores()).prometheusMissing(figure.missing()).build();
        };
    }

    /** "arm off for 20m in 1m windows, then on after a MachineConfig switch". */
    private static String describe(ObservePlan plan) {
        String each = (plan.duration() == null ? "until Ctrl-C" : "for " + Durations.exact(plan.duration())) + " in "
                + Durations.exact(plan.window()) + " windows";
        return "arm " + plan.first().label() + " " + each + (plan.then() == null ? ""
                : ", then arm " + plan.then().label() + " the same after a MachineConfig switch");
    }

    private void report(ObservePlan plan, Path dir, Observer.Outcome outcome) throws IOException {
        List<RunRecord> runs = new ResultsDir(dir).runs();
        Observation observation = Observation.of(runs);
        out.println();
        out.println("observed " + outcome.windows() + " complete window" + (outcome.windows() == 1 ? "" : "s")
                + " of " + Durations.exact(plan.window()) + " per node" + (outcome.partial() == 0 ? ""
                : "; the window Ctrl-C cut short is recorded as partial and left out of the analysis")
                + (outcome.invalid() == 0 ? "" : "; " + outcome.invalid() + " node record(s) invalid (reasons in "
                + ResultsDir.RUNS + ")"));
        observation.nodes().forEach(n -> out.println("  " + Wording.observedNode(n)));
        Wording.observation(observation).forEach(line -> out.println(line));
        out.println("results: " + dir);
        out.println(observation.comparable() ? "next: kubens-bench analyze " + dir + "; kubens-bench report " + dir
                : "next: observe the other arm into another directory, then kubens-bench analyze " + dir + " OTHER_DIR");
        out.flush();
    }

    private void say(String line) {
        err.println("kubens-bench: " + line);
        err.flush();
    }
}
