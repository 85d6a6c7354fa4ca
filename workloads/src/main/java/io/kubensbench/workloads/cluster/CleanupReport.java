package io.kubensbench.workloads.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a cleanup removed, what it left and why. A namespace can stay Terminating for a long
 * time (a finalizer, an unreachable node) and a kind may be one the user cannot delete; the
 * user is told so instead of cleanup hanging or stopping at the first refusal, and is told
 * what was spared because it only looked like the run's.
 *
 * @param deletedByKind objects deleted per kind ({@code Pod}, {@code Namespace}, ...), in
 *     the order cleanup went through them, {@code Namespace} last (counting those already
 *     Terminating); kinds with nothing to delete are left out
 * @param namespacesDeleted the run's namespaces that are gone
 * @param namespacesStillTerminating the run's namespaces deleted but still present
 * @param spared objects labelled for the run but not named for it, left alone
 * @param failures what could not be listed or deleted, one line each
 * @param refused whether a failure was the cluster refusing access (a permission, admission)
 */
public record CleanupReport(Map<String, Integer> deletedByKind, List<String> namespacesDeleted,
        List<String> namespacesStillTerminating, List<String> spared, List<String> failures, boolean refused) {

    public CleanupReport {
        deletedByKind = Collections.unmodifiableMap(new LinkedHashMap<>(deletedByKind));
        namespacesDeleted = List.copyOf(namespacesDeleted);
        namespacesStillTerminating = List.copyOf(namespacesStillTerminating);
        spared = List.copyOf(spared);
        failures = List.copyOf(failures);
    }

    /** Whether nothing of the run is left: every namespace is gone and nothing failed. */
    public boolean complete() {
        return namespacesStillTerminating.isEmpty() && failures.isEmpty();
    }

    /**
     * One line for the terminal, e.g. {@code deleted 200 Pod, 1 Namespace}, then what is
     * still Terminating, what was spared and what failed.
     */
    public String summary() {
        StringBuilder line = new StringBuilder(deletedByKind.isEmpty() ? "nothing to delete"
                : deletedByKind.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", ", "deleted ", "")));
        if (!namespacesStillTerminating.isEmpty()) {
            line.append("; still Terminating: namespace").append(namespacesStillTerminating.size() == 1 ? " " : "s ")
                    .append(String.join(", ", namespacesStillTerminating));
        }
        if (!spared.isEmpty()) {
            line.append("; spared (labelled for the run, but not a name kubens-bench gives): ")
                    .append(String.join(", ", spared));
        }
        if (!failures.isEmpty()) {
            line.append("; failed: ").append(String.join("; ", failures));
        }
        return line.toString();
    }
}
