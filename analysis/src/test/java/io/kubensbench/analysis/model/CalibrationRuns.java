package io.kubensbench.analysis.model;

import io.kubensbench.analysis.results.RunRecord;
import java.util.ArrayList;
import java.util.List;

/** Synthetic runs of a load-model campaign: 10 s windows at a given load and systemd CPU. */
final class CalibrationRuns {

    static final long WINDOW_NS = 10_000_000_000L;

    private final List<RunRecord> runs = new ArrayList<>();

    /** A valid run with encapsulation off (arm {@code off}) at this load. */
    CalibrationRuns off(String level, int pods, double mounts, double eventsPerSecond, double cores) {
        return run(level, pods, "off", "off", mounts, eventsPerSecond, cores, true);
    }

    /** A valid run with encapsulation on (arm {@code on}); its own counts are systemd's view without the pods. */
    CalibrationRuns on(String level, int pods, double cores) {
        return run(level, pods, "on", "on", 40, 0, cores, true);
    }

    CalibrationRuns run(String level, int pods, String arm, String encapsulation, double mounts,
                        double eventsPerSecond, double cores, boolean valid) {
        int index = runs.size();
        runs.add(RunRecord.builder().index(index).attempt("a" + index).repetition(1).level(level).pods(pods)
                .arm(arm).encapsulation(encapsulation).node("lab").startedAt("2026-01-01T00:00:00Z")
                .endedAt("2026-01-01T00:00:10Z").measureNs(WINDOW_NS)
                .systemdSchedNs(Math.round(cores * WINDOW_NS)).ticksPerSecond(100)
                .mountEvents(Math.round(eventsPerSecond * WINDOW_NS / 1e9)).systemdMounts(Math.round(mounts))
                .kubeletMounts(Math.round(mounts)).samples(10).valid(valid)
                .invalidReason(valid ? null : "mounts off").build());
        return this;
    }

    List<RunRecord> list() {
        return List.copyOf(runs);
    }
}
