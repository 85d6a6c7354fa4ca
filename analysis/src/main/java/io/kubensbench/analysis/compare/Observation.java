package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.results.RunRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What an observation of the nodes' own workload ({@code kubens-bench observe}) showed per
 * node and arm. Its records are consecutive windows of one workload that kubens-bench did not
 * deploy, so two things set it apart from a campaign, and the analysis carries them: with one
 * arm there is nothing to compare against, and systemd's CPU, the mounts and the mount events
 * per node are the result; with both arms, each arm's windows were measured after the other's
 * (a blocked design), so whatever else changed meanwhile is confounded with encapsulation.
 *
 * @param arms  the arms that have windows, in the order they were first observed
 * @param nodes per node and arm, nodes in the order they first appear, arms in {@code arms} order
 */
public record Observation(List<String> arms, List<NodeArm> nodes) {

    public Observation {
        arms = List.copyOf(arms);
        nodes = List.copyOf(nodes);
    }

    /**
     * One node in one arm, over its valid windows.
     *
     * @param windows         valid windows
     * @param excluded        windows left out (partial, invalid), with their reasons in the summary
     * @param meanCores       systemd's mean share of a core; NaN without a valid window
     * @param meanMounts      mean mounts in systemd's view at the windows' ends; NaN where never counted
     * @param eventsPerSecond mean mount events per second on the node; NaN where the probe did not count them
     */
    public record NodeArm(String node, String arm, String encapsulation, int windows, int excluded,
                          double meanCores, double minCores, double maxCores, double meanMounts,
                          double eventsPerSecond) {
    }

    /** The observation of {@code runs}, all of one observed level. */
    public static Observation of(List<RunRecord> runs) {
        Map<String, Instant> firstSeen = new LinkedHashMap<>();
        Map<String, Integer> firstIndex = new LinkedHashMap<>();
        Map<String, List<RunRecord>> byNode = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            firstSeen.merge(r.arm(), started(r), (a, b) -> a.isBefore(b) ? a : b);
            firstIndex.merge(r.arm(), r.index(), Math::min);
            byNode.computeIfAbsent(r.node(), k -> new ArrayList<>()).add(r);
        }
        List<String> arms = firstSeen.keySet().stream()
                .sorted(Comparator.comparing((String a) -> firstSeen.get(a)).thenComparing(firstIndex::get)).toList();
        List<NodeArm> rows = new ArrayList<>();
        byNode.forEach((node, nodeRuns) -> {
            for (String arm : arms) {
                List<RunRecord> all = nodeRuns.stream().filter(r -> arm.equals(r.arm())).toList();
                if (!all.isEmpty()) {
                    rows.add(row(node, arm, all));
                }
            }
        });
        return new Observation(arms, rows);
    }

    /** Whether both arms have valid windows, so that they can be compared at all. */
    public boolean comparable() {
        return arms.size() == 2 && arms.stream().allMatch(a -> nodes.stream().anyMatch(n -> n.arm().equals(a)
                && n.windows() > 0));
    }

    /** The arms observed but without a single valid window, in observation order. */
    public List<String> armsWithoutValidWindows() {
        return arms.stream().filter(a -> nodes.stream().noneMatch(n -> n.arm().equals(a) && n.windows() > 0)).toList();
    }

    private static NodeArm row(String node, String arm, List<RunRecord> all) {
        List<RunRecord> valid = all.stream().filter(RunRecord::valid).toList();
        List<RunRecord> counted = valid.stream().filter(r -> r.systemdMounts() >= 0).toList();
        List<RunRecord> withEvents = valid.stream().filter(RunRecord::mountEventsCounted).toList();
        return new NodeArm(node, arm, all.get(0).encapsulation(), valid.size(), all.size() - valid.size(),
                mean(valid, RunRecord::systemdCores),
                valid.stream().mapToDouble(RunRecord::systemdCores).min().orElse(Double.NaN),
                valid.stream().mapToDouble(RunRecord::systemdCores).max().orElse(Double.NaN),
                mean(counted, r -> r.systemdMounts()), mean(withEvents, RunRecord::mountEventsPerSecond));
    }

    private static double mean(List<RunRecord> runs, ToDoubleFunction<RunRecord> f) {
        return runs.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** When a window began; a record without a readable start sorts last, and then by index. */
    private static Instant started(RunRecord r) {
        try {
            return r.startedAt() == null ? Instant.MAX : Instant.parse(r.startedAt());
        } catch (DateTimeParseException e) {
            return Instant.MAX;
        }
    }
}
