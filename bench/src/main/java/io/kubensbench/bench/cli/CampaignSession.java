package io.kubensbench.bench.cli;

import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.reports.html.ReportWriter;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Plan;
import io.kubensbench.bench.campaign.Progress;
import io.kubensbench.bench.campaign.ResultsStore;
import io.kubensbench.bench.campaign.Runner;
import io.kubensbench.bench.campaign.Target;
import io.kubensbench.bench.lab.LabTarget;
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

    CampaignSession(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
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
        Target target = targetFor(spec);
        Plan plan = Plan.of(spec);
        AtomicBoolean stop = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stop.set(true);
            err.println();
            err.println("kubens-bench: stopping after the current run is recorded ...");
            err.flush();
            try {
                main.join(60_000);
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
            ResultsStore store = resume ? ResultsStore.resume(dir) : ResultsStore.create(dir, yaml, target.describe());
            outcome = new Runner(target, spec, plan, store, Progress.forConsole(err), stop).run();
        } finally {
            target.close();
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

    private static Target targetFor(CampaignSpec spec) {
        if (spec.target().lab() != null) {
            return new LabTarget(new Main.Version().getVersion()[0]);
        }
        throw new IllegalArgumentException("campaign '" + spec.name()
                + "' names a cluster target, which this version cannot run yet; use target: {lab: {}}");
    }
}
