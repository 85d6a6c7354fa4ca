package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the Machine Config Operator on fabric8's CRUD mock: serves its API, seeds pools in the
 * state a settled cluster shows, and moves them through a rollout by writing their status the
 * way the operator does (spec first when it renders a config, then status conditions/counts).
 */
final class MockMachineConfigOperator {

    private final KubernetesClient client;

    private MockMachineConfigOperator(KubernetesClient client) {
        this.client = client;
    }

    /** Makes the mock serve both resources as an OpenShift API server does (cluster-scoped, pools with /status). */
    static MockMachineConfigOperator serving(KubernetesMockServer server, KubernetesClient client) {
        server.expectCustomResource(crd(MachineConfigs.MACHINE_CONFIG_KIND, MachineConfigs.MACHINE_CONFIG_PLURAL, false));
        server.expectCustomResource(crd(MachineConfigs.MACHINE_CONFIG_POOL_KIND,
                MachineConfigs.MACHINE_CONFIG_POOL_PLURAL, true));
        return new MockMachineConfigOperator(client);
    }

    /** A pool whose machines all run {@code config}: Updated=True, Updating=False, Degraded=False. */
    void seedPool(String name, int machines, String config) {
        GenericKubernetesResource pool = new GenericKubernetesResourceBuilder()
                .withApiVersion(MachineConfigs.API_VERSION)
                .withKind(MachineConfigs.MACHINE_CONFIG_POOL_KIND)
                .withNewMetadata().withName(name).endMetadata()
                .build();
        pool.setAdditionalProperty("spec", new LinkedHashMap<>(Map.of(
                "configuration", Map.of("name", config),
                "machineConfigSelector", Map.of("matchLabels", Map.of(MachineConfigs.ROLE_LABEL, name)))));
        // The mock, like a real server, drops status on create when the resource has a status subresource.
        pools().resource(pool).create();
        setStatus(name, machines, machines, 0, config, List.of(condition("Updated", "True", ""),
                condition("Updating", "False", ""), condition("Degraded", "False", "")));
    }

    /** The render controller has produced {@code config} for the pool: its target changes, its status not yet. */
    void render(String name, String config) {
        pools().withName(name).edit(pool -> {
            Map<String, Object> spec = new LinkedHashMap<>(pool.get("spec"));
            spec.put("configuration", Map.of("name", config));
            pool.setAdditionalProperty("spec", spec);
            return pool;
        });
    }

    /** Machines are being drained and rebooted; {@code updated} of them run the target config already. */
    void updating(String name, int machines, int updated, String currentConfig) {
        setStatus(name, machines, updated, 0, currentConfig, List.of(condition("Updated", "False", ""),
                condition("Updating", "True", "All nodes are updating to " + currentConfig),
                condition("Degraded", "False", "")));
    }

    /** Every machine runs {@code config}. */
    void updated(String name, int machines, String config) {
        setStatus(name, machines, machines, 0, config, List.of(condition("Updated", "True",
                "All nodes are updated with " + config), condition("Updating", "False", ""),
                condition("Degraded", "False", "")));
    }

    /** A node failed to apply the config: the operator reports NodeDegraded and Degraded. */
    void degraded(String name, int machines, String currentConfig, String degradedMessage, String nodeMessage) {
        setStatus(name, machines, 0, 1, currentConfig, List.of(condition("Updated", "False", ""),
                condition("Updating", "True", ""), condition("NodeDegraded", "True", nodeMessage),
                condition("RenderDegraded", "False", ""), condition("Degraded", "True", degradedMessage)));
    }

    private void setStatus(String name, int machines, int updated, int degraded, String config,
                           List<Map<String, Object>> conditions) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", new ArrayList<>(conditions));
        status.put("configuration", Map.of("name", config));
        status.put("machineCount", machines);
        status.put("updatedMachineCount", updated);
        status.put("readyMachineCount", updated);
        status.put("unavailableMachineCount", machines - updated);
        status.put("degradedMachineCount", degraded);
        pools().withName(name).editStatus(pool -> {
            pool.setAdditionalProperty("status", status);
            return pool;
        });
    }

    private static Map<String, Object> condition(String type, String status, String message) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", status);
        condition.put("reason", "");
        condition.put("message", message);
        condition.put("lastTransitionTime", "2026-01-01T00:00:00Z");
        return condition;
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> pools() {
        return client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG_POOL);
    }

    private static CustomResourceDefinitionContext crd(String kind, String plural, boolean status) {
        return new CustomResourceDefinitionContext.Builder()
                .withGroup(MachineConfigs.GROUP)
                .withVersion(MachineConfigs.VERSION)
                .withKind(kind)
                .withPlural(plural)
                .withName(plural + "." + MachineConfigs.GROUP)
                .withScope("Cluster")
                .withStatusSubresource(status)
                .build();
    }
}
