package io.kubensbench.workloads.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a cleanup removed, and which namespaces were still Terminating when it stopped
 * waiting. A namespace can stay Terminating for a long time (a finalizer, an unreachable
 * node); the user is told so instead of cleanup hanging.
 *
 * @param deletedByKind objects deleted per kind ({@code Pod}, {@code Namespace}, ...), in
 *     the order cleanup went through them, {@code Namespace} last (counting those already
 *     Terminating); kinds with nothing to delete are left out
 * @param namespacesDeleted labelled namespaces that are gone
 * @param namespacesStillTerminating labelled namespaces deleted but still present
 */
public record CleanupReport(Map<String, Integer> deletedByKind, List<String> namespacesDeleted,
        List<String> namespacesStillTerminating) {

    public CleanupReport {
        deletedByKind = Collections.unmodifiableMap(new LinkedHashMap<>(deletedByKind));
        namespacesDeleted = List.copyOf(namespacesDeleted);
        namespacesStillTerminating = List.copyOf(namespacesStillTerminating);
    }

    /** Whether nothing is left: every labelled namespace is gone too. */
    public boolean complete() {
        return namespacesStillTerminating.isEmpty();
    }

    /** One line for the terminal, e.g. {@code deleted 200 Pod, 1 Namespace}. */
    public String summary() {
        String deleted = deletedByKind.isEmpty() ? "nothing to delete"
                : deletedByKind.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", ", "deleted ", ""));
        if (namespacesStillTerminating.isEmpty()) {
            return deleted;
        }
        return deleted + "; still Terminating: namespace"
                + (namespacesStillTerminating.size() == 1 ? " " : "s ")
                + String.join(", ", namespacesStillTerminating);
    }
}
