package io.kubensbench.bench.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}) read from a
 * generic object, because a MachineConfigPool says with two of them which MachineConfigs it
 * renders and which nodes it holds, and kubens-bench must know both before it reboots anything.
 * Matched as the Machine Config Operator matches them: an empty or missing selector matches
 * nothing (the operator's rule, so a pool without one reboots no node), and so does an
 * expression with an operator Kubernetes does not define.
 *
 * @param matchLabels      labels that must all be present with these values
 * @param matchExpressions requirements that must all hold
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    /** One {@code matchExpressions} entry: {@code key In|NotIn|Exists|DoesNotExist values}. */
    public record Requirement(String key, String operator, List<String> values) {

        public Requirement {
            values = List.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            return switch (operator) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> false;
            };
        }
    }

    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    /** Reads {@code selector} as the API server returns it (maps and lists); anything else is an empty selector. */
    static LabelSelector of(Object selector) {
        if (!(selector instanceof Map<?, ?> map)) {
            return new LabelSelector(Map.of(), List.of());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (map.get("matchLabels") instanceof Map<?, ?> matchLabels) {
            matchLabels.forEach((k, v) -> labels.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        List<Requirement> expressions = new ArrayList<>();
        if (map.get("matchExpressions") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> e && e.get("key") != null && e.get("operator") != null) {
                    List<String> values = e.get("values") instanceof List<?> v
                            ? v.stream().map(String::valueOf).toList() : List.of();
                    expressions.add(new Requirement(e.get("key").toString(), e.get("operator").toString(), values));
                }
            }
        }
        return new LabelSelector(labels, expressions);
    }

    /** Whether an object with {@code labels} is selected; an empty selector selects nothing. */
    public boolean matches(Map<String, String> labels) {
        if (isEmpty()) {
            return false;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        return matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())))
                && matchExpressions.stream().allMatch(r -> r.matches(have));
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }
}
