package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.workloads.cluster.CleanupReport;
import io.kubensbench.workloads.ids.Ids;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One probe line from every node that matches a selector, read by a short-lived probe that is
 * removed (by its own run label) before this returns: what {@code encapsulation status} and
 * {@code verify} show per node.
 */
public final class ProbeSnapshot {

    private final KubernetesClient client;
    private final String image;
    private final Duration timeout;
    private final Consumer<String> log;
    private final ProbeLogs logs;

    public ProbeSnapshot(KubernetesClient client, String image, Duration timeout, Consumer<String> log) {
        this(client, image, timeout, log, ProbeLogs.FOLLOW);
    }

    ProbeSnapshot(KubernetesClient client, String image, Duration timeout, Consumer<String> log,
            ProbeLogs logs) {
        this.client = client;
        this.image = image;
        this.timeout = timeout;
        this.log = log;
        this.logs = logs;
    }

    /** Node name to its probe line (null when its probe printed none in time). */
    public Map<String, ProbeLine> take(Map<String, String> nodeSelector) throws IOException {
        String runId = Ids.random();
        NodeProbe probe = NodeProbe.forCluster(client,
                ClusterManifests.probeNamespace(ClusterTargetSpec.DEFAULT_NAMESPACE, runId), image, runId, Duration.ofSeconds(1),
                nodeSelector);
        Map<String, ProbeStream> streams = new LinkedHashMap<>();
        try {
            log.accept("starting a probe on every node (run id " + runId + ") ...");
            probe.deploy();
            Map<String, String> pods = probe.awaitReady(timeout);
            pods.forEach((node, pod) -> streams.put(node, logs.open(probe, node, pod)));
            Map<String, ProbeLine> lines = new TreeMap<>();
            for (Map.Entry<String, ProbeStream> e : streams.entrySet()) {
                lines.put(e.getKey(), e.getValue().awaitNext(Duration.ofSeconds(30)));
            }
            return lines;
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
