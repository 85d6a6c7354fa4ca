package io.kubensbench.bench.cluster;

import io.kubensbench.analysis.results.RolloutRecord;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Times a campaign's rollouts and tells the campaign of each as it ends, also one that timed
 * out, failed or was stopped. Rollouts, not runs, set how long a cluster campaign takes, and
 * only their real durations can correct the rule of thumb the plan starts from.
 */
final class RolloutRecorder {

    /** A wait for the pools to reach a state. */
    @FunctionalInterface
    interface Wait {
        RolloutWait.Result await() throws IOException;
    }

    private final Reboots reboots;
    private volatile Consumer<RolloutRecord> listener = r -> { };

    RolloutRecorder(Reboots reboots) {
        this.reboots = Objects.requireNonNull(reboots, "reboots");
    }

    /** Who is told of each rollout; replaces the previous listener. */
    void listener(Consumer<RolloutRecord> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Runs {@code wait} and records it when it was a rollout: something was created or deleted,
     * or the pools were not yet in the state (a rollout under way), which a timeout or a stop
     * also show. A wait that fails at its first look with nothing switched rebooted nothing and
     * is not recorded.
     *
     * @param changed the MachineConfigs created or deleted just before
     */
    RolloutWait.Result timed(String from, String to, List<String> changed, Wait wait) throws IOException {
        Instant started = Instant.now();
        long start = System.nanoTime();
        RolloutWait.Result result;
        try {
            result = wait.await();
        } catch (IOException | RuntimeException e) {
            String outcome = e instanceof InterruptedIOException ? RolloutRecord.STOPPED
                    : e instanceof RolloutTimeoutException ? RolloutRecord.TIMEOUT : RolloutRecord.FAILED;
            if (!changed.isEmpty() || !outcome.equals(RolloutRecord.FAILED)) {
                try {
                    listener.accept(record(from, to, changed, started, start, outcome, e.getMessage()));
                } catch (RuntimeException notRecorded) {
                    e.addSuppressed(notRecorded);
                }
            }
            throw e;
        }
        if (result.waited() || !changed.isEmpty()) {
            listener.accept(record(from, to, changed, started, start, RolloutRecord.OK, null));
        }
        return result;
    }

    private RolloutRecord record(String from, String to, List<String> changed, Instant started, long start,
            String outcome, String detail) {
        long elapsed = System.nanoTime() - start;
        List<RolloutRecord.Pool> pools = reboots.pools().stream()
                .map(p -> new RolloutRecord.Pool(p.name(), p.size())).toList();
        return new RolloutRecord(null, from, to, started.toString(), Instant.now().toString(), elapsed, changed, pools,
                reboots.nodes(), outcome, detail);
    }
}
