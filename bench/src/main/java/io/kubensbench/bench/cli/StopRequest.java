package io.kubensbench.bench.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C and SIGTERM during a campaign. The JVM runs shutdown hooks and then exits whether
 * or not the campaign has cleaned up, so the hook sets the stop flag every long wait gives
 * up on (a rollout included), says what happens next, and then holds the JVM until the
 * campaign has closed its target, however long that takes: a cluster's probe, its grants
 * and a MachineConfig must not stay behind because a fixed wait ran out.
 */
final class StopRequest implements AutoCloseable {

    private final AtomicBoolean stop;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final PrintWriter err;
    private final String message;
    private final Thread hook = new Thread(this::stop, "kubens-bench-stop");

    /**
     * @param stop    the flag the campaign's waits and its runner look at
     * @param message what the user is told on Ctrl-C, after "kubens-bench: "
     */
    StopRequest(AtomicBoolean stop, PrintWriter err, String message) {
        this.stop = stop;
        this.err = err;
        this.message = message;
    }

    /** Starts listening for Ctrl-C and SIGTERM. */
    StopRequest install() {
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    /** What the hook does: sets the flag, says so, and returns only once {@link #close} has been called. */
    void stop() {
        stop.set(true);
        err.println();
        err.println("kubens-bench: " + message);
        err.flush();
        boolean interrupted = false;
        while (closed.getCount() > 0) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The campaign is done, clean-up included: a waiting hook lets the JVM exit; an unused one is removed. */
    @Override
    public void close() {
        closed.countDown();
        if (!stop.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting anyway (the hook runs and returns at once).
            }
        }
    }
}
