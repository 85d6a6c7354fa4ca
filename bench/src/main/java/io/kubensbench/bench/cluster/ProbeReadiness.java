package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.workloads.cluster.ApiErrors;
import io.kubensbench.workloads.cluster.PodDiagnosis;
import io.kubensbench.workloads.time.Deadline;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wait until the probe is ready on every node its DaemonSet is scheduled to. Readiness,
 * not only Running: the probe's first line is what a campaign waits for next. A timeout says
 * for each node why its probe is not ready, and says so when the DaemonSet is scheduled on no
 * node at all, which is a node selector that matches none.
 */
final class ProbeReadiness {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final ProbeManifests manifests;

    ProbeReadiness(KubernetesClient client, ProbeManifests manifests) {
        this.client = client;
        this.manifests = manifests;
    }

    /** Node name to ready probe pod name, once every scheduled node has one. */
    Map<String, String> await(Duration timeout) throws IOException {
        String namespace = manifests.namespace();
        Deadline deadline = Deadline.after(timeout);
        while (true) {
            DaemonSet ds;
            List<Pod> pods;
            try {
                ds = client.apps().daemonSets().inNamespace(namespace).withName(ProbeManifests.NAME).get();
                pods = client.pods().inNamespace(namespace).withLabels(manifests.selectorLabels()).list().getItems();
            } catch (KubernetesClientException e) {
                throw ApiErrors.explain(e, "get", "the probe DaemonSet " + namespace + "/" + ProbeManifests.NAME
                        + " and its pods");
            }
            if (ds == null) {
                throw new IOException("the probe DaemonSet " + namespace + "/" + ProbeManifests.NAME
                        + " does not exist; deploy the probe first");
            }
            DaemonSetStatus status = ds.getStatus();
            int desired = status == null || status.getDesiredNumberScheduled() == null ? 0
                    : status.getDesiredNumberScheduled();
            int ready = status == null || status.getNumberReady() == null ? 0 : status.getNumberReady();
            Map<String, String> byNode = readyPods(pods);
            if (desired > 0 && ready >= desired && byNode.size() >= desired) {
                return byNode;
            }
            if (deadline.passed()) {
                throw new IOException(notReady(timeout, desired, byNode, pods));
            }
            try {
                deadline.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the node probe");
            }
        }
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

    private String notReady(Duration timeout, int desired, Map<String, String> ready, List<Pod> pods) {
        String head = "the node probe is not ready within " + Durations.exact(timeout);
        if (desired == 0) {
            Map<String, String> nodeSelector = manifests.nodeSelector();
            return head + ": its DaemonSet " + manifests.namespace() + "/" + ProbeManifests.NAME
                    + " is scheduled on no node"
                    + (nodeSelector.isEmpty() ? "" : " (nodeSelector " + new TreeMap<>(nodeSelector) + " matches none)");
        }
        List<String> reasons = new ArrayList<>();
        int withPod = 0;
        for (Pod pod : pods) {
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if (node != null) {
                withPod++;
            }
            if (!isReady(pod)) {
                reasons.add((node == null ? "unscheduled pod " + pod.getMetadata().getName() : "node " + node)
                        + ": " + PodDiagnosis.of(pod));
            }
        }
        if (withPod < desired) {
            reasons.add((desired - withPod) + " of " + desired + " nodes have no probe pod yet");
        }
        return head + " (" + ready.size() + " of " + desired + " nodes ready): " + String.join("; ", reasons);
    }
}
