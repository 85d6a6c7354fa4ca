package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.workloads.cluster.CleanupReport;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import io.kubensbench.workloads.ids.Ids;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One probe line from every node that matches a selector and can run the probe, read by a
 * short-lived probe that is removed (by its own run id) before this returns: what
 * {@code encapsulation status} and {@code verify} show per node. Nodes that cannot run it
 * (NotReady, cordoned, not Linux) are named with the reason, not waited for.
 */
public final class ProbeSnapshot {

    /**
     * What the probe read.
     *
     * @param lines   node name to its probe line (null when its probe printed none in time)
     * @param skipped node name to why the probe did not run there
     */
    public record Readings(Map<String, ProbeLine> lines, Map<String, String> skipped) {
    }

    private final KubernetesClient client;
    private final String image;
    private final ProbePrivileges privileges;
    private final Duration timeout;
    private final Consumer<String> log;
    private final ProbeLogs logs;

    public ProbeSnapshot(KubernetesClient client, String image, ProbePrivileges privileges, Duration timeout,
            Consumer<String> log) {
        this(client, image, privileges, timeout, log, ProbeLogs.FOLLOW);
    }

    ProbeSnapshot(KubernetesClient client, String image, ProbePrivileges privileges, Duration timeout,
            Consumer<String> log, ProbeLogs logs) {
        this.client = client;
        this.image = image;
        this.privileges = privileges;
        this.timeout = timeout;
        this.log = log;
        this.logs = logs;
    }

    /** Each usable node's probe line, and the nodes skipped. */
    public Readings take(Map<String, String> nodeSelector) throws IOException {
        String runId = Ids.random();
        NodeProbe probe = NodeProbe.forCluster(client,
                ClusterManifests.probeNamespace(ClusterTargetSpec.DEFAULT_NAMESPACE, runId), image, runId, Duration.ofSeconds(1),
                nodeSelector, privileges);
        UsableNodes usable = probe.usableNodes();
        if (usable.names().isEmpty()) {
            throw new ClusterAccessException("no node can run the probe" + (usable.skipped().isEmpty()
                    ? " (none matches " + nodeSelector + ")" : ": " + usable.describeSkipped()));
        }
        Map<String, ProbeStream> streams = new LinkedHashMap<>();
        try {
            log.accept("starting a probe on " + usable.names().size() + " node(s) (run id " + runId + ")"
                    + (usable.skipped().isEmpty() ? "" : "; skipped: " + usable.describeSkipped()) + " ...");
            probe.deploy();
            Map<String, String> pods = probe.awaitReady(timeout, usable.names());
            pods.forEach((node, pod) -> streams.put(node, logs.open(probe, node, pod)));
            Map<String, ProbeLine> lines = new TreeMap<>();
            for (Map.Entry<String, ProbeStream> e : streams.entrySet()) {
                lines.put(e.getKey(), e.getValue().awaitNext(Duration.ofSeconds(30)));
            }
            return new Readings(lines, usable.skipped());
        } finally {
            streams.values().forEach(ProbeStream::close);
            try {
                CleanupReport report = ClusterCleanups.forCluster(client).cleanup(runId, Duration.ofMinutes(1));
                if (!report.failures().isEmpty()) {
                    log.accept("could not remove all of the probe: " + String.join("; ", report.failures())
                            + "; run kubens-bench cleanup --run-id " + runId);
                }
            } catch (RuntimeException e) {
                log.accept("could not remove the probe: " + e.getMessage() + "; run kubens-bench cleanup --run-id "
                        + runId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
