package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.util.Map;

/**
 * Whether a node can take the probe and a campaign's pods now: it must be Ready, not cordoned,
 * and run Linux (the probe is a shell script reading {@code /proc}). A node that cannot is
 * named with the reason and left out, rather than waited for until a timeout: a NotReady or
 * Windows node would otherwise fail every {@code encapsulation status} after minutes.
 */
final class NodeUsability {

    private NodeUsability() {
    }

    /** Why {@code node} cannot be used now ({@code NotReady}, ...), or null when it can. */
    static String whyNot(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        String os = labels == null ? null : labels.get(ProbeManifests.OS_LABEL);
        if (os != null && !os.equals("linux")) {
            return ProbeManifests.OS_LABEL + "=" + os;
        }
        if (!ready(node)) {
            return "NotReady";
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return "cordoned (unschedulable)";
        }
        return null;
    }

    private static boolean ready(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        for (NodeCondition c : node.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }
}
