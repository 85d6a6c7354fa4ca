package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.workloads.cluster.ApiErrors;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a cluster campaign records about where it ran: the nodes' kernels, OS images and
 * runtimes as their status reports them, systemd's version as the probe read it on the nodes,
 * and the API server's version. Nodes that differ are all named, so results from a mixed pool
 * say so.
 */
final class ClusterEnvironment {

    private ClusterEnvironment() {
    }

    /** The environment of {@code selected}, with {@code lines} one probe line per node. */
    static Environment of(KubernetesClient client, String version, SelectedNodes selected,
            Collection<ProbeLine> lines) throws IOException {
        Set<String> kernels = new TreeSet<>();
        Set<String> images = new TreeSet<>();
        int cpus = 0;
        long memory = 0;
        for (Node node : selected.nodes()) {
            if (node.getStatus() == null || node.getStatus().getNodeInfo() == null) {
                continue;
            }
            kernels.add(node.getStatus().getNodeInfo().getKernelVersion());
            images.add(node.getStatus().getNodeInfo().getOsImage() + ", " + node.getStatus().getNodeInfo()
                    .getContainerRuntimeVersion());
            cpus = Math.max(cpus, (int) node.getStatus().getCapacity().get("cpu").getNumericalAmount().longValue());
            memory = Math.max(memory, node.getStatus().getCapacity().get("memory").getNumericalAmount().longValue());
        }
        Set<String> versions = new TreeSet<>();
        for (ProbeLine line : lines) {
            String v = line.systemdVersion();
            if (v != null) {
                versions.add(v);
            }
        }
        String systemd = versions.isEmpty() ? "not read (" + String.join("; ", images) + ")" : String.join(", ", versions);
        String clusterVersion;
        try {
            var v = client.getKubernetesVersion();
            clusterVersion = v == null ? null : v.getGitVersion() != null ? v.getGitVersion()
                    : v.getMajor() == null ? null : v.getMajor() + "." + v.getMinor();
        } catch (KubernetesClientException e) {
            throw ApiErrors.explain(e, "get", "the API server's /version");
        }
        return new Environment(version, "cluster", InetAddress.getLocalHost().getHostName(), String.join(", ", kernels),
                systemd, String.join("; ", images), cpus, memory,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), null,
                Instant.now().toString(), clusterVersion, selected.names());
    }
}
