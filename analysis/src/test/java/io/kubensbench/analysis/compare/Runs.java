package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.results.RunRecord;
import java.util.ArrayList;
import java.util.List;

/** Synthetic run records for the tests: 20 s windows whose systemd CPU is the given number of cores. */
final class Runs {

    static final long WINDOW_NS = 20_000_000_000L;

    private final List<RunRecord> runs = new ArrayList<>();
    private String node = "lab-test";

    /** The node the runs added from now on were measured on. */
    Runs node(String name) {
        this.node = name;
        return this;
    }

    Runs add(String level, String arm, double... cores) {
        for (double c : cores) {
            run(level, arm, c, 1000, 50, true, null);
        }
        return this;
    }

    /**
     * A valid run whose systemd ns are {@code ticks} clock ticks converted (what a cluster probe
     * without schedstat records) over a window of {@code windowNs}.
     */
    Runs ticks(String level, String arm, long ticks, long windowNs) {
        int index = runs.size();
        runs.add(RunRecord.builder().index(index).attempt("a" + index).repetition(index / 2 + 1).level(level)
                .pods(Integer.parseInt(level.replaceAll("\\D", ""))).arm(arm).encapsulation(arm.startsWith("on") ? "on" : "off")
                .node(node).startedAt("2025-01-01T00:00:00Z").endedAt("2025-01-01T00:00:25Z")
                .measureNs(windowNs).systemdSchedNs(ticks * 10_000_000L).systemdStatTicks(ticks).ticksPerSecond(100)
                .mountEvents(1000).systemdMounts(1000).kubeletMounts(1000)
                .systemdMntNs("mnt:[1]").kubeletMntNs("mnt:[2]").runtimeMntNs("mnt:[2]")
                .samples(20).valid(true).build());
        return this;
    }

    Runs invalid(String level, String arm, double cores, String reason) {
        return run(level, arm, cores, 1000, 50, false, reason);
    }

    Runs run(String level, String arm, double cores, long systemdMounts, double eventsPerSecond, boolean valid,
             String reason) {
        int index = runs.size();
        int pods = Integer.parseInt(level.replaceAll("\\D", ""));
        runs.add(RunRecord.builder()
                .index(index)
                .attempt("a" + index)
                .repetition(index / 2 + 1)
                .level(level)
                .pods(pods)
                .arm(arm)
                .encapsulation(arm.startsWith("on") ? "on" : "off")
                .node(node)
                .startedAt("2025-01-01T00:00:00Z")
                .endedAt("2025-01-01T00:00:25Z")
                .measureNs(WINDOW_NS)
                .systemdSchedNs(Math.round(cores * WINDOW_NS))
                .systemdStatTicks(Math.round(cores * 100 * WINDOW_NS / 1e9))
                .ticksPerSecond(100)
                .mountEvents(Math.round(eventsPerSecond * WINDOW_NS / 1e9))
                .systemdMounts(systemdMounts)
                .kubeletMounts(systemdMounts)
                .systemdMntNs("mnt:[1]")
                .kubeletMntNs("mnt:[2]")
                .runtimeMntNs("mnt:[2]")
                .samples(20)
                .valid(valid)
                .invalidReason(reason)
                .build());
        return this;
    }

    List<RunRecord> list() {
        return List.copyOf(runs);
    }
}
