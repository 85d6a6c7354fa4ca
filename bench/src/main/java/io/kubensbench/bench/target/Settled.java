package io.kubensbench.bench.target;

import java.time.Duration;

/**
 * How a target's systemd was before a run: unmounting the previous run's pods leaves it
 * thousands of mount units to drop, and a run that starts in that tail measures it. The
 * runner records {@code cores} with the run and refuses the run when {@code idle} is false.
 *
 * @param waited how long settling took
 * @param idle   whether every node's systemd went below the target's idle share of a core
 * @param cores  the busiest node's systemd share of a core over the last settle interval
 *               (NaN when no node could be read)
 * @param node   the busiest node
 */
public record Settled(Duration waited, boolean idle, double cores, String node) {
}
