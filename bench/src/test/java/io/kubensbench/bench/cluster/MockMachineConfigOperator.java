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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the Machine Config Operator on fabric8's CRUD mock: serves its API, seeds pools in the
 * state a settled cluster shows (a role pool, or a custom pool inheriting from one, each with
 * its MachineConfig and node selectors), and moves them through a rollout by writing their
 * status the way the operator does: spec first when it renders a config (with the
 * MachineConfigs rendered in as its source), then status conditions, counts and the config
 * the machines run.
 */
public final class MockMachineConfigOperator {

    private final KubernetesClient client;
    /** Per pool, the roles whose MachineConfigs it renders. */
    private final Map<String, List<String>> renders = new ConcurrentHashMap<>();
    /** Per rendered config, the MachineConfigs rendered into it. */
    private final Map<String, List<String>> sources = new ConcurrentHashMap<>();

    private MockMachineConfigOperator(KubernetesClient client) {
        this.client = client;
    }

    /** Makes the mock serve both resources as an OpenShift API server does (cluster-scoped, pools with /status). */
    public static MockMachineConfigOperator serving(KubernetesMockServer server, KubernetesClient client) {
        server.expectCustomResource(crd(MachineConfigs.MACHINE_CONFIG_KIND, MachineConfigs.MACHINE_CONFIG_PLURAL, false));
        server.expectCustomResource(crd(MachineConfigs.MACHINE_CONFIG_POOL_KIND,
                MachineConfigs.MACHINE_CONFIG_POOL_PLURAL, true));
        return new MockMachineConfigOperator(client);
    }

    /**
     * A pool of role {@code name} (master, worker) as the installer makes it, whose machines all
     * run {@code config}: Updated=True, Updating=False, Degraded=False.
     */
    public void seedPool(String name, int machines, String config) {
        seed(name, List.of(name), Map.of("matchLabels", Map.of(MachineConfigs.ROLE_LABEL, name)), machines, config);
    }

    /**
     * A custom pool inheriting from {@code parent} as the OpenShift documentation makes one: it
     * renders the parent's MachineConfigs and its own, and holds the nodes labelled with its role.
     */
    public void seedCustomPool(String name, String parent, int machines, String config) {
        seed(name, List.of(parent, name), Map.of("matchExpressions", List.of(Map.of("key", MachineConfigs.ROLE_LABEL,
                "operator", "In", "values", List.of(parent, name)))), machines, config);
    }

    private void seed(String name, List<String> roles, Map<String, Object> machineConfigSelector, int machines,
            String config) {
        renders.put(name, roles);
        sources.put(config, rendered(name));
        GenericKubernetesResource pool = new GenericKubernetesResourceBuilder()
                .withApiVersion(MachineConfigs.API_VERSION)
                .withKind(MachineConfigs.MACHINE_CONFIG_POOL_KIND)
                .withNewMetadata().withName(name).endMetadata()
                .build();
        pool.setAdditionalProperty("spec", new LinkedHashMap<>(Map.of(
                "configuration", configuration(config),
                "machineConfigSelector", machineConfigSelector,
                "nodeSelector", Map.of("matchLabels", Map.of("node-role.kubernetes.io/" + name, "")),
                "paused", false)));
        // The mock, like a real server, drops status on create when the resource has a status subresource.
        pools().resource(pool).create();
        setStatus(name, machines, machines, 0, config, List.of(condition("Updated", "True", ""),
                condition("Updating", "False", ""), condition("Degraded", "False", "")));
    }

    /** An administrator paused the pool: the operator renders changes but rolls nothing out. */
    public void pause(String name) {
        pools().withName(name).edit(pool -> {
            Map<String, Object> spec = new LinkedHashMap<>(pool.get("spec"));
            spec.put("paused", true);
            pool.setAdditionalProperty("spec", spec);
            return pool;
        });
    }

    /**
     * The render controller has produced {@code config} for the pool from the MachineConfigs
     * that exist now: its target changes, its status not yet.
     */
    public void render(String name, String config) {
        sources.put(config, rendered(name));
        pools().withName(name).edit(pool -> {
            Map<String, Object> spec = new LinkedHashMap<>(pool.get("spec"));
            spec.put("configuration", configuration(config));
            pool.setAdditionalProperty("spec", spec);
            return pool;
        });
    }

    /** The pool's base MachineConfig and every existing MachineConfig of a role it renders, sorted as the operator does. */
    private List<String> rendered(String pool) {
        List<String> names = new ArrayList<>(List.of("00-" + renders.get(pool).get(0)));
        for (GenericKubernetesResource mc : client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).list()
                .getItems()) {
            Map<String, String> labels = mc.getMetadata().getLabels();
            if (labels != null && renders.get(pool).contains(labels.get(MachineConfigs.ROLE_LABEL))) {
                names.add(mc.getMetadata().getName());
            }
        }
        names.sort(null);
        return names;
    }

    private Map<String, Object> configuration(String config) {
        List<Map<String, String>> source = sources.getOrDefault(config, List.of()).stream()
                .map(n -> Map.of("apiVersion", MachineConfigs.API_VERSION, "kind", MachineConfigs.MACHINE_CONFIG_KIND,
                        "name", n))
                .toList();
        return Map.of("name", config, "source", source);
    }

    /** Machines are being drained and rebooted; {@code updated} of them run the target config already. */
    public void updating(String name, int machines, int updated, String currentConfig) {
        setStatus(name, machines, updated, 0, currentConfig, List.of(condition("Updated", "False", ""),
                condition("Updating", "True", "All nodes are updating to " + currentConfig),
                condition("Degraded", "False", "")));
    }

    /** Every machine runs {@code config}. */
    public void updated(String name, int machines, String config) {
        setStatus(name, machines, machines, 0, config, List.of(condition("Updated", "True",
                "All nodes are updated with " + config), condition("Updating", "False", ""),
                condition("Degraded", "False", "")));
    }

    /** {@code notReady} of the pool's updated machines are not back yet (NotReady or cordoned). */
    public void notReady(String name, int notReady) {
        pools().withName(name).editStatus(pool -> {
            Map<String, Object> status = new LinkedHashMap<>(pool.get("status"));
            status.put("readyMachineCount", ((Number) status.get("updatedMachineCount")).intValue() - notReady);
            pool.setAdditionalProperty("status", status);
            return pool;
        });
    }

    /** A node failed to apply the config: the operator reports NodeDegraded and Degraded. */
    public void degraded(String name, int machines, String currentConfig, String degradedMessage, String nodeMessage) {
        setStatus(name, machines, 0, 1, currentConfig, List.of(condition("Updated", "False", ""),
                condition("Updating", "True", ""), condition("NodeDegraded", "True", nodeMessage),
                condition("RenderDegraded", "False", ""), condition("Degraded", "True", degradedMessage)));
    }

    private void setStatus(String name, int machines, int updated, int degraded, String config,
                           List<Map<String, Object>> conditions) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", new ArrayList<>(conditions));
        status.put("configuration", configuration(config));
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
