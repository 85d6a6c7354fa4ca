package io.kubensbench.bench.cluster;

import java.time.Duration;
import java.util.List;

/**
 * Told what the pools look like at every poll of a rollout, because a rollout drains and
 * reboots nodes one by one for up to half an hour and a user staring at a silent terminal
 * cannot tell progress from a hang.
 */
@FunctionalInterface
public interface RolloutProgress {

    /** Does nothing, for callers that only want the result. */
    RolloutProgress NONE = (pools, elapsed) -> { };

    /** Called from the waiting thread after each poll, with the watched pools in the order asked for. */
    void update(List<PoolStatus> pools, Duration elapsed);
}
