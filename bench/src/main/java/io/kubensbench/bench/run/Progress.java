package io.kubensbench.bench.run;

import io.kubensbench.bench.plan.PlannedRun;

import io.kubensbench.analysis.results.RunRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Tells the user where a campaign is: run i of n, arm, level, phase, time left. On a
 * terminal one line redrawn in place; otherwise (a pipe, a CI log) one plain line per phase.
 */
public interface Progress {

    void runStarted(int position, int total, PlannedRun run, Duration remaining);

    void phase(String phase, Duration length);

    void tick(Duration elapsedInPhase);

    void runFinished(RunRecord record);

    void message(String line);

    /** The right kind for this process: a redrawn line only on an interactive terminal outside CI. */
    static Progress forConsole(PrintWriter err) {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        return System.console() != null && !ci ? new TerminalProgress(err) : new LogProgress(err);
    }

    /**
     * A duration to the second, as a person reads an estimate: {@code 45s}, {@code 2m14s},
     * {@code 1h05m} (hours drop the seconds).
     */
    public static String format(Duration d) {
        long s = Math.max(0, d.plusMillis(500).toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    static String outcome(RunRecord r) {
        return r.valid()
                ? String.format(Locale.ROOT, "systemd %.2f%% of a core, %d mounts in its view, %.0f mount events/s",
                        100 * r.systemdCores(), r.systemdMounts(), r.mountEventsPerSecond())
                : "INVALID: " + r.invalidReason();
    }
}
