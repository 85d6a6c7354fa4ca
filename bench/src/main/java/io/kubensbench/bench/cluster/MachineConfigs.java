package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubensbench.workloads.pods.PodFactory;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Machine Config Operator's objects as kubens-bench needs them, without the OpenShift
 * client: a campaign on OpenShift only has to create two small MachineConfigs and read the
 * pools' status, so generic resources keep the dependency on plain Kubernetes.
 *
 * <p>{@link #kubens(String)} builds the {@code 99-kubens-<role>} MachineConfig exactly as
 * OpenShift's documentation writes it (ignition {@value #IGNITION_VERSION}, one enabled
 * {@value #UNIT} unit), with one deviation: the label
 * {@value #MANAGED_BY_LABEL}={@value #MANAGED_BY}, so that kubens-bench later deletes only the
 * MachineConfigs it created itself and never one an administrator applied by hand; a
 * campaign's also carries its run id ({@value #RUN_LABEL}), so that one campaign, or
 * {@code encapsulation disable}, never removes another live campaign's.
 */
public final class MachineConfigs {

    public static final String GROUP = "machineconfiguration.openshift.io";
    public static final String VERSION = "v1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    public static final String MACHINE_CONFIG_KIND = "MachineConfig";
    public static final String MACHINE_CONFIG_PLURAL = "machineconfigs";
    public static final String MACHINE_CONFIG_POOL_KIND = "MachineConfigPool";
    public static final String MACHINE_CONFIG_POOL_PLURAL = "machineconfigpools";
    /** The resource as RBAC and error messages name it. */
    public static final String MACHINE_CONFIGS_RESOURCE = MACHINE_CONFIG_PLURAL + "." + GROUP;
    public static final String MACHINE_CONFIG_POOLS_RESOURCE = MACHINE_CONFIG_POOL_PLURAL + "." + GROUP;

    /** Cluster-scoped, like every Machine Config Operator object. */
    public static final ResourceDefinitionContext MACHINE_CONFIG = context(MACHINE_CONFIG_KIND, MACHINE_CONFIG_PLURAL);
    public static final ResourceDefinitionContext MACHINE_CONFIG_POOL =
            context(MACHINE_CONFIG_POOL_KIND, MACHINE_CONFIG_POOL_PLURAL);

    public static final String MASTER = "master";
    public static final String WORKER = "worker";
    /** The roles the product documentation enables; custom pools inherit the worker MachineConfig. */
    public static final List<String> ROLES = List.of(MASTER, WORKER);

    public static final String NAME_PREFIX = "99-kubens-";
    public static final String ROLE_LABEL = GROUP + "/role";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "kubens-bench";
    public static final String RUN_LABEL = PodFactory.RUN_LABEL;
    public static final String UNIT = "kubens.service";
    public static final String IGNITION_VERSION = "3.2.0";

    private MachineConfigs() {
    }

    /** {@code 99-kubens-<role>}, the name the product documentation gives the MachineConfig. */
    public static String name(String role) {
        return NAME_PREFIX + checkRole(role);
    }

    /** The MachineConfig that enables {@value #UNIT} on every node of {@code role}, not tied to a campaign. */
    public static GenericKubernetesResource kubens(String role) {
        return kubens(role, null);
    }

    /** As {@link #kubens(String)}, labelled with the campaign's {@code runId} when it is not null. */
    public static GenericKubernetesResource kubens(String role, String runId) {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("enabled", true);
        unit.put("name", UNIT);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("ignition", Map.of("version", IGNITION_VERSION));
        config.put("systemd", Map.of("units", List.of(unit)));
        GenericKubernetesResource machineConfig = new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind(MACHINE_CONFIG_KIND)
                .withNewMetadata()
                .withName(name(role))
                .addToLabels(ROLE_LABEL, role)
                .addToLabels(MANAGED_BY_LABEL, MANAGED_BY)
                .endMetadata()
                .build();
        if (runId != null) {
            machineConfig.getMetadata().getLabels().put(RUN_LABEL, PodFactory.checkedRunId(runId));
        }
        machineConfig.setAdditionalProperty("spec", Map.of("config", config));
        return machineConfig;
    }

    /** True when kubens-bench created this object (it carries the managed-by label). */
    public static boolean managedByKubensBench(GenericKubernetesResource resource) {
        Map<String, String> labels = resource.getMetadata() == null ? null : resource.getMetadata().getLabels();
        return labels != null && MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL));
    }

    /** The role a {@code 99-kubens-<role>} MachineConfig is for, by its name. */
    public static String roleOf(GenericKubernetesResource machineConfig) {
        return checkRole(machineConfig.getMetadata().getName().substring(NAME_PREFIX.length()));
    }

    /** The campaign run a MachineConfig belongs to, or null for one not made by a campaign. */
    public static String runOf(GenericKubernetesResource machineConfig) {
        Map<String, String> labels = machineConfig.getMetadata() == null ? null
                : machineConfig.getMetadata().getLabels();
        return labels == null ? null : labels.get(RUN_LABEL);
    }

    /**
     * The roles a node has by its role labels: master (also for control-plane) and/or
     * worker; empty for a node of neither. Where the cluster can be asked, its pools' node
     * selectors say more ({@link ClusterPools}).
     */
    public static Set<String> rolesOf(Node node) {
        return rolesOf(node.getMetadata().getLabels());
    }

    /** The roles that node labels (or a node selector's keys) name, as {@link #rolesOf(Node)}. */
    public static Set<String> rolesOf(Map<String, String> nodeLabels) {
        Map<String, String> labels = nodeLabels == null ? Map.of() : nodeLabels;
        Set<String> out = new LinkedHashSet<>();
        if (labels.containsKey("node-role.kubernetes.io/master")
                || labels.containsKey("node-role.kubernetes.io/control-plane")) {
            out.add(MASTER);
        }
        if (labels.containsKey("node-role.kubernetes.io/worker")) {
            out.add(WORKER);
        }
        return out;
    }

    /** Returns {@code role} when it is one kubens-bench switches, else says which roles are. */
    public static String checkRole(String role) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "': kubens-bench switches encapsulation for "
                    + String.join(" and ", ROLES) + " (custom pools inherit the worker MachineConfig)");
        }
        return role;
    }

    private static ResourceDefinitionContext context(String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(GROUP)
                .withVersion(VERSION)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(false)
                .build();
    }
}
