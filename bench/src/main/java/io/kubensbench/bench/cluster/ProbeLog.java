package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.kubensbench.workloads.cluster.ApiErrors;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * The probe's log on one node, as the API server streams it. A node's probe pod changes when
 * the node reboots (an arm switch) or the pod restarts, so after a break, or a stall, the log
 * is opened again on the node's current probe pod, asking only for its newest line.
 */
final class ProbeLog {

    private static final Duration REOPEN_DELAY = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final ProbeManifests manifests;

    ProbeLog(KubernetesClient client, ProbeManifests manifests) {
        this.client = client;
        this.manifests = manifests;
    }

    /**
     * Follows the log on {@code node}, starting at {@code podName}; a log silent for three probe
     * intervals (at least 5 s) is reopened.
     */
    ProbeStream stream(String node, String podName) {
        return stream(node, source(node, podName));
    }

    /** Follows {@code source} as the log of {@code node}, with the reopen delay and idle limit above. */
    ProbeStream stream(String node, ProbeStream.Source source) {
        return new ProbeStream(node, source, REOPEN_DELAY, ProbeStream.idleLimit(manifests.interval()));
    }

    /**
     * The log on {@code node} as its stream opens it: {@code podName}'s whole log first; after a
     * break, the newest line of the node's current probe pod. Apart from {@link #stream} so that a
     * test can watch every byte the stream reads.
     */
    ProbeStream.Source source(String node, String podName) {
        return resume -> open(resume ? currentPod(node) : podName, resume);
    }

    private InputStream open(String podName, boolean resume) throws IOException {
        String namespace = manifests.namespace();
        PodResource pod = client.pods().inNamespace(namespace).withName(podName);
        LogWatch watch;
        try {
            watch = resume ? pod.tailingLines(1).watchLog() : pod.watchLog();
        } catch (KubernetesClientException e) {
            throw ApiErrors.explain(e, "follow the log of", "pod " + namespace + "/" + podName);
        }
        return new FilterInputStream(watch.getOutput()) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    watch.close();
                }
            }
        };
    }

    private String currentPod(String node) throws IOException {
        String namespace = manifests.namespace();
        try {
            // Filtered here rather than by a spec.nodeName field selector: one list per reopen is
            // cheap, and it behaves the same on every server, the test mock included.
            for (Pod pod : client.pods().inNamespace(namespace).withLabels(manifests.selectorLabels()).list()
                    .getItems()) {
                if (node.equals(pod.getSpec().getNodeName()) && pod.getMetadata().getDeletionTimestamp() == null) {
                    return pod.getMetadata().getName();
                }
            }
        } catch (KubernetesClientException e) {
            throw ApiErrors.explain(e, "list", "the probe pods of node " + node);
        }
        throw new IOException("no probe pod on node " + node + " in namespace " + namespace);
    }
}
