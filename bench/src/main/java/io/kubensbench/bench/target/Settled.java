package io.kubensbench.bench.target;

import java.time.Duration;

/**
 * How a target's settling ended: a run must not start while systemd still drops the previous
 * run's mount units, so the runner needs to know whether it went idle, and if not, how busy
 * it still was and where, to record the run as invalid with that reason.
 *
 * @param waited how long settling took
 * @param idle   whether systemd went below the traits' idle share on every node
 * @param cores  systemd's CPU in cores over the last interval read, on the busiest node; NaN if unread
 * @param node   the busiest node
 */
public record Settled(Duration waited, boolean idle, double cores, String node) {
}
