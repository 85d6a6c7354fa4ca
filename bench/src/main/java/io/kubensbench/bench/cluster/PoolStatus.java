package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a MachineConfigPool says about a rollout, reduced to what a user watching it needs:
 * is it done, is it stuck, how many machines are through. Read from the pool's status as the
 * Machine Config Operator writes it; a field it has not written yet reads as false, 0 or "",
 * so a freshly created pool is simply "not rolled out".
 *
 * @param degraded        any of Degraded, NodeDegraded or RenderDegraded is True: the rollout
 *                        will not finish by waiting
 * @param degradedMessage the messages of those conditions, joined, or "" when not degraded
 * @param readyMachineCount machines that are updated and back (Ready, schedulable)
 * @param configuration   the rendered config every machine of the pool runs
 *                        ({@code status.configuration.name})
 * @param sources         the MachineConfigs rendered into that config
 *                        ({@code status.configuration.source}), by name: whether the pool's
 *                        machines run {@code 99-kubens-worker} is read here, not guessed from time
 */
public record PoolStatus(String name, boolean updated, boolean updating, boolean degraded, String degradedMessage,
                         int machineCount, int updatedMachineCount, int readyMachineCount, int degradedMachineCount,
                         String configuration, List<String> sources) {

    public PoolStatus {
        sources = List.copyOf(sources);
    }

    /** The condition types whose True status means the pool is stuck, in the order they are reported. */
    static final List<String> DEGRADED_CONDITIONS = List.of("Degraded", "NodeDegraded", "RenderDegraded");

    public static PoolStatus of(GenericKubernetesResource pool) {
        String name = pool.getMetadata() == null ? "" : text(pool.getMetadata().getName());
        Object conditions = pool.get("status", "conditions");
        List<String> messages = new ArrayList<>();
        boolean degraded = false;
        for (String type : DEGRADED_CONDITIONS) {
            Map<?, ?> condition = condition(conditions, type);
            if (isTrue(condition)) {
                degraded = true;
                String message = text(condition.get("message")).strip();
                if (!message.isEmpty() && !messages.contains(message)) {
                    messages.add(message);
                }
            }
        }
        return new PoolStatus(name,
                isTrue(condition(conditions, "Updated")),
                isTrue(condition(conditions, "Updating")),
                degraded,
                String.join("; ", messages),
                count(pool.get("status", "machineCount")),
                count(pool.get("status", "updatedMachineCount")),
                count(pool.get("status", "readyMachineCount")),
                count(pool.get("status", "degradedMachineCount")),
                text(pool.get("status", "configuration", "name")),
                names(pool.get("status", "configuration", "source")));
    }

    /**
     * Every machine runs the pool's current config and is back, and nothing is in progress
     * or stuck: Updated, not Updating, not degraded, updated and ready machines both equal
     * to the machine count.
     */
    public boolean rolledOut() {
        return updated && !updating && !degraded && updatedMachineCount == machineCount
                && readyMachineCount == machineCount;
    }

    /** Whether the config the pool's machines run was rendered with the MachineConfig {@code name}. */
    public boolean renders(String name) {
        return sources.contains(name);
    }

    /** The names of the objects in a {@code source} list of object references. */
    static List<String> names(Object references) {
        if (!(references instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(r -> ((Map<?, ?>) r).get("name"))
                .filter(Objects::nonNull).map(Object::toString).toList();
    }

    private static Map<?, ?> condition(Object conditions, String type) {
        if (conditions instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> condition && type.equals(condition.get("type"))) {
                    return condition;
                }
            }
        }
        return Map.of();
    }

    private static boolean isTrue(Map<?, ?> condition) {
        return "True".equals(condition.get("status"));
    }

    private static int count(Object value) {
        return value instanceof Number number ? number.intValue() : 0;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
