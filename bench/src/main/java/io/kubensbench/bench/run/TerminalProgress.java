package io.kubensbench.bench.run;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.plan.PlannedRun;
import io.kubensbench.workloads.time.Durations;
import java.io.PrintWriter;
import java.time.Duration;

/** One status line redrawn in place, with a bar for the current phase and the time left. */
final class TerminalProgress implements Progress {

    private static final int BAR = 20;

    private final PrintWriter err;
    private String run = "";
    private String phase = "";
    private Duration phaseLength = Duration.ZERO;
    private long deadlineNs;

    TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void runStarted(int position, int total, PlannedRun r, Duration remaining) {
        run = String.format("run %d/%d  %-6s %-12s rep %d", position, total, r.arm().name(), r.level().name(),
                r.repetition());
        deadlineNs = System.nanoTime() + remaining.toNanos();
        draw("starting", 0);
    }

    @Override
    public void phase(String name, Duration length) {
        phase = name;
        phaseLength = length;
        draw(name, 0);
    }

    @Override
    public void tick(Duration elapsed) {
        double f = phaseLength.isZero() ? 1 : Math.min(1, (double) elapsed.toNanos() / phaseLength.toNanos());
        draw(phase, f);
    }

    private void draw(String what, double fraction) {
        int filled = (int) Math.round(fraction * BAR);
        String bar = "#".repeat(filled) + ".".repeat(BAR - filled);
        Duration left = Duration.ofNanos(Math.max(0, deadlineNs - System.nanoTime()));
        err.print("\r\033[K" + run + "  " + String.format("%-8s", what) + " [" + bar + "]  ETA "
                + Durations.rough(left));
        err.flush();
    }

    @Override
    public void runFinished(RunRecord record) {
        err.print("\r\033[K");
        err.println(run + "  " + Progress.outcome(record));
        err.flush();
    }

    @Override
    public void message(String line) {
        err.print("\r\033[K");
        err.println(line);
        err.flush();
    }
}
