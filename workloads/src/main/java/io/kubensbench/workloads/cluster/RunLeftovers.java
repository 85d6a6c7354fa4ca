package io.kubensbench.workloads.cluster;

import io.kubensbench.workloads.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one run left on a cluster, found before anything is deleted, so a user can see what
 * {@code cleanup} would remove (another person's campaign may still be running) and what it
 * leaves alone: objects that carry the run's labels but not a name kubens-bench gives
 * ({@link RunNames}) are spared, and named.
 *
 * @param runId         the run
 * @param namespaces    the run's namespaces, with what is in them
 * @param clusterScoped the run's cluster-scoped objects, e.g. its probe's ClusterRole
 * @param spared        objects labelled for the run but not named for it, e.g. {@code namespace team-a}
 * @param unreadable    what could not be listed, and why (a kind the user may not list)
 */
public record RunLeftovers(String runId, List<LeftNamespace> namespaces, List<Found> clusterScoped,
        List<String> spared, List<String> unreadable) {

    /**
     * One of the run's namespaces.
     *
     * @param created     its creation time, null when the server gave none
     * @param terminating whether it is already being deleted
     * @param objects     objects labelled for the run in it, per kind, in cleanup's order
     */
    public record LeftNamespace(String name, Instant created, boolean terminating, Map<String, Integer> objects) {

        public LeftNamespace {
            objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
        }
    }

    /** A cluster-scoped object: its kind ({@code ClusterRole}) and name. */
    public record Found(String kind, String name) {
    }

    public RunLeftovers {
        namespaces = List.copyOf(namespaces);
        clusterScoped = List.copyOf(clusterScoped);
        spared = List.copyOf(spared);
        unreadable = List.copyOf(unreadable);
    }

    /** Whether cleanup has nothing of the run to delete. */
    public boolean isEmpty() {
        return namespaces.isEmpty() && clusterScoped.isEmpty();
    }

    /** When the run's oldest namespace was created; null when unknown. */
    public Instant created() {
        return namespaces.stream().map(LeftNamespace::created).filter(c -> c != null).min(Instant::compareTo)
                .orElse(null);
    }

    /**
     * What cleanup of the run would delete and what it spares, for the terminal: a line for
     * the run, then one per namespace and cluster-scoped object, indented.
     */
    public List<String> describe(Instant now) {
        List<String> lines = new ArrayList<>();
        Instant created = created();
        lines.add("run " + runId + (created == null ? "" : ", created " + Durations.rough(Duration.between(created,
                now).isNegative() ? Duration.ZERO : Duration.between(created, now)) + " ago") + ":"
                + (isEmpty() ? " nothing to delete" : ""));
        for (LeftNamespace n : namespaces) {
            String inside = n.objects().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", "));
            lines.add("  namespace " + n.name() + (n.terminating() ? " (already Terminating)" : "")
                    + (inside.isEmpty() ? "" : ": " + inside));
        }
        clusterScoped.forEach(f -> lines.add("  " + f.kind() + " " + f.name()));
        spared.forEach(s -> lines.add("  spared: " + s + " (labelled for the run, but not a name kubens-bench gives)"));
        unreadable.forEach(u -> lines.add("  not listed: " + u));
        return lines;
    }
}
