package io.kubensbench.bench.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.bench.cluster.ClusterCleanups;
import io.kubensbench.workloads.cluster.CleanupReport;
import io.kubensbench.workloads.time.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench cleanup --run-id ID | --all}: removes what a cluster campaign left
 * (pods, probe, bindings, namespaces), by label only, so nothing it did not create is touched.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Remove what a cluster campaign left behind, by its labels only.")
final class CleanupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--run-id", paramLabel = "ID", required = true,
                description = "The run id a campaign printed when it started.")
        String runId;

        @Option(names = "--all", required = true, description = "Everything any kubens-bench campaign created.")
        boolean all;
    }

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long to wait for namespaces to go (default ${DEFAULT-VALUE}); those still"
                    + " terminating are listed, not waited on.")
    Duration wait;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (KubernetesClient client = cluster.connect(null)) {
            CleanupReport report = ClusterCleanups.forCluster(client).cleanup(which.all ? null : which.runId,
                    wait);
            out.println(report.summary());
            out.flush();
            if (!report.namespacesStillTerminating().isEmpty()) {
                spec.commandLine().getErr().println("kubens-bench: still terminating after " + Durations.exact(wait) + ": "
                        + String.join(", ", report.namespacesStillTerminating())
                        + " (a finalizer holds them; see kubectl get namespace NAME -o yaml)");
                return Main.FAILED;
            }
            return Main.OK;
        }
    }
}
