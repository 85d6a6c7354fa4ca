package io.kubensbench.bench.estimate;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.workloads.cluster.ApiErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes an estimate covers and the pods bound to each, as two lists of the API: nodes by
 * label selector, pods of all namespaces a page at a time (a big cluster's pods do not come in
 * one answer), grouped by {@code spec.nodeName} here. Reads only: no watch, nothing written.
 *
 * @param nodes      the nodes whose labels match the selector, by name
 * @param podsByNode each node's pods, in the order listed; a node without pods maps to an empty list
 */
public record ClusterListing(List<Node> nodes, Map<String, List<Pod>> podsByNode) {

    /** Pods asked for in one page. */
    static final long PAGE = 500;

    public ClusterListing {
        nodes = List.copyOf(nodes);
        podsByNode = Collections.unmodifiableMap(new LinkedHashMap<>(podsByNode));
    }

    /**
     * Lists the nodes that carry every label of {@code selector} ({@code key=} for a label with
     * an empty value) and their pods; no node matching is an unmet precondition.
     */
    public static ClusterListing read(KubernetesClient client, Map<String, String> selector) throws IOException {
        List<Node> nodes;
        try {
            nodes = client.nodes().withLabels(selector).list().getItems();
        } catch (KubernetesClientException e) {
            throw ApiErrors.explain(e, "list", "nodes");
        }
        nodes = nodes.stream().filter(n -> matches(n, selector))
                .sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no node matches --selector " + ApiErrors.describe(selector)
                    + " (kubectl get nodes -l " + ApiErrors.describe(selector) + ")");
        }
        Map<String, List<Pod>> byNode = new LinkedHashMap<>();
        nodes.forEach(n -> byNode.put(n.getMetadata().getName(), new ArrayList<>()));
        String next = null;
        do {
            PodList page;
            try {
                page = client.pods().inAnyNamespace()
                        .list(new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build());
            } catch (KubernetesClientException e) {
                throw ApiErrors.explain(e, "list", "pods (all namespaces)");
            }
            for (Pod p : page.getItems()) {
                String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
                if (node != null && byNode.containsKey(node)) {
                    byNode.get(node).add(p);
                }
            }
            next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        Map<String, List<Pod>> frozen = new LinkedHashMap<>();
        byNode.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new ClusterListing(nodes, frozen);
    }

    /** The node's pods; empty for a node without any. */
    public List<Pod> pods(String node) {
        return podsByNode.getOrDefault(node, List.of());
    }

    private static boolean matches(Node node, Map<String, String> selector) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
