package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.workloads.cluster.ApiErrors;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import io.kubensbench.workloads.cluster.PodDiagnosis;
import io.kubensbench.workloads.time.Deadline;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The wait until the probe is ready on the nodes a caller needs it on. Readiness, not only
 * Running: the probe's first line is what a campaign waits for next. The nodes are named by
 * the caller, not taken from the DaemonSet's status: the DaemonSet tolerates every taint, so
 * it also counts nodes that are NotReady, where its pod never becomes ready.
 *
 * <p>When the cluster refuses the probe's pods (Pod Security, an SCC, a quota, a webhook), the
 * DaemonSet controller says so only in FailedCreate events on the DaemonSet; those are read
 * and reported with the server's words, at once once they persist, instead of waiting out
 * the timeout with "no probe pod yet". A timeout says for each node why its probe is not ready.
 */
final class ProbeReadiness {

    private static final Duration POLL = Duration.ofSeconds(1);
    /** How long a refusal of the probe's pods may last before it counts as the cluster's answer. */
    static final Duration REFUSAL_GRACE = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final ProbeManifests manifests;
    private final Duration refusalGrace;

    ProbeReadiness(KubernetesClient client, ProbeManifests manifests) {
        this(client, manifests, REFUSAL_GRACE);
    }

    ProbeReadiness(KubernetesClient client, ProbeManifests manifests, Duration refusalGrace) {
        this.client = client;
        this.manifests = manifests;
        this.refusalGrace = refusalGrace;
    }

    /**
     * The nodes that match the probe's selector and can run it now, and those that cannot with
     * the reason (NotReady, cordoned, not Linux): what {@code encapsulation status} probes.
     */
    UsableNodes usableNodes() throws IOException {
        List<Node> nodes;
        try {
            nodes = client.nodes().withLabels(manifests.nodeSelector()).list().getItems();
        } catch (KubernetesClientException e) {
            throw ApiErrors.explain(e, "list", "nodes");
        }
        return UsableNodes.of(nodes);
    }

    /** Node name to ready probe pod name, once each of {@code nodes} has one. */
    Map<String, String> await(Duration timeout, Collection<String> nodes) throws IOException {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no node to wait for the probe on");
        }
        Set<String> wanted = new TreeSet<>(nodes);
        String namespace = manifests.namespace();
        Deadline deadline = Deadline.after(timeout);
        Deadline refusal = Deadline.after(refusalGrace);
        // Events older than this wait belong to an earlier refusal, since fixed; a minute of
        // slack for the API server's clock.
        Instant since = Instant.now().minus(Duration.ofMinutes(1));
        while (true) {
            List<Pod> pods;
            try {
                pods = client.pods().inNamespace(namespace).withLabels(manifests.selectorLabels()).list().getItems();
            } catch (KubernetesClientException e) {
                throw ApiErrors.explain(e, "list", "the probe's pods in namespace " + namespace);
            }
            Map<String, String> ready = readyPods(pods);
            if (ready.keySet().containsAll(wanted)) {
                Map<String, String> out = new TreeMap<>(ready);
                out.keySet().retainAll(wanted);
                return out;
            }
            Set<String> withoutPod = withoutPod(wanted, pods);
            if (!withoutPod.isEmpty() && (refusal.passed() || deadline.passed())) {
                List<String> refused = new ProbeEvents(client, manifests).failedCreates(since);
                if (!refused.isEmpty()) {
                    throw new ClusterAccessException("the cluster refused the probe's pods (" + withoutPod.size()
                            + " of " + wanted.size() + " nodes have none; FailedCreate on DaemonSet " + namespace + "/"
                            + ProbeManifests.NAME + "): " + String.join("; ", refused));
                }
            }
            if (deadline.passed()) {
                throw new IOException(notReady(timeout, wanted, ready, pods, withoutPod));
            }
            try {
                deadline.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the node probe");
            }
        }
    }

    private static Set<String> withoutPod(Set<String> wanted, List<Pod> pods) {
        Set<String> without = new TreeSet<>(wanted);
        for (Pod pod : pods) {
            if (pod.getSpec() != null && pod.getMetadata().getDeletionTimestamp() == null) {
                without.remove(pod.getSpec().getNodeName());
            }
        }
        return without;
    }

    private static Map<String, String> readyPods(List<Pod> pods) {
        Map<String, String> byNode = new TreeMap<>();
        for (Pod pod : pods) {
            if (isReady(pod)) {
                byNode.put(pod.getSpec().getNodeName(), pod.getMetadata().getName());
            }
        }
        return byNode;
    }

    private static boolean isReady(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getSpec() == null
                || pod.getSpec().getNodeName() == null || pod.getStatus() == null
                || !"Running".equals(pod.getStatus().getPhase()) || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private String notReady(Duration timeout, Set<String> wanted, Map<String, String> ready, List<Pod> pods,
            Set<String> withoutPod) {
        List<String> reasons = new ArrayList<>();
        for (Pod pod : pods) {
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if ((node == null || wanted.contains(node)) && !isReady(pod)) {
                reasons.add((node == null ? "unscheduled pod " + pod.getMetadata().getName() : "node " + node)
                        + ": " + PodDiagnosis.of(pod));
            }
        }
        if (!withoutPod.isEmpty()) {
            List<String> refused = new ProbeEvents(client, manifests).failedCreates(null);
            reasons.add("no probe pod on " + String.join(", ", withoutPod) + (refused.isEmpty()
                    ? " (is the node gone, or its nodeSelector or taints keeping DaemonSets off?)"
                    : " (FailedCreate: " + String.join("; ", refused) + ")"));
        }
        long readyWanted = ready.keySet().stream().filter(wanted::contains).count();
        return "the node probe is not ready within " + Durations.exact(timeout) + " (" + readyWanted + " of "
                + wanted.size() + " nodes ready): " + String.join("; ", reasons);
    }
}
