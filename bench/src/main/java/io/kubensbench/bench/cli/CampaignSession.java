package io.kubensbench.bench.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.analysis.results.Unreadable;
import io.kubensbench.analysis.text.Wording;
import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.PrometheusSpec;
import io.kubensbench.bench.cluster.ClusterTargets;
import io.kubensbench.bench.cluster.SwitchOptions;
import io.kubensbench.bench.lab.LabTargets;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.bench.prometheus.PrometheusCheck;
import io.kubensbench.bench.prometheus.PrometheusChecks;
import io.kubensbench.bench.run.CampaignRecords;
import io.kubensbench.bench.run.OutputDir;
import io.kubensbench.bench.run.Progress;
import io.kubensbench.bench.run.Runner;
import io.kubensbench.bench.target.Target;
import io.kubensbench.reports.ResultsDirText;
import io.kubensbench.reports.html.ReportWriter;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One campaign invocation, shared by {@code run} and {@code lab}: target set-up, the results
 * directory (new or resumed), the runner, Ctrl-C handling ({@link StopRequest}: the JVM
 * exits only after the target is closed), teardown and the closing summary.
 */
final class CampaignSession {

    /** A target whose tear-down takes longer than this says what Ctrl-C is waiting for. */
    private static final double STOP_NOTE_ABOVE_SECONDS = 60;

    private final PrintWriter out;
    private final PrintWriter err;
    private final ClusterOptions cluster;
    private final String arm;
    private final RolloutOptions rollouts;
    private final Prompt prompt;
    private final PrometheusOptions prometheus;

    CampaignSession(PrintWriter out, PrintWriter err) {
        this(out, err, new ClusterOptions.CampaignContext(), null, new RolloutOptions(), Prompt.NONE);
    }

    CampaignSession(PrintWriter out, PrintWriter err, ClusterOptions cluster, String arm, RolloutOptions rollouts,
            Prompt prompt) {
        this(out, err, cluster, arm, rollouts, prompt, new PrometheusOptions());
    }

    /**
     * @param cluster  how to reach a cluster target
     * @param arm      run only this arm (by name), or null for every arm
     * @param rollouts what the user decided about a cluster's encapsulation switches
     * @param prompt   where the user confirms them
     * @param prometheus which Prometheus the runs are compared with
     */
    CampaignSession(PrintWriter out, PrintWriter err, ClusterOptions cluster, String arm, RolloutOptions rollouts,
            Prompt prompt, PrometheusOptions prometheus) {
        this.prometheus = prometheus;
        this.out = out;
        this.err = err;
        this.cluster = cluster;
        this.arm = arm;
        this.rollouts = rollouts;
        this.prompt = prompt;
    }

    /** Where a new campaign's results go unless {@code --out} says otherwise. */
    static Path defaultOut(CampaignSpec spec) {
        return defaultOut(spec.name());
    }

    /** Where results named {@code name} go unless {@code --out} says otherwise: results/<name>-<time>. */
    static Path defaultOut(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return Path.of("results", (slug.isEmpty() ? "campaign" : slug) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /**
     * Runs what the results directory is missing. {@code resume} false creates the directory
     * from {@code yaml}; true appends to it.
     */
    int execute(CampaignSpec spec, String yaml, Path dir, boolean resume) throws IOException {
        return execute(spec, yaml, dir, resume, false);
    }

    /** As above; {@code analyze} ends with the analysis (summary.json and the verdict) instead of the raw table. */
    int execute(CampaignSpec spec, String yaml, Path dir, boolean resume, boolean analyze) throws IOException {
        PrometheusChecks.check(prometheus.effective(spec), !spec.target().isLab());
        if (resume) {
            OutputDir.checkResumable(dir);
        } else {
            OutputDir.checkNew(dir);
        }
        ArmSpec only = armToRun(spec, dir, resume);
        Plan plan = only == null ? Plan.of(spec) : Plan.of(spec).onlyArm(only);
        TargetTraits traits = spec.target().traits();
        KubernetesClient client = spec.target().cluster() == null ? null
                : cluster.connect(spec.target().cluster().context());
        try (StopRequest stop = new StopRequest(err)) {
            // The first arm may need a switch of its own, and a restore is one more.
            int switches = plan.switches() + 1 + (rollouts.restore ? 1 : 0);
            Target target = targetFor(spec, client, rollouts.forCampaign(prompt, switches, stop));
            stop.install("stopping: the current run ends, recorded as interrupted"
                    + (traits.stopLimitSeconds() <= STOP_NOTE_ABOVE_SECONDS ? ""
                    : ", and a rollout is no longer waited for; then what the campaign created is removed, and"
                            + " kubens-bench exits when that is done (a second Ctrl-C does not cut it short; kill -9"
                            + " does, and then " + target.traits().cleanupAfterKill() + ")"));
            return execute(spec, yaml, dir, resume, analyze, only, plan, traits, client, target, stop.flag());
        }
    }

    private int execute(CampaignSpec spec, String yaml, Path dir, boolean resume, boolean analyze, ArmSpec only,
            Plan plan, TargetTraits traits, KubernetesClient client, Target target, AtomicBoolean stop)
            throws IOException {
        Runner.Outcome outcome;
        try {
            VerdictReach.warning(spec).ifPresent(warning -> err.println("kubens-bench: " + warning));
            err.println("kubens-bench: campaign '" + spec.name() + "', " + plan.runs().size() + " runs, about "
                    + Durations.rough(plan.estimate())
                    + (traits.armSwitching() == TargetTraits.ArmSwitching.ROLLOUT && plan.switches() > 0
                    ? " plus " + plan.switches() + " rollouts (plan estimates them)" : "") + "; results in " + dir);
            Progress progress = Progress.forConsole(err);
            PrometheusSpec wanted = prometheus.effective(spec);
            PrometheusCheck check = PrometheusChecks.open(wanted, client,
                    line -> progress.message("kubens-bench: " + line)).orElse(null);
            err.println("kubens-bench: starting the target ...");
            err.flush();
            target.prepare();
            if (only != null && !traits.switchesItself()) {
                target.requireArm(only.name(), only.state());
            }
            ResultsStore store = resume ? ResultsStore.resume(dir) : ResultsStore.create(dir, yaml,
                    CampaignRecords.of(spec, check == null ? null : wanted), target.traits(), target.describe());
            outcome = new Runner(target, spec, plan, store, progress, stop, check).run();
        } finally {
            target.close();
            if (client != null) {
                client.close();
            }
        }
        List<RunRecord> runs = new ResultsDir(dir).runs();
        if (analyze && !outcome.interrupted()) {
            Summary summary = CampaignAnalysis.analyze(List.of(dir));
            SummaryJson.write(summary, dir.resolve(SummaryJson.FILE));
            out.println();
            new SummaryTable(out).print(summary, new ResultsDir(dir).rollouts());
            out.println();
            Environment env = new ResultsDir(dir).environment();
            summary.cells().forEach(c -> out.println("verdict: " + Wording.verdict(summary, c, env)
                    + Wording.caveat(summary, c).map(caveat -> " " + caveat).orElse("")));
            System.setProperty("java.awt.headless", "true");
            out.println("report: " + new ReportWriter().write(dir, summary));
        } else {
            new ArmTable(out).print(spec, runs);
            new ResultsDir(dir).rollouts().forEach(r -> out.println(Wording.rollout(r)));
            List<Unreadable> unreadable = new ResultsDir(dir).unreadable();
            if (!unreadable.isEmpty()) {
                out.println(ResultsDirText.skippedCount(unreadable) + ":");
                ResultsDirText.skippedLines(unreadable).forEach(line -> out.println("  " + line));
            }
        }
        out.println("results: " + dir);
        out.flush();
        if (outcome.interrupted()) {
            err.println("kubens-bench: interrupted; " + ResultsDir.validIndexes(runs).size() + " of "
                    + outcome.planned() + " runs done; finish with: kubens-bench run --resume " + dir);
            err.flush();
            return Main.FAILED;
        }
        if (outcome.invalid() > 0) {
            err.println("kubens-bench: " + outcome.invalid() + " of " + outcome.ran()
                    + " runs were invalid (reasons in runs.jsonl); the analysis leaves them out");
            err.flush();
        }
        return Main.OK;
    }

    private Target targetFor(CampaignSpec spec, KubernetesClient client, SwitchOptions switching) {
        String version = new Main.Version().getVersion()[0];
        if (client == null) {
            return LabTargets.open(version);
        }
        return ClusterTargets.open(client, spec.target().cluster(), version, spec.sampling().interval(), switching,
                line -> {
            err.println("kubens-bench: " + line);
            err.flush();
        });
    }

    /**
     * The one arm to run, or null for all. A cluster whose encapsulation is switched by hand
     * runs one arm per invocation; a resume without {@code --arm} continues the arm the
     * directory holds.
     */
    private ArmSpec armToRun(CampaignSpec spec, Path dir, boolean resume) throws IOException {
        String name = arm;
        if (name == null && resume) {
            List<String> arms = new ResultsDir(dir).runs().stream().map(RunRecord::arm).distinct().toList();
            if (!spec.target().traits().switchesItself() && arms.size() == 1) {
                name = arms.get(0);
            }
        }
        if (name == null) {
            if (!spec.target().traits().switchesItself()) {
                throw new IllegalArgumentException("campaign '" + spec.name() + "' has encapsulation: manual, so each arm"
                        + " is its own run: switch the nodes, then run --arm " + spec.baseline().name() + " (or --arm "
                        + spec.candidate().name() + "), and analyze the two directories together");
            }
            return null;
        }
        String wanted = name;
        return spec.arms().stream().filter(a -> a.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--arm " + wanted + ": the campaign's arms are "
                        + spec.arms().stream().map(ArmSpec::name).toList()));
    }
}
