package io.kubensbench.bench.run;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.plan.PlannedRun;
import io.kubensbench.workloads.time.Durations;
import java.io.PrintWriter;
import java.time.Duration;

/** Plain lines, one per phase and per finished run: for pipes and CI logs. */
final class LogProgress implements Progress {

    private final PrintWriter err;
    private String prefix = "";

    LogProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void runStarted(int position, int total, PlannedRun run, Duration remaining) {
        prefix = "[" + position + "/" + total + "] " + run.arm().name() + " " + run.level().name()
                + " rep " + run.repetition();
        err.println(prefix + ": started (about " + Durations.rough(remaining) + " left in the campaign)");
        err.flush();
    }

    @Override
    public void phase(String phase, Duration length) {
        err.println(prefix + ": " + phase + (length.isZero() ? "" : " " + Durations.rough(length)));
        err.flush();
    }

    @Override
    public void tick(Duration elapsedInPhase) {
    }

    @Override
    public void runFinished(RunRecord record) {
        err.println(prefix + ": done, " + Progress.outcome(record));
        err.flush();
    }

    @Override
    public void message(String line) {
        err.println(line);
        err.flush();
    }
}
