package io.kubensbench.workloads.cluster;

import io.kubensbench.workloads.time.Durations;
import java.time.Duration;

/**
 * How hard a deployment may push the API server and how long it waits for the cluster.
 * The defaults follow the client defaults of kubelet and kube-burner (QPS 20, burst 40),
 * rates an API server is sized for; the timeouts leave room for image pulls on a fresh node
 * and for a node deleting hundreds of pods with their volumes.
 */
public record ClusterWorkloadOptions(double qps, int burst, Duration runningTimeout,
        Duration deleteTimeout) {

    /** Far above what one API server accepts from one client; a larger value is a typo. */
    public static final double MAX_QPS = 10_000;

    public ClusterWorkloadOptions {
        if (!(qps > 0 && qps <= MAX_QPS)) {
            throw new IllegalArgumentException("qps must be greater than 0 and at most "
                    + (int) MAX_QPS + " (got " + qps + ")");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1 (got " + burst + ")");
        }
        requirePositive("runningTimeout", runningTimeout);
        requirePositive("deleteTimeout", deleteTimeout);
    }

    /** QPS 20 and burst 40 as kubelet and kube-burner; 10 minutes to Running, 5 to delete. */
    public static ClusterWorkloadOptions defaults() {
        return new ClusterWorkloadOptions(20, 40, Duration.ofMinutes(10), Duration.ofMinutes(5));
    }

    /** A rate limiter for the writes of one campaign, from these options' QPS and burst. */
    public RateLimiter newRateLimiter() {
        return new RateLimiter(qps, burst);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration (got "
                    + (value == null ? "null" : Durations.exact(value)) + ")");
        }
    }
}
