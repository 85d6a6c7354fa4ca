package io.kubensbench.workloads.cluster;

import io.kubensbench.workloads.time.Ticker;

/**
 * A token bucket shared by every API write of a campaign, creates and deletes alike. The API
 * server is shared with the cluster's own controllers; holding a campaign to a steady QPS with
 * a small burst, as kubelet and client-go do, keeps the benchmark from disturbing what it
 * measures, and makes the pod creation rate a stated property of the run.
 *
 * <p>Callers reserve a token and then sleep outside the lock until it is due, so concurrent
 * writers are served in the order they asked, each paced at {@code 1/qps} after the burst.
 */
public final class RateLimiter {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double qps;
    private final int burst;
    private final Ticker ticker;
    /** May go negative: tokens already promised to callers that are still waiting. */
    private double tokens;
    private long refilledAt;

    public RateLimiter(double qps, int burst) {
        this(qps, burst, Ticker.SYSTEM);
    }

    /** A limiter on {@code ticker}'s clock; a fake one lets tests run on a fake clock. */
    RateLimiter(double qps, int burst, Ticker ticker) {
        if (!(qps > 0) || Double.isInfinite(qps)) {
            throw new IllegalArgumentException("qps must be a positive number (got " + qps + ")");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1 (got " + burst + ")");
        }
        this.qps = qps;
        this.burst = burst;
        this.ticker = ticker;
        this.tokens = burst;
        this.refilledAt = ticker.nanoTime();
    }

    /**
     * Blocks until the caller may make one API write. A token taken by a caller interrupted
     * while waiting is not given back: the bucket errs on the side of fewer writes.
     */
    public void acquire() throws InterruptedException {
        long waitNanos = reserve();
        if (waitNanos > 0) {
            ticker.sleep(waitNanos);
        }
    }

    /** Takes a token now and returns how long the caller must wait before it is due. */
    private synchronized long reserve() {
        long now = ticker.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) * qps / NANOS_PER_SECOND);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / qps);
    }

    public double qps() {
        return qps;
    }

    public int burst() {
        return burst;
    }
}
