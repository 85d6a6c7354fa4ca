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

    Runs invalid(String level, String arm, double cores, String reason) {
        return run(level, arm, cores, 1000, 50, false, reason);
    }

    Runs run(String level, String arm, double cores, long systemdMounts, double eventsPerSecond, boolean valid,
             String reason) {
        int index = runs.size();
        int pods = Integer.parseInt(level.replaceAll("\\D", ""));
        runs.add(new RunRecord(index, "a" + index, index / 2 + 1, level, pods, arm, arm.startsWith("on") ? "on" : "off",
                node, "2025-01-01T00:00:00Z", "2025-01-01T00:00:25Z",
                WINDOW_NS, Math.round(cores * WINDOW_NS), Math.round(cores * 100 * WINDOW_NS / 1e9), 100,
                0, 0, Math.round(eventsPerSecond * WINDOW_NS / 1e9), systemdMounts, systemdMounts,
                "mnt:[1]", "mnt:[2]", "mnt:[2]", 20, 0, valid, reason));
        return this;
    }

    List<RunRecord> list() {
        return List.copyOf(runs);
    }
}
