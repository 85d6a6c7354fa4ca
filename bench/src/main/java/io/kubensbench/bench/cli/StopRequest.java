package io.kubensbench.bench.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C and SIGTERM during a campaign. The JVM runs shutdown hooks and then exits whether
 * or not the campaign has cleaned up, so the hook sets the stop flag every long wait gives
 * up on (a rollout included), says what happens next, and then holds the JVM until the
 * campaign has closed its target, however long that takes: a cluster's probe, its grants
 * and a MachineConfig must not stay behind because a fixed wait ran out. The one exception
 * is a question at the terminal, asked before anything is created: the answer never comes
 * once the user pressed Ctrl-C, and there is nothing to clean up yet, so the JVM may go.
 */
final class StopRequest implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final PrintWriter err;
    private final Thread hook = new Thread(this::stop, "kubens-bench-stop");
    private volatile String message = "stopping";
    private volatile boolean asking;

    StopRequest(PrintWriter err) {
        this.err = err;
    }

    /**
     * Starts listening for Ctrl-C and SIGTERM.
     *
     * @param said what the user is told on Ctrl-C, after "kubens-bench: "
     */
    StopRequest install(String said) {
        this.message = said;
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    /** The flag the campaign's waits and its runner look at. */
    AtomicBoolean flag() {
        return stop;
    }

    /**
     * Asks the user through {@code question}, which must come before the campaign creates
     * anything: Ctrl-C meanwhile lets the JVM exit. Refuses at once when a stop came first.
     */
    void asking(Runnable question) {
        if (stop.get()) {
            throw new IllegalArgumentException("stopped: nothing was switched");
        }
        asking = true;
        try {
            question.run();
        } finally {
            asking = false;
        }
    }

    /** What the hook does: sets the flag, says so, and returns only once {@link #close} has been called. */
    void stop() {
        stop.set(true);
        err.println();
        err.println("kubens-bench: " + message);
        err.flush();
        boolean interrupted = false;
        while (closed.getCount() > 0 && !asking) {
            try {
                closed.await(100, TimeUnit.MILLISECONDS);
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
            } catch (IllegalStateException | IllegalArgumentException notThere) {
                // The JVM is exiting anyway, or the hook was never installed.
            }
        }
    }
}
