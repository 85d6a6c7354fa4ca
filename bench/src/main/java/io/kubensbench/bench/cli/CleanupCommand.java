package io.kubensbench.bench.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.bench.cluster.ClusterCleanups;
import io.kubensbench.workloads.cluster.CleanupReport;
import io.kubensbench.workloads.cluster.ClusterCleanup;
import io.kubensbench.workloads.cluster.RunLeftovers;
import io.kubensbench.workloads.time.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench cleanup --run-id ID | --all}: removes what cluster campaigns left, one
 * run at a time and only what is labelled and named for that run, so nothing kubens-bench
 * did not create is touched. {@code --all} may reach another person's live campaign, so it
 * lists every run first and deletes only once confirmed.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Remove what a cluster campaign left behind: objects labelled and named for its run id.")
final class CleanupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions.CurrentContext cluster;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--run-id", paramLabel = "ID", required = true,
                description = "The run id a campaign printed when it started.")
        String runId;

        @Option(names = "--all", required = true,
                description = "Every run kubens-bench left on the cluster, anyone's: lists them per run and asks"
                        + " first (--yes to confirm without asking).")
        boolean all;
    }

    @Option(names = "--dry-run", description = "List what would be deleted, per run, and delete nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "With --all: delete without asking (for scripts).")
    boolean yes;

    /** Where cleanup --all asks before it deletes. */
    Prompt prompt = Prompt.console();

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long to wait for namespaces to go (default ${DEFAULT-VALUE}); those still"
                    + " terminating are listed, not waited on.")
    Duration wait;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient client = cluster.connect(null)) {
            ClusterCleanup cleanup = ClusterCleanups.forCluster(client);
            Map<String, RunLeftovers> runs = which.all ? cleanup.findAll()
                    : Map.of(which.runId, cleanup.find(which.runId));
            if (which.all || dryRun) {
                print(out, runs);
            }
            if (dryRun || runs.values().stream().allMatch(RunLeftovers::isEmpty) && which.all) {
                out.println(dryRun ? "dry run: nothing deleted" : "nothing of kubens-bench on this cluster");
                out.flush();
                return Main.OK;
            }
            if (which.all) {
                CleanupConfirmation.require(runs.size(), yes, prompt);
            }
            return delete(cleanup, runs, out);
        }
    }

    private static void print(PrintWriter out, Map<String, RunLeftovers> runs) {
        Instant now = Instant.now();
        runs.values().forEach(run -> run.describe(now).forEach(out::println));
        out.flush();
    }

    private int delete(ClusterCleanup cleanup, Map<String, RunLeftovers> runs, PrintWriter out)
            throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        List<String> terminating = new ArrayList<>();
        boolean failed = false;
        boolean refused = false;
        for (RunLeftovers run : runs.values()) {
            CleanupReport report = cleanup.delete(run, wait);
            out.println((runs.size() > 1 || which.all ? "run " + run.runId() + ": " : "") + report.summary());
            out.flush();
            terminating.addAll(report.namespacesStillTerminating());
            failed |= !report.failures().isEmpty();
            refused |= report.refused();
        }
        if (!terminating.isEmpty()) {
            err.println("kubens-bench: still terminating after " + Durations.exact(wait) + ": "
                    + String.join(", ", terminating) + " (a finalizer holds them; see kubectl get namespace NAME -o yaml)");
        }
        if (failed) {
            err.println("kubens-bench: cleanup is incomplete: what failed is listed above; run it again once fixed");
        }
        err.flush();
        return refused ? Main.BAD_INPUT : failed || !terminating.isEmpty() ? Main.FAILED : Main.OK;
    }
}
