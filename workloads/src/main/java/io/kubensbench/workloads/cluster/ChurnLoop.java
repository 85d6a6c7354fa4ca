package io.kubensbench.workloads.cluster;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The background thread behind {@link ClusterWorkload#startChurn}: one replacement per period,
 * at a fixed rate. A replacement that takes longer than the period (the QPS budget is spent)
 * delays the next one rather than causing a burst to catch up, so the achieved rate is
 * {@link #replaced()} over the elapsed time, never more than asked.
 */
final class ChurnLoop implements ClusterWorkload.Churner {

    /** Replaces pod number {@code number} of the churn (0, 1, 2, ...). */
    @FunctionalInterface
    interface Step {
        void replace(long number) throws IOException, InterruptedException;
    }

    private final Step step;
    private final long periodNanos;
    private final Thread thread;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicLong replaced = new AtomicLong();
    private volatile boolean stopRequested;
    /** The failure that ended the loop; written by the loop thread before it ends. */
    private volatile IOException failure;

    ChurnLoop(String threadName, double podsPerSecond, Step step) {
        this.step = step;
        this.periodNanos = Math.max(1, Math.round(1e9 / podsPerSecond));
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Whether {@link #stop()} was called: its result, failure included, was then reported. */
    boolean stopped() {
        return stopRequested;
    }

    @Override
    public long replaced() {
        return replaced.get();
    }

    @Override
    public long stop() throws IOException {
        stopRequested = true;
        stopping.countDown();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for churn to stop");
        }
        IOException failed = failure;
        if (failed != null) {
            // Stays what it was, so a refused write ends the command as a refused write does anywhere.
            String message = "churn stopped after " + replaced.get() + " replacements: " + failed.getMessage();
            throw failed instanceof ClusterAccessException ? new ClusterAccessException(message, failed)
                    : new IOException(message, failed);
        }
        return replaced.get();
    }

    private void run() {
        long next = System.nanoTime() + periodNanos;
        try {
            while (!stopping.await(Math.max(0, next - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                step.replace(replaced.get());
                replaced.incrementAndGet();
                next += periodNanos;
                long now = System.nanoTime();
                if (next < now) {
                    next = now;
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            // Only stop() ends the loop; an interrupt from elsewhere ends it the same way.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = new IOException("unexpected error: " + e, e);
        }
    }
}
