package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.workloads.cluster.ClusterCleanup;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
import java.util.List;

/**
 * The cleanup that knows every kind a campaign creates: the workload's kinds, and the node
 * probe's OpenShift SecurityContextConstraints (skipped where the cluster does not serve it).
 */
public final class ClusterCleanups {

    private ClusterCleanups() {
    }

    public static ClusterCleanup forCluster(KubernetesClient client) {
        return new ClusterCleanup(client, ClusterWorkloadOptions.defaults().newRateLimiter(), List.of(ProbeManifests.SCC));
    }
}
