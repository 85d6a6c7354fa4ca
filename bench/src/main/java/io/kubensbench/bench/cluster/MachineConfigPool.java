package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import java.util.Map;

/**
 * A MachineConfigPool as kubens-bench needs it: which MachineConfigs it renders
 * ({@code spec.machineConfigSelector}), which nodes it holds ({@code spec.nodeSelector}),
 * whether it is paused, and its status. A {@code 99-kubens-worker} reboots every pool whose
 * selector picks it, a custom pool inheriting from worker included, so which nodes a switch
 * reboots is worked out from these selectors, never from the pool's name.
 *
 * @param paused {@code spec.paused}: the operator renders the change but rolls nothing out
 *               until someone unpauses the pool, then reboots every node of it
 * @param target the rendered config the pool is moving to ({@code spec.configuration.name}),
 *               or "" when it names none
 */
public record MachineConfigPool(String name, LabelSelector machineConfigSelector, LabelSelector nodeSelector,
        boolean paused, String target, PoolStatus status) {

    static MachineConfigPool of(GenericKubernetesResource pool) {
        Object target = pool.get("spec", "configuration", "name");
        return new MachineConfigPool(pool.getMetadata().getName(),
                LabelSelector.of(pool.get("spec", "machineConfigSelector")),
                LabelSelector.of(pool.get("spec", "nodeSelector")),
                Boolean.TRUE.equals(pool.get("spec", "paused")),
                target == null ? "" : target.toString(),
                PoolStatus.of(pool));
    }

    /** Whether the pool renders {@code 99-kubens-<role>} into its config, by its machineConfigSelector. */
    public boolean renders(String role) {
        return machineConfigSelector.matches(MachineConfigs.kubens(role).getMetadata().getLabels());
    }

    /** Whether {@code node} matches the pool's nodeSelector (the operator then picks one pool per node). */
    boolean selects(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return nodeSelector.matches(labels == null ? Map.of() : labels);
    }

    /**
     * Whether every machine of the pool runs a config rendered with (or, for false, without)
     * each {@code 99-kubens-<role>} of {@code wanted} that the pool renders: the status names
     * that config, lists the MachineConfig among its sources (or not), has reached the pool's
     * target, and counts every machine updated and ready. Time alone never counts as done.
     *
     * @param wanted per role, whether its MachineConfig must be rendered in
     */
    public boolean reached(Map<String, Boolean> wanted) {
        if (!status.rolledOut() || !(target.isEmpty() || target.equals(status.configuration()))) {
            return false;
        }
        return wanted.entrySet().stream().filter(e -> renders(e.getKey()))
                .allMatch(e -> status.renders(MachineConfigs.name(e.getKey())) == e.getValue());
    }
}
