package io.kubensbench.bench.cluster;

import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What the user decided about a cluster campaign's encapsulation switches, since each one
 * reboots whole pools: how long a rollout may take, whether the campaign puts back the state
 * it found, who approves the reboots before anything is created, and the stop flag (Ctrl-C)
 * that every long wait of the campaign, rollouts included, gives up on.
 *
 * @param rolloutTimeout how long one rollout is waited for; null for {@link Reboots#rolloutTimeout()}
 * @param restore        at the end, put the MachineConfigs back as the campaign found them
 * @param approval       asked once, with what each switch reboots, before the campaign creates anything
 * @param stopped        true once the user asked the campaign to stop
 */
public record SwitchOptions(Duration rolloutTimeout, boolean restore, Approval approval, BooleanSupplier stopped) {

    /** Says yes to the reboots, or refuses with one line; nothing has been created when it is asked. */
    @FunctionalInterface
    public interface Approval {
        void approve(Reboots reboots) throws IOException;
    }

    public SwitchOptions {
        if (rolloutTimeout != null && (rolloutTimeout.isNegative() || rolloutTimeout.isZero())) {
            throw new IllegalArgumentException("the rollout timeout must be positive (got "
                    + Durations.exact(rolloutTimeout) + ")");
        }
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(stopped, "stopped");
    }

    /** Timeouts from the pools' size, nothing restored, every switch approved, never stopped: for tests. */
    static SwitchOptions approved() {
        return new SwitchOptions(null, false, reboots -> { }, () -> false);
    }

    /** The rollout timeout for pools that reboot as {@code reboots} says. */
    Duration rolloutTimeout(Reboots reboots) {
        return rolloutTimeout != null ? rolloutTimeout : reboots.rolloutTimeout();
    }
}
