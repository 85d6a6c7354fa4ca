package io.kubensbench.workloads.time;

import java.time.Duration;
import java.util.Objects;

/**
 * The moment a wait gives up: a timeout started now. A poll loop asks {@link #passed()} and
 * sleeps with {@link #sleep(Duration)}, which never sleeps past the deadline, so a wait
 * fails within one poll of its timeout and not a whole poll interval late.
 */
public final class Deadline {

    private final Ticker ticker;
    private final Duration timeout;
    private final long start;
    private final long end;

    private Deadline(Ticker ticker, Duration timeout) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.start = ticker.nanoTime();
        this.end = start + timeout.toNanos();
    }

    /** {@code timeout} from now on the system clock. */
    public static Deadline after(Duration timeout) {
        return new Deadline(Ticker.SYSTEM, timeout);
    }

    /** {@code timeout} from now on {@code ticker}. */
    public static Deadline after(Duration timeout, Ticker ticker) {
        return new Deadline(ticker, timeout);
    }

    /** The timeout this deadline was set with, for messages. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether the deadline has been reached. */
    public boolean passed() {
        return remainingNanos() <= 0;
    }

    /** Nanoseconds left, zero once passed. */
    public long remainingNanos() {
        return Math.max(0, end - ticker.nanoTime());
    }

    /** Time since the deadline was set. */
    public Duration elapsed() {
        return Duration.ofNanos(ticker.nanoTime() - start);
    }

    /** Sleeps {@code interval}, or only what is left when that is less. */
    public void sleep(Duration interval) throws InterruptedException {
        long nanos = Math.min(interval.toNanos(), remainingNanos());
        if (nanos > 0) {
            ticker.sleep(nanos);
        }
    }
}
