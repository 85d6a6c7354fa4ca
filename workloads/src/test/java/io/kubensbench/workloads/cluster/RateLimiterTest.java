package io.kubensbench.workloads.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubensbench.workloads.time.Ticker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The limiter on a fake clock: every expectation is exact, nothing depends on the machine. */
class RateLimiterTest {

    private static final long MS = 1_000_000;

    private final AtomicLong now = new AtomicLong(123 * MS);
    private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());

    /** A limiter whose sleeps move the fake clock on, as real sleeps move time. */
    private RateLimiter advancing(double qps, int burst) {
        return new RateLimiter(qps, burst, ticker(nanos -> {
            sleeps.add(nanos);
            now.addAndGet(nanos);
        }));
    }

    /** The fake clock {@code now}, whose sleeps go to {@code sleep}. */
    private Ticker ticker(LongConsumer sleep) {
        return new Ticker() {
            @Override
            public long nanoTime() {
                return now.get();
            }

            @Override
            public void sleep(long nanos) {
                sleep.accept(nanos);
            }
        };
    }

    @Test
    void theBurstIsFreeThenOneTokenPerInterval() throws InterruptedException {
        RateLimiter limiter = advancing(10, 3);

        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }
        assertThat(sleeps).isEmpty();

        limiter.acquire();
        limiter.acquire();
        assertThat(sleeps).containsExactly(100 * MS, 100 * MS);
    }

    @Test
    void aLongRunHoldsExactlyTheQps() throws InterruptedException {
        RateLimiter limiter = advancing(50, 5);
        long start = now.get();

        for (int i = 0; i < 1005; i++) {
            limiter.acquire();
        }

        // 1000 writes after the burst at 50 per second: 20 s, give or take rounding per sleep.
        assertThat(now.get() - start).isBetween(20_000 * MS, 20_000 * MS + 1005);
    }

    @Test
    void idleTimeRefillsTheBucketOnlyUpToTheBurst() throws InterruptedException {
        RateLimiter limiter = advancing(10, 4);
        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }

        now.addAndGet(60_000 * MS);
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }

        assertThat(sleeps).containsExactly(100 * MS);
    }

    @Test
    void elapsedTimeCountsTowardsTheNextToken() throws InterruptedException {
        RateLimiter limiter = advancing(10, 1);
        limiter.acquire();

        now.addAndGet(60 * MS);
        limiter.acquire();

        assertThat(sleeps).containsExactly(40 * MS);
    }

    @Test
    void concurrentCallersAreServedOneIntervalApart() throws Exception {
        // Frozen clock: every caller reserves its turn at the same instant, and the waits it
        // is given must be 1, 2, 3, ... intervals, whatever the interleaving of threads.
        RateLimiter limiter = new RateLimiter(100, 10, ticker(sleeps::add));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                callers.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        limiter.acquire();
                    }
                    return null;
                }));
            }
            for (Future<?> caller : callers) {
                caller.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(sleeps).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, 190).map(k -> k * 10 * MS).boxed().toList());
    }

    @Test
    void rejectsRatesThatCannotPace() {
        assertThatThrownBy(() -> new RateLimiter(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("qps must be a positive number (got 0.0)");
        assertThatThrownBy(() -> new RateLimiter(Double.NaN, 1))
                .hasMessage("qps must be a positive number (got NaN)");
        assertThatThrownBy(() -> new RateLimiter(Double.POSITIVE_INFINITY, 1))
                .hasMessage("qps must be a positive number (got Infinity)");
        assertThatThrownBy(() -> new RateLimiter(5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("burst must be at least 1 (got 0)");
    }
}
