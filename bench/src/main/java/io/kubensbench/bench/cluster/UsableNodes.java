package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Nodes split into those that can run the probe now and those that cannot, with the reason
 * for each ({@link NodeUsability}), so output can name what was left out instead of failing
 * on it.
 *
 * @param names   the usable nodes, sorted
 * @param skipped node name to why it was left out, sorted by name
 */
public record UsableNodes(List<String> names, Map<String, String> skipped) {

    public UsableNodes {
        names = List.copyOf(names);
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** Splits {@code nodes}. */
    static UsableNodes of(List<Node> nodes) {
        List<String> usable = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        nodes.stream().sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName())).forEach(n -> {
            String why = NodeUsability.whyNot(n);
            if (why == null) {
                usable.add(n.getMetadata().getName());
            } else {
                skipped.put(n.getMetadata().getName(), why);
            }
        });
        return new UsableNodes(usable, skipped);
    }

    /** {@code worker-3 (NotReady), win-1 (kubernetes.io/os=windows)}; empty when none was skipped. */
    public String describeSkipped() {
        return skipped.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }
}
