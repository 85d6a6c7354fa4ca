package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.workloads.cluster.ApiErrors;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes a cluster campaign measures: the nodes that match its node selector and can take
 * the probe and the pods ({@link NodeUsability}: Ready, not cordoned, Linux), by name, as
 * listed once when the campaign starts. Every run measures the same nodes, so a node that
 * joins or leaves the pool meanwhile does not change what is compared; the nodes left out are
 * named with the reason.
 */
final class SelectedNodes {

    private final Map<String, Node> byName;
    private final UsableNodes usable;

    private SelectedNodes(Map<String, Node> byName, UsableNodes usable) {
        this.byName = byName;
        this.usable = usable;
    }

    /** Lists the usable nodes that match {@code selector}; none is an unmet precondition. */
    static SelectedNodes select(KubernetesClient client, Map<String, String> selector)
            throws IOException {
        List<Node> nodes;
        try {
            nodes = client.nodes().withLabels(selector).list().getItems();
        } catch (KubernetesClientException e) {
            throw ApiErrors.explain(e, "list", "nodes");
        }
        // Checked here too: the selector's "key=" (an empty value) is easy to get wrong on the way.
        nodes = nodes.stream().filter(n -> matches(n, selector)).toList();
        UsableNodes usable = UsableNodes.of(nodes);
        Map<String, Node> byName = new LinkedHashMap<>();
        nodes.stream().filter(n -> usable.names().contains(n.getMetadata().getName()))
                .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()))
                .forEach(n -> byName.put(n.getMetadata().getName(), n));
        if (byName.isEmpty()) {
            throw new ClusterAccessException("no usable node matches target.cluster.nodeSelector " + selector + " ("
                    + (nodes.isEmpty() ? "none matches" : nodes.size() + " match: " + usable.describeSkipped()) + ")");
        }
        return new SelectedNodes(byName, usable);
    }

    /** The matching nodes left out, with why: {@code worker-3 (NotReady)}; empty when none was. */
    String skipped() {
        return usable.describeSkipped();
    }

    /** The nodes' names, sorted. */
    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    int size() {
        return byName.size();
    }

    /** The nodes as listed. */
    Collection<Node> nodes() {
        return byName.values();
    }

    /** The node's {@code kubernetes.io/hostname} label, which pins pods to it; its name when it has none. */
    String hostname(String node) {
        Map<String, String> labels = byName.get(node).getMetadata().getLabels();
        String h = labels == null ? null : labels.get(ClusterManifests.HOSTNAME_LABEL);
        return h == null ? node : h;
    }

    /** The Machine Config pools of the nodes. */
    Set<String> roles() {
        Set<String> roles = new LinkedHashSet<>();
        byName.values().forEach(n -> roles.addAll(MachineConfigs.rolesOf(n)));
        return roles;
    }

    private static boolean matches(Node node, Map<String, String> selector) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
