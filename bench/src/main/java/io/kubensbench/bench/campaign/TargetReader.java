package io.kubensbench.bench.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a campaign file's {@code target}: the lab (no fields yet) or a cluster. Kept apart
 * from the rest of the file's reading because each target's fields grow on their own.
 */
final class TargetReader {

    static final List<String> TARGET_FIELDS = List.of("lab", "cluster");
    static final List<String> CLUSTER_FIELDS = List.of("context", "nodeSelector", "encapsulation", "namespace",
            "image", "qps", "burst", "probeAsRoot");

    private TargetReader() {
    }

    static TargetSpec target(YamlField f) {
        if (f.node().isString()) {
            throw f.problem("must be a map: {lab: {}} or {cluster: {...}} (got " + f.got() + ")");
        }
        f.map(TARGET_FIELDS);
        YamlField lab = f.get("lab");
        YamlField cluster = f.get("cluster");
        if (lab.present() == cluster.present()) {
            throw f.problem("give exactly one of lab, cluster");
        }
        if (lab.present()) {
            if (lab.hasValue() && !lab.node().isObject()) {
                throw lab.problem("must be a map: {} (got " + lab.got() + ")");
            }
            if (lab.hasValue() && !lab.node().isEmpty()) {
                String field = lab.node().propertyNames().iterator().next();
                throw lab.get(field).problem("unknown field (a lab target has no fields yet)");
            }
            return TargetSpec.onLab();
        }
        return TargetSpec.onCluster(cluster(cluster));
    }

    private static ClusterTargetSpec cluster(YamlField f) {
        f.map(CLUSTER_FIELDS);
        Map<String, String> nodeSelector = new LinkedHashMap<>();
        YamlField selector = f.get("nodeSelector");
        if (selector.present()) {
            for (Map.Entry<String, YamlField> entry : selector.entries()) {
                YamlField value = entry.getValue();
                if (!value.hasValue()) {
                    throw value.problem("must be a string (got nothing; write \"\" for an empty value)");
                }
                nodeSelector.put(entry.getKey(), value.text());
            }
        }
        return new ClusterTargetSpec(optionalText(f.get("context")), nodeSelector,
                optionalText(f.get("encapsulation")), optionalText(f.get("namespace")), optionalText(f.get("image")),
                f.get("qps").present() ? f.get("qps").number() : null,
                f.get("burst").present() ? f.get("burst").integer() : null,
                f.get("probeAsRoot").present() ? f.get("probeAsRoot").bool() : null);
    }

    private static String optionalText(YamlField f) {
        return f.present() ? f.text() : null;
    }
}
