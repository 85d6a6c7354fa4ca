package io.kubensbench.bench.campaign;

import io.kubensbench.workloads.time.Durations;
import java.time.Duration;

/**
 * How often systemd's CPU is sampled while measuring. The per-run figure comes from the
 * counters at the window's edges, so the interval sets the time resolution of the samples
 * (and the harness's own cost), not the accuracy of the result; 100 ms to 60 s keeps the
 * harness cheap and still gives a window several samples.
 */
public record SamplingSpec(Duration interval) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(60);

    public SamplingSpec {
        if (interval == null) {
            throw new InvalidCampaignException("sampling.interval", "is required");
        }
        if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw new InvalidCampaignException("sampling.interval", "must be between "
                    + Durations.exact(MIN_INTERVAL) + " and " + Durations.exact(MAX_INTERVAL)
                    + " (got " + Durations.exact(interval) + ")");
        }
    }

    /** One sample a second. */
    public static SamplingSpec defaults() {
        return new SamplingSpec(DEFAULT_INTERVAL);
    }
}
