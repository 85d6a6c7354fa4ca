package io.kubensbench.analysis.results;

import java.util.List;

/**
 * Where a campaign ran, {@code environment.json}: what a result depends on and a reader
 * needs to trust or compare it. systemd's version matters most: its mount event rate limit
 * changed in v248 and v253.
 */
public record Environment(
        String tool, String target, String hostname, String kernel, String systemdVersion,
        String cpuModel, int cpus, long memoryBytes, String java, String bootId, String createdAt,
        String clusterVersion, List<String> nodes) {
}
