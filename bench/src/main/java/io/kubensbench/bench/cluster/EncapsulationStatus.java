package io.kubensbench.bench.cluster;

import java.util.List;

/**
 * What {@code encapsulation status} found: each pool that renders a {@code 99-kubens-*}
 * MachineConfig of the chosen roles, and each node's documented check.
 *
 * @param pools   the pools, or null when the cluster has no MachineConfig API (no pools at all)
 * @param enabled the roles whose {@code 99-kubens-<role>} exists
 * @param nodes   each node of the chosen roles, by name
 */
public record EncapsulationStatus(List<MachineConfigPool> pools, List<String> enabled, List<NodeVerification> nodes) {

    public EncapsulationStatus {
        pools = pools == null ? null : List.copyOf(pools);
        enabled = List.copyOf(enabled);
        nodes = List.copyOf(nodes);
    }

    /** The kubens MachineConfigs a pool selects that exist, by name. */
    public List<String> selects(MachineConfigPool pool) {
        return enabled.stream().filter(pool::renders).map(MachineConfigs::name).toList();
    }

    /** The kubens MachineConfigs in the config the pool's machines run, by name. */
    public static List<String> rendered(MachineConfigPool pool) {
        return MachineConfigs.ROLES.stream().map(MachineConfigs::name).filter(pool.status()::renders).toList();
    }
}
