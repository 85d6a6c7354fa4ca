package io.kubensbench.bench.cluster;

import static io.kubensbench.bench.cluster.MachineConfigs.MACHINE_CONFIG;
import static io.kubensbench.bench.cluster.MachineConfigs.MANAGED_BY;
import static io.kubensbench.bench.cluster.MachineConfigs.MANAGED_BY_LABEL;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.workloads.cluster.ApiErrors;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Switches mount namespace encapsulation on an OpenShift cluster the way the product
 * documentation does it, with the {@code 99-kubens-<role>} MachineConfigs. Works against any
 * cluster that serves {@code machineconfiguration.openshift.io/v1}; on plain Kubernetes every
 * call fails with one line telling the user to switch encapsulation by hand
 * ({@code encapsulation: manual}). Waiting for the rollout is {@link RolloutWait}'s job.
 *
 * <p>Safety: kubens-bench deletes only MachineConfigs it created, recognised by the
 * {@value MachineConfigs#MANAGED_BY_LABEL}={@value MachineConfigs#MANAGED_BY} label, and never
 * one that carries the run id ({@value MachineConfigs#RUN_LABEL}) of another campaign that is
 * still running (its namespace exists), so two users cannot pull a pool from under each
 * other. A {@code 99-kubens-*} MachineConfig an administrator applied per the documentation
 * counts as enabled, and {@link #disable} refuses to touch it, saying how to remove it by hand.
 */
public final class ClusterEncapsulation {

    public static final String NO_API = MachineConfigApi.NO_API;

    private final KubernetesClient client;
    private final MachineConfigApi api;

    public ClusterEncapsulation(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.api = new MachineConfigApi(client);
    }

    /** The roles (master, worker) whose {@code 99-kubens-<role>} MachineConfig exists, whoever created it. */
    public List<String> enabledRoles() throws IOException {
        api.require();
        List<String> enabled = new ArrayList<>();
        for (String role : MachineConfigs.ROLES) {
            if (machineConfig(role) != null) {
                enabled.add(role);
            }
        }
        return enabled;
    }

    /**
     * Creates the missing {@code 99-kubens-<role>} MachineConfigs ({@code roles} empty means master
     * and worker), labelled with {@code runId} when a campaign creates them, and returns the
     * names it created; roles already enabled are left as they are.
     */
    public List<String> enable(List<String> roles, String runId) throws IOException {
        List<String> created = new ArrayList<>();
        for (String role : toEnable(roles)) {
            if (create(MachineConfigs.kubens(role, runId))) {
                created.add(MachineConfigs.name(role));
            }
        }
        return created;
    }

    /** The roles of {@code roles} ({@code empty}: both) whose MachineConfig does not exist yet. */
    public List<String> toEnable(List<String> roles) throws IOException {
        List<String> wanted = roles(roles);
        api.require();
        List<String> missing = new ArrayList<>();
        for (String role : wanted) {
            if (machineConfig(role) == null) {
                missing.add(role);
            }
        }
        return missing;
    }

    /**
     * The roles whose MachineConfig {@link #disable} would delete. Refuses, naming the way
     * out, when one was created by someone else, or belongs to a campaign other than
     * {@code self} (null: any campaign) that is still running.
     */
    public List<String> toDisable(List<String> roles, String self) throws IOException {
        return deletable(roles, self).stream().map(MachineConfigs::roleOf).toList();
    }

    private List<GenericKubernetesResource> deletable(List<String> roles, String self) throws IOException {
        List<String> wanted = roles(roles);
        api.require();
        List<GenericKubernetesResource> ours = new ArrayList<>();
        for (String role : wanted) {
            GenericKubernetesResource machineConfig = machineConfig(role);
            if (machineConfig == null) {
                continue;
            }
            String name = MachineConfigs.name(role);
            if (!MachineConfigs.managedByKubensBench(machineConfig)) {
                throw new ClusterAccessException(name + " was not created by kubens-bench (it has no "
                        + MANAGED_BY_LABEL + "=" + MANAGED_BY + " label), so kubens-bench leaves it alone: remove it"
                        + " by hand with 'oc delete machineconfig " + name + "'");
            }
            refuseIfHeld(machineConfig, self);
            ours.add(machineConfig);
        }
        return ours;
    }

    /**
     * Refuses when a MachineConfig of {@code roles} belongs to a campaign other than
     * {@code self} that is still running: two campaigns switching one pool measure nothing.
     */
    public void requireNotHeld(List<String> roles, String self) throws IOException {
        List<String> wanted = roles(roles);
        api.require();
        for (String role : wanted) {
            GenericKubernetesResource machineConfig = machineConfig(role);
            if (machineConfig != null) {
                refuseIfHeld(machineConfig, self);
            }
        }
    }

    private void refuseIfHeld(GenericKubernetesResource machineConfig, String self) throws IOException {
        String run = MachineConfigs.runOf(machineConfig);
        if (run == null || run.equals(self)) {
            return;
        }
        Optional<String> live = liveNamespace(run);
        if (live.isPresent()) {
            String name = machineConfig.getMetadata().getName();
            throw new ClusterAccessException(name + " belongs to campaign run " + run + ", which is still running"
                    + " (namespace " + live.get() + "), so kubens-bench leaves it alone: let that campaign end, or"
                    + " remove it anyway with: kubens-bench encapsulation disable --run-id " + run);
        }
    }

    /**
     * Deletes the {@code 99-kubens-<role>} MachineConfigs kubens-bench created ({@code roles}
     * empty means master and worker) and returns their names. Refuses, before deleting
     * anything, what {@link #toDisable} refuses.
     */
    public List<String> disable(List<String> roles, String self) throws IOException {
        return delete(deletable(roles, self));
    }

    /**
     * Deletes only the MachineConfigs of {@code roles} labelled with campaign run {@code runId},
     * whatever else exists, and returns their names: what a campaign removes after Ctrl-C,
     * and {@code encapsulation disable --run-id}.
     */
    public List<String> disableRun(List<String> roles, String runId) throws IOException {
        return delete(ofRun(roles, runId));
    }

    /** The roles whose MachineConfig {@link #disableRun} would delete. */
    public List<String> toDisableRun(List<String> roles, String runId) throws IOException {
        return ofRun(roles, runId).stream().map(MachineConfigs::roleOf).toList();
    }

    private List<GenericKubernetesResource> ofRun(List<String> roles, String runId) throws IOException {
        Objects.requireNonNull(runId, "runId");
        List<String> wanted = roles(roles);
        api.require();
        List<GenericKubernetesResource> theirs = new ArrayList<>();
        for (String role : wanted) {
            GenericKubernetesResource machineConfig = machineConfig(role);
            if (machineConfig != null && MachineConfigs.managedByKubensBench(machineConfig)
                    && runId.equals(MachineConfigs.runOf(machineConfig))) {
                theirs.add(machineConfig);
            }
        }
        return theirs;
    }

    /** The {@code 99-kubens-<role>} MachineConfig as it is now, or null. */
    GenericKubernetesResource machineConfig(String role) throws IOException {
        try {
            return client.genericKubernetesResources(MACHINE_CONFIG).withName(MachineConfigs.name(role)).get();
        } catch (KubernetesClientException e) {
            throw api.explain(e, "get", MachineConfigApi.MACHINE_CONFIGS);
        }
    }

    /**
     * Creates {@code machineConfig} again as it was (its labels and spec, not its identity),
     * for a campaign that restores the state it found; false when it exists already.
     */
    boolean recreate(GenericKubernetesResource machineConfig) throws IOException {
        GenericKubernetesResource copy = new GenericKubernetesResourceBuilder()
                .withApiVersion(machineConfig.getApiVersion())
                .withKind(machineConfig.getKind())
                .withNewMetadata()
                .withName(machineConfig.getMetadata().getName())
                .withLabels(machineConfig.getMetadata().getLabels())
                .withAnnotations(machineConfig.getMetadata().getAnnotations())
                .endMetadata()
                .build();
        copy.setAdditionalProperty("spec", machineConfig.get("spec"));
        return create(copy);
    }

    private boolean create(GenericKubernetesResource machineConfig) throws IOException {
        try {
            client.genericKubernetesResources(MACHINE_CONFIG).resource(machineConfig).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != ApiErrors.CONFLICT) { // 409: created meanwhile, so present as promised
                throw api.explain(e, "create", MachineConfigApi.MACHINE_CONFIGS);
            }
            return false;
        }
    }

    private List<String> delete(List<GenericKubernetesResource> machineConfigs) throws IOException {
        List<String> deleted = new ArrayList<>();
        for (GenericKubernetesResource machineConfig : machineConfigs) {
            String name = machineConfig.getMetadata().getName();
            try {
                // Only the version read above, so an object replaced since then is not deleted blindly.
                if (!client.genericKubernetesResources(MACHINE_CONFIG).withName(name)
                        .lockResourceVersion(machineConfig.getMetadata().getResourceVersion()).delete().isEmpty()) {
                    deleted.add(name);
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() == ApiErrors.CONFLICT) {
                    throw new IOException(name + " changed while kubens-bench was deleting it: run disable again", e);
                }
                if (e.getCode() != ApiErrors.NOT_FOUND) {
                    throw api.explain(e, "delete", MachineConfigApi.MACHINE_CONFIGS);
                }
            }
        }
        return deleted;
    }

    /** The namespace of campaign run {@code runId} while the campaign runs (it exists and is not being deleted). */
    private Optional<String> liveNamespace(String runId) throws IOException {
        List<Namespace> namespaces;
        try {
            namespaces = client.namespaces().withLabel(MachineConfigs.RUN_LABEL, runId).list().getItems();
        } catch (KubernetesClientException e) {
            throw api.explain(e, "list", "namespaces");
        }
        return namespaces.stream().filter(n -> n.getMetadata().getDeletionTimestamp() == null)
                .map(n -> n.getMetadata().getName()).sorted().findFirst();
    }

    private static List<String> roles(List<String> roles) {
        Objects.requireNonNull(roles, "roles");
        if (roles.isEmpty()) {
            return MachineConfigs.ROLES;
        }
        return new LinkedHashSet<>(roles).stream().map(MachineConfigs::checkRole).toList();
    }

    /** Per role, whether its MachineConfig is wanted: what a {@link RolloutWait} waits for. */
    static Map<String, Boolean> wanted(List<String> roles, boolean on) {
        Map<String, Boolean> wanted = new LinkedHashMap<>();
        roles(roles).forEach(role -> wanted.put(role, on));
        return wanted;
    }
}
