package io.kubensbench.bench.cli;

import io.kubensbench.bench.cluster.SwitchOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code run}'s options for a campaign that switches encapsulation with MachineConfigs, where
 * every switch reboots whole pools: confirm it, bound it, undo it at the end.
 */
final class RolloutOptions {

    @Option(names = "--yes", description = "Do not ask before switching encapsulation reboots a cluster's nodes"
            + " (for scripts; without a terminal, a switching campaign needs it).")
    boolean yes;

    @Option(names = "--restore", description = "At the end, also after Ctrl-C, put the MachineConfigs back as the"
            + " campaign found them (a rollout of its own); without it, encapsulation stays as the last run's arm"
            + " left it, and Ctrl-C removes only the MachineConfig the run created.")
    boolean restore;

    @Option(names = "--rollout-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long one MachineConfig rollout may take (default: from the size of the pools it"
                    + " reboots, a fixed part plus an allowance per node of the largest; run prints it).")
    Duration rolloutTimeout;

    /**
     * What a campaign is told about its switches: asks through {@code prompt} about up to
     * {@code switches} of them, and gives up its waits on {@code stop}.
     */
    SwitchOptions forCampaign(Prompt prompt, int switches, StopRequest stop) {
        return new SwitchOptions(rolloutTimeout, restore,
                reboots -> stop.asking(() -> RebootConfirmation.require(reboots, switches, yes, prompt)),
                stop.flag()::get);
    }
}
