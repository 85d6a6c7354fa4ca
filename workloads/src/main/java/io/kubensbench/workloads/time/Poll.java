package io.kubensbench.workloads.time;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The plain poll loop: look, and look again every interval until what was seen will do or
 * the deadline passes. Waits that only need the last look to decide what to say use this;
 * waits that fail early or report on every look write their loop around a {@link Deadline}.
 */
public final class Poll {

    /** One look at what is waited for; may fail, and then the wait fails with it, or be interrupted. */
    @FunctionalInterface
    public interface Look<T, E extends Exception> {
        T look() throws E, InterruptedException;
    }

    private Poll() {
    }

    /**
     * Looks until {@code done} accepts what was seen or {@code deadline} has passed, sleeping
     * {@code interval} between looks (zero when each look waits by itself), and returns the
     * last look: the caller tells a timeout by {@code done} not holding for it.
     */
    public static <T, E extends Exception> T until(Deadline deadline, Duration interval, Look<T, E> look,
            Predicate<? super T> done) throws E, InterruptedException {
        while (true) {
            T seen = look.look();
            if (done.test(seen) || deadline.passed()) {
                return seen;
            }
            deadline.sleep(interval);
        }
    }
}
