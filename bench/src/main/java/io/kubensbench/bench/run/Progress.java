package io.kubensbench.bench.run;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.text.Numbers;
import io.kubensbench.bench.plan.PlannedRun;
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

    static String outcome(RunRecord r) {
        return r.valid()
                ? String.format(Locale.ROOT, "systemd %s, %d mounts in its view, %s",
                        Numbers.cores(r.systemdCores()), r.systemdMounts(), Double.isNaN(r.mountEventsPerSecond())
                                ? "mount events not counted" : Numbers.fixed(r.mountEventsPerSecond(), 0)
                                + " mount events/s")
                        + (r.prometheusCores() == null ? "" : "; Prometheus " + Numbers.cores(r.prometheusCores()))
                : "INVALID: " + r.invalidReason();
    }
}
