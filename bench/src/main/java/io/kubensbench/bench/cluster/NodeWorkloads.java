package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.bench.target.Target;
import io.kubensbench.workloads.cluster.ClusterWorkload;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
import io.kubensbench.workloads.cluster.RateLimiter;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A level's pods on every selected node, pinned to it: each node is measured under the same
 * load. All nodes' writes share one rate limiter, so the campaign's QPS holds for the cluster,
 * not per node.
 */
final class NodeWorkloads {

    private final KubernetesClient client;
    private final ClusterManifests manifests;
    private final SelectedNodes selected;
    private final RateLimiter limiter;
    private final ClusterWorkloadOptions options;
    private final Map<String, ClusterWorkload> workloads = new LinkedHashMap<>();

    NodeWorkloads(KubernetesClient client, ClusterManifests manifests, SelectedNodes selected,
            ClusterWorkloadOptions options) {
        this.client = client;
        this.manifests = manifests;
        this.selected = selected;
        this.limiter = new RateLimiter(options.qps(), options.burst());
        this.options = options;
    }

    /** Creates the level's pods on every node, then waits until all of them run. */
    void deploy(WorkloadSpec workload, String tag) throws IOException {
        workloads.clear();
        List<String> names = selected.names();
        try {
            for (int k = 0; k < names.size(); k++) {
                String node = names.get(k);
                ClusterWorkload w = new ClusterWorkload(client,
                        manifests.factory(workload, ClusterManifests.attempt(tag, k), selected.hostname(node)), limiter,
                        options);
                workloads.put(node, w);
                w.deploy(n -> { });
            }
            for (ClusterWorkload w : workloads.values()) {
                w.awaitRunning(options.runningTimeout(), n -> { });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while deploying pods");
        }
    }

    /**
     * Starts the workload's churn on every node. It does not count mount events: the probe
     * counts them on each node, in PID 1's mount table, whoever made them.
     */
    Target.Churn startChurn(WorkloadSpec workload) {
        double rate = workload.churn().podsPerSecond();
        if (rate <= 0) {
            return Target.Churn.none();
        }
        Map<String, ClusterWorkload.Churner> churners = new LinkedHashMap<>();
        workloads.forEach((node, w) -> churners.put(node, w.startChurn(rate)));
        return () -> {
            IOException first = null;
            for (ClusterWorkload.Churner c : churners.values()) {
                try {
                    c.stop();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        };
    }

    /** Deletes every node's pods; the first failure is thrown after all were tried. */
    void undeploy() throws IOException {
        IOException first = null;
        for (ClusterWorkload w : workloads.values()) {
            try {
                w.delete();
            } catch (IOException e) {
                first = first == null ? e : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = first == null ? new InterruptedIOException("interrupted while deleting pods") : first;
            }
        }
        workloads.clear();
        if (first != null) {
            throw first;
        }
    }
}
