package io.kubensbench.bench.cluster;

import io.kubensbench.workloads.time.Durations;
import java.time.Duration;
import java.util.List;

/**
 * One line per progress report of a MachineConfigPool rollout: a bar of updated machines over
 * all pools, then each pool's state, so a 45-minute wait shows where it is.
 */
public final class PoolProgress {

    private static final int BAR = 20;

    private PoolProgress() {
    }

    public static String line(List<PoolStatus> pools, Duration elapsed) {
        int machines = pools.stream().mapToInt(PoolStatus::machineCount).sum();
        int updated = pools.stream().mapToInt(PoolStatus::updatedMachineCount).sum();
        int filled = machines == 0 ? 0 : Math.min(BAR, updated * BAR / machines);
        StringBuilder s = new StringBuilder("[").append("#".repeat(filled)).append(".".repeat(BAR - filled))
                .append("] ").append(updated).append('/').append(machines).append(" machines updated, ")
                .append(Durations.rough(elapsed)).append(':');
        for (PoolStatus p : pools) {
            s.append(' ').append(p.name()).append(' ').append(p.updatedMachineCount()).append('/')
                    .append(p.machineCount()).append(' ')
                    .append(p.degraded() ? "Degraded" : p.updating() ? "Updating" : p.updated() ? "Updated" : "pending");
        }
        return s.toString();
    }
}
