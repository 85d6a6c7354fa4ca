package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.workloads.time.Durations;
import io.kubensbench.workloads.time.Ticker;
import java.io.IOException;
import java.time.Duration;

/**
 * Waits out an API server that throttles writes. Under load it answers 429 Too Many Requests
 * (API Priority and Fairness, max-in-flight), usually saying in Retry-After when to come back;
 * a deploy of thousands of objects or an hour of churn meets that and must wait, not fail.
 * fabric8 retries a call only as often as the connection allows (twice: a dead server is
 * reported in seconds); this takes over from there for the workload's writes: up to
 * {@link #RETRIES} more tries, waiting what the server's Retry-After says (up to
 * {@link #MAX_RETRY_AFTER}) or else 1 s, 2 s, 4 s ... up to {@link #MAX_BACKOFF}: about two
 * minutes in all without Retry-After, eight at the most with it. Then the 429 is reported
 * like any failure, saying how long it lasted.
 */
public final class Throttling {

    /** Tries after the first one that was throttled. */
    public static final int RETRIES = 8;
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(32);
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    static final int TOO_MANY_REQUESTS = 429;

    /** One API call, failing as {@link ApiErrors} explains it (the cause keeps the status). */
    @FunctionalInterface
    public interface Call {
        void run() throws IOException, InterruptedException;
    }

    private final int retries;
    private final Duration firstBackoff;
    private final Ticker ticker;

    /** The stated limits, on the system clock. */
    public Throttling() {
        this(RETRIES, FIRST_BACKOFF, Ticker.SYSTEM);
    }

    /** Other limits, or a fake clock, for tests. */
    Throttling(int retries, Duration firstBackoff, Ticker ticker) {
        this.retries = retries;
        this.firstBackoff = firstBackoff;
        this.ticker = ticker;
    }

    /** Runs {@code call}, again after a wait each time the API server throttles it, up to the limit. */
    public void run(Call call) throws IOException, InterruptedException {
        long start = ticker.nanoTime();
        for (int attempt = 0; ; attempt++) {
            try {
                call.run();
                return;
            } catch (IOException e) {
                KubernetesClientException throttled = throttled(e);
                if (throttled == null) {
                    throw e;
                }
                if (attempt >= retries) {
                    Duration lasted = Duration.ofNanos(ticker.nanoTime() - start);
                    throw new IOException(e.getMessage() + " (the API server still throttled it after " + retries
                            + " retries over " + Durations.exact(lasted) + "; lower target.cluster.qps)", e);
                }
                ticker.sleep(wait(throttled, attempt).toNanos());
            }
        }
    }

    /** Retry-After when the server said it, else the backoff of this attempt. */
    Duration wait(KubernetesClientException throttled, int attempt) {
        var status = throttled.getStatus();
        Integer after = status == null || status.getDetails() == null ? null
                : status.getDetails().getRetryAfterSeconds();
        if (after != null && after > 0) {
            Duration said = Duration.ofSeconds(after);
            return said.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : said;
        }
        Duration backoff = firstBackoff.multipliedBy(1L << Math.min(attempt, 20));
        Duration max = firstBackoff.multipliedBy(MAX_BACKOFF.toNanos() / FIRST_BACKOFF.toNanos());
        return backoff.compareTo(max) > 0 ? max : backoff;
    }

    /** The 429 behind {@code e}, or null when it is not a throttled call. */
    private static KubernetesClientException throttled(IOException e) {
        return e.getCause() instanceof KubernetesClientException k && k.getCode() == TOO_MANY_REQUESTS ? k : null;
    }
}
