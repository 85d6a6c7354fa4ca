package io.kubensbench.workloads.time;

import java.util.concurrent.TimeUnit;

/**
 * A monotonic clock and a way to wait on it. Waits and rate limits read time only through
 * one, so a test can hand them a fake one whose sleeps move its clock on and take no time.
 */
public interface Ticker {

    /** The system's: {@link System#nanoTime()} and a real sleep. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };

    /** Nanoseconds from an arbitrary origin, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Waits {@code nanos} nanoseconds; nothing when it is zero or less. */
    void sleep(long nanos) throws InterruptedException;
}
