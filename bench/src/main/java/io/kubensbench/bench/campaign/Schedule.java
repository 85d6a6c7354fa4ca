package io.kubensbench.bench.campaign;

import io.kubensbench.workloads.time.Durations;
import java.time.Duration;

/**
 * How long and how often each (level, arm) is measured, and in what order. Warm-up is kept
 * apart from the measure window so that the cost of deploying pods, which both arms pay
 * alike, does not dilute the difference systemd makes while pods come and go.
 *
 * <p>Invalid values fail with an {@link InvalidCampaignException} naming the field
 * ({@code schedule.measure}). That the measure window holds at least two sampling intervals
 * is checked by {@link CampaignSpec}, which knows both. {@link Order#ABA} needs at least
 * {@value #MIN_ABA_REPETITIONS} repetitions: the baseline runs in two segments, and the drift
 * between them needs every level in both.
 */
public record Schedule(Duration warmup, Duration measure, int repetitions, Order order, long seed) {

    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MEASURE = Duration.ofSeconds(20);
    public static final int DEFAULT_REPETITIONS = 3;
    /** The lab's order; a file that names none gets its target's ({@link Order#defaultFor}). */
    public static final Order DEFAULT_ORDER = Order.INTERLEAVED;
    public static final long DEFAULT_SEED = 1;
    public static final int MAX_REPETITIONS = 1000;
    /** One baseline repetition before the candidate's segment and one after it. */
    public static final int MIN_ABA_REPETITIONS = 2;
    /** Longer than any sensible run; a larger value is a typo (a missing unit, an extra zero). */
    public static final Duration MAX_PHASE = Duration.ofHours(24);

    public Schedule {
        checkPhase("schedule.warmup", warmup, false);
        checkPhase("schedule.measure", measure, true);
        if (repetitions < 1 || repetitions > MAX_REPETITIONS) {
            throw new InvalidCampaignException("schedule.repetitions",
                    "must be between 1 and " + MAX_REPETITIONS + " (got " + repetitions + ")");
        }
        if (order == null) {
            throw new InvalidCampaignException("schedule.order", "is required (" + Order.labels() + ")");
        }
        if (order == Order.ABA && repetitions < MIN_ABA_REPETITIONS) {
            throw new InvalidCampaignException("schedule.repetitions", "must be at least " + MIN_ABA_REPETITIONS
                    + " with order aba, which runs the baseline before and after the candidate, each level at least"
                    + " once in each segment (got " + repetitions + ")");
        }
    }

    /** This schedule with another order. */
    public Schedule withOrder(Order other) {
        return new Schedule(warmup, measure, repetitions, other, seed);
    }

    /** 5 s warm-up, 20 s measured, three repetitions, arms interleaved, seed 1. */
    public static Schedule defaults() {
        return defaults(DEFAULT_ORDER);
    }

    /** The defaults, in {@code order} (a target's default, {@link Order#defaultFor}). */
    public static Schedule defaults(Order order) {
        return new Schedule(DEFAULT_WARMUP, DEFAULT_MEASURE, DEFAULT_REPETITIONS, order, DEFAULT_SEED);
    }

    private static void checkPhase(String path, Duration d, boolean positive) {
        if (d == null) {
            throw new InvalidCampaignException(path, "is required");
        }
        if (d.isNegative() || (positive && d.isZero())) {
            throw new InvalidCampaignException(path, "must be " + (positive ? "more than" : "at least") + " 0s");
        }
        if (d.compareTo(MAX_PHASE) > 0) {
            throw new InvalidCampaignException(path, "must be at most " + Durations.exact(MAX_PHASE)
                    + " (got " + Durations.exact(d) + ")");
        }
    }
}
