package io.kubensbench.bench.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.bench.run.Progress;
import io.kubensbench.bench.run.ResultsStore;
import io.kubensbench.bench.run.Runner;
import io.kubensbench.bench.target.Target;
import io.kubensbench.bench.cluster.ClusterTarget;
import io.kubensbench.bench.lab.LabTarget;
import io.kubensbench.reports.html.ReportWriter;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
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
 * directory (new or resumed), the runner, Ctrl-C handling, teardown and the closing summary.
 */
final class CampaignSession {

    private final PrintWriter out;
    private final PrintWriter err;
    private final ClusterOptions cluster;
    private final String arm;

    CampaignSession(PrintWriter out, PrintWriter err) {
        this(out, err, new ClusterOptions(), null);
    }

    /**
     * @param cluster how to reach a cluster target
     * @param arm     run only this arm (by name), or null for every arm
     */
    CampaignSession(PrintWriter out, PrintWriter err, ClusterOptions cluster, String arm) {
        this.out = out;
        this.err = err;
        this.cluster = cluster;
        this.arm = arm;
    }

    /** Where a new campaign's results go unless {@code --out} says otherwise. */
    static Path defaultOut(CampaignSpec spec) {
        String slug = spec.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
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
        ArmSpec only = armToRun(spec, dir, resume);
        Plan plan = only == null ? Plan.of(spec) : Plan.of(spec).onlyArm(only);
        KubernetesClient client = spec.target().isLab() ? null : cluster.connect(spec.target().cluster().context());
        Target target = targetFor(spec, client);
        AtomicBoolean stop = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stop.set(true);
            err.println();
            err.println("kubens-bench: stopping after the current run is recorded ..." + (spec.target().isLab() ? ""
                    : " then removing what the campaign created on the cluster (kill -9 skips that: then run"
                    + " kubens-bench cleanup --run-id " + ((ClusterTarget) target).runId() + ")"));
            err.flush();
            try {
                // A cluster's tear-down waits for pods and namespaces to go; the lab's takes seconds.
                main.join(spec.target().isLab() ? 60_000 : 600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kubens-bench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Runner.Outcome outcome;
        try {
            err.println("kubens-bench: campaign '" + spec.name() + "', " + plan.runs().size() + " runs, about "
                    + Progress.format(plan.estimate(Plan.LAB_RUN_OVERHEAD)) + "; results in " + dir);
            err.println("kubens-bench: starting the target ...");
            err.flush();
            target.prepare();
            if (only != null && target instanceof ClusterTarget cluster
                    && ClusterTargetSpec.MANUAL.equals(spec.target().cluster().encapsulation())) {
                cluster.requireArm(only.name(), only.state());
            }
            ResultsStore store = resume ? ResultsStore.resume(dir) : ResultsStore.create(dir, yaml, target.describe());
            outcome = new Runner(target, spec, plan, store, Progress.forConsole(err), stop).run();
        } finally {
            target.close();
            if (client != null) {
                client.close();
            }
            if (!stop.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        List<RunRecord> runs = new ResultsDir(dir).runs();
        if (analyze && !outcome.interrupted()) {
            Summary summary = CampaignAnalysis.analyze(List.of(dir), CampaignAnalysis.DEFAULT_SEED,
                    CampaignAnalysis.DEFAULT_RESAMPLES);
            SummaryJson.write(summary, dir.resolve(SummaryJson.FILE));
            out.println();
            new SummaryTable(out).print(summary);
            out.println();
            summary.cells().forEach(c -> out.println("verdict " + SummaryTable.verdict(summary, c)));
            System.setProperty("java.awt.headless", "true");
            out.println("report: " + new ReportWriter().write(dir, summary));
        } else {
            new ArmTable(out).print(spec, runs);
        }
        out.println("results: " + dir);
        out.flush();
        if (outcome.interrupted()) {
            err.println("kubens-bench: interrupted; " + runs.stream().filter(RunRecord::valid).count() + " of "
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

    private Target targetFor(CampaignSpec spec, KubernetesClient client) {
        String version = new Main.Version().getVersion()[0];
        if (spec.target().isLab()) {
            return new LabTarget(version);
        }
        return new ClusterTarget(client, spec.target().cluster(), ClusterTarget.newRunId(), version,
                spec.sampling().interval(), options(spec.target().cluster()), ClusterTarget.Timeouts.defaults(),
                line -> {
                    err.println("kubens-bench: " + line);
                    err.flush();
                });
    }

    private static ClusterWorkloadOptions options(ClusterTargetSpec cluster) {
        ClusterWorkloadOptions d = ClusterWorkloadOptions.defaults();
        return new ClusterWorkloadOptions(cluster.qps(), cluster.burst(), d.runningTimeout(), d.deleteTimeout());
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
            boolean manual = !spec.target().isLab()
                    && ClusterTargetSpec.MANUAL.equals(spec.target().cluster().encapsulation());
            if (manual && arms.size() == 1) {
                name = arms.get(0);
            }
        }
        if (name == null) {
            if (!spec.target().isLab() && ClusterTargetSpec.MANUAL.equals(spec.target().cluster().encapsulation())) {
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
