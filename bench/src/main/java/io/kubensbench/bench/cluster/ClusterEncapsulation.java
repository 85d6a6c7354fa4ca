package io.kubensbench.bench.cluster;

import static io.kubensbench.bench.cluster.MachineConfigs.API_VERSION;
import static io.kubensbench.bench.cluster.MachineConfigs.MACHINE_CONFIG;
import static io.kubensbench.bench.cluster.MachineConfigs.MACHINE_CONFIG_PLURAL;
import static io.kubensbench.bench.cluster.MachineConfigs.MACHINE_CONFIG_POOL;
import static io.kubensbench.bench.cluster.MachineConfigs.MACHINE_CONFIG_POOL_PLURAL;
import static io.kubensbench.bench.cluster.MachineConfigs.MANAGED_BY;
import static io.kubensbench.bench.cluster.MachineConfigs.MANAGED_BY_LABEL;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.workloads.cluster.ApiErrors;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import io.kubensbench.workloads.time.Deadline;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Switches mount namespace encapsulation on an OpenShift cluster the way the product
 * documentation does it, with the {@code 99-kubens-<role>} MachineConfigs, and waits for the
 * Machine Config Operator to roll the change out, so that each arm of a campaign is measured
 * on nodes that really are in that state. Works against any cluster that serves
 * {@code machineconfiguration.openshift.io/v1}; on plain Kubernetes every call fails with one
 * line telling the user to switch encapsulation by hand ({@code encapsulation: manual}).
 *
 * <p>Safety: kubens-bench deletes only MachineConfigs it created, recognised by the
 * {@value MachineConfigs#MANAGED_BY_LABEL}={@value MachineConfigs#MANAGED_BY} label. A
 * {@code 99-kubens-*} MachineConfig an administrator applied per the documentation counts as
 * enabled, and {@link #disable} refuses to touch it, saying how to remove it by hand.
 *
 * <p>Waiting: a pool's conditions still show the old, finished state (Updated=True) for a
 * moment after a MachineConfig changes, until the operator has rendered the new config. So
 * a pool counts as rolled out only once it has <em>picked up</em> a change since the wait
 * began (Updating=True, Updated=False, a new {@code status.configuration.name}, a new
 * generation, or a target {@code spec.configuration.name} different from the current one)
 * and then reports Updated=True, Updating=False, not degraded, every machine updated and its
 * target config reached. A pool that shows none of these signs within a grace period
 * (90 s by default) had nothing to roll out and counts as rolled out if it is Updated. A
 * degraded pool fails the wait at once; transient API failures (unreachable server, 429,
 * 5xx, expected while control-plane nodes reboot) are retried until the timeout.
 */
public final class ClusterEncapsulation {

    /** Long enough for a pool of a few nodes that each drain and reboot in turn; --timeout raises it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(45);
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(90);
    public static final String NO_API = "this cluster has no MachineConfig API (" + API_VERSION
            + "): use encapsulation: manual";

    private static final String MACHINE_CONFIGS = MachineConfigs.MACHINE_CONFIGS_RESOURCE + " (cluster-scoped)";
    private static final String MACHINE_CONFIG_POOLS =
            MachineConfigs.MACHINE_CONFIG_POOLS_RESOURCE + " (cluster-scoped)";

    private final KubernetesClient client;
    private final Duration pollInterval;
    private final Duration gracePeriod;

    public ClusterEncapsulation(KubernetesClient client) {
        this(client, DEFAULT_POLL_INTERVAL, DEFAULT_GRACE_PERIOD);
    }

    ClusterEncapsulation(KubernetesClient client, Duration pollInterval, Duration gracePeriod) {
        this.client = Objects.requireNonNull(client, "client");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive (got " + pollInterval + ")");
        }
        this.pollInterval = pollInterval;
        this.gracePeriod = Objects.requireNonNull(gracePeriod, "gracePeriod");
    }

    /** The roles (master, worker) whose {@code 99-kubens-<role>} MachineConfig exists, whoever created it. */
    public List<String> enabledRoles() throws IOException {
        requireMachineConfigApi();
        List<String> enabled = new ArrayList<>();
        for (String role : MachineConfigs.ROLES) {
            if (machineConfig(role) != null) {
                enabled.add(role);
            }
        }
        return enabled;
    }

    /** The named pools in the order given, or every pool by name when {@code poolNames} is empty. */
    public List<PoolStatus> pools(List<String> poolNames) throws IOException {
        Objects.requireNonNull(poolNames, "poolNames");
        requireMachineConfigApi();
        return select(listPools(), poolNames).stream().map(PoolStatus::of).toList();
    }

    /**
     * Creates the missing {@code 99-kubens-<role>} MachineConfigs ({@code roles} empty means master
     * and worker) and returns the names it created; roles already enabled are left as they are.
     */
    public List<String> enable(List<String> roles) throws IOException {
        List<String> wanted = roles(roles);
        requireMachineConfigApi();
        List<String> created = new ArrayList<>();
        for (String role : wanted) {
            if (machineConfig(role) != null) {
                continue;
            }
            try {
                client.genericKubernetesResources(MACHINE_CONFIG).resource(MachineConfigs.kubens(role)).create();
                created.add(MachineConfigs.name(role));
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) { // 409: created meanwhile, so present as promised
                    throw explain(e, "create", MACHINE_CONFIGS);
                }
            }
        }
        return created;
    }

    /**
     * Deletes the {@code 99-kubens-<role>} MachineConfigs kubens-bench created ({@code roles} empty
     * means master and worker) and returns their names. Refuses, before deleting anything, when
     * one of them was created by someone else.
     */
    public List<String> disable(List<String> roles) throws IOException {
        List<String> wanted = roles(roles);
        requireMachineConfigApi();
        List<GenericKubernetesResource> ours = new ArrayList<>();
        for (String role : wanted) {
            GenericKubernetesResource machineConfig = machineConfig(role);
            if (machineConfig == null) {
                continue;
            }
            String name = MachineConfigs.name(role);
            if (!MachineConfigs.managedByKubensBench(machineConfig)) {
                throw new IOException(name + " was not created by kubens-bench (it has no " + MANAGED_BY_LABEL + "="
                        + MANAGED_BY + " label), so kubens-bench leaves it alone: remove it by hand with"
                        + " 'oc delete machineconfig " + name + "'");
            }
            ours.add(machineConfig);
        }
        List<String> deleted = new ArrayList<>();
        for (GenericKubernetesResource machineConfig : ours) {
            String name = machineConfig.getMetadata().getName();
            try {
                // Only the version read above, so an object replaced since then is not deleted blindly.
                if (!client.genericKubernetesResources(MACHINE_CONFIG).withName(name)
                        .lockResourceVersion(machineConfig.getMetadata().getResourceVersion()).delete().isEmpty()) {
                    deleted.add(name);
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    throw new IOException(name + " changed while kubens-bench was deleting it: run disable again", e);
                }
                if (e.getCode() != 404) {
                    throw explain(e, "delete", MACHINE_CONFIGS);
                }
            }
        }
        return deleted;
    }

    /**
     * Waits until the pools ({@code poolNames} empty means all) have rolled out the latest
     * MachineConfig change, calling {@code progress} after every poll, and returns their final
     * status. Fails at once when a pool is degraded, and after {@code timeout} naming the pools
     * that are not through.
     */
    public List<PoolStatus> awaitRollout(List<String> poolNames, Duration timeout, RolloutProgress progress)
            throws IOException, InterruptedException {
        Objects.requireNonNull(poolNames, "poolNames");
        Objects.requireNonNull(progress, "progress");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive (got " + Durations.exact(timeout) + ")");
        }
        Deadline deadline = Deadline.after(timeout);
        requireMachineConfigApi();
        List<GenericKubernetesResource> pools = select(listPools(), poolNames);
        if (pools.isEmpty()) {
            throw new IOException("this cluster has no MachineConfigPool to wait for");
        }
        List<String> names = pools.stream().map(pool -> pool.getMetadata().getName()).toList();
        Map<String, Baseline> baselines = new LinkedHashMap<>();
        pools.forEach(pool -> baselines.put(pool.getMetadata().getName(), Baseline.of(pool)));
        Set<String> pickedUp = new HashSet<>();
        Set<String> done = new HashSet<>();
        List<PoolStatus> statuses = List.of();
        KubernetesClientException lastFailure = null;
        while (true) {
            Duration elapsed = deadline.elapsed();
            if (pools != null) {
                statuses = pools.stream().map(PoolStatus::of).toList();
                for (PoolStatus status : statuses) {
                    if (status.degraded()) {
                        throw degraded(status);
                    }
                }
                progress.update(statuses, elapsed);
                done.clear();
                for (int i = 0; i < pools.size(); i++) {
                    GenericKubernetesResource pool = pools.get(i);
                    PoolStatus status = statuses.get(i);
                    if (baselines.get(status.name()).changed(pool, status)) {
                        pickedUp.add(status.name());
                    }
                    if (status.rolledOut() && targetReached(pool, status)
                            && (pickedUp.contains(status.name()) || elapsed.compareTo(gracePeriod) >= 0)) {
                        done.add(status.name());
                    }
                }
                if (done.size() == pools.size()) {
                    return statuses;
                }
            }
            if (deadline.passed()) {
                throw timedOut(statuses, done, pickedUp, timeout, lastFailure);
            }
            deadline.sleep(pollInterval);
            try {
                pools = select(client.genericKubernetesResources(MACHINE_CONFIG_POOL).list().getItems(), names);
                lastFailure = null;
            } catch (KubernetesClientException e) {
                if (!worthRetrying(e)) {
                    throw explain(e, "list", MACHINE_CONFIG_POOLS);
                }
                lastFailure = e;
                pools = null;
            }
        }
    }

    /** The pool's target config, when it names one, is the config its machines run. */
    private static boolean targetReached(GenericKubernetesResource pool, PoolStatus status) {
        Object target = pool.get("spec", "configuration", "name");
        return target == null || target.toString().isEmpty() || target.toString().equals(status.configuration());
    }

    /** Failures expected while control-plane nodes reboot: no connection, throttled, server errors. */
    private static boolean worthRetrying(KubernetesClientException e) {
        return e.getCode() <= 0 || e.getCode() == 429 || e.getCode() >= 500;
    }

    private IOException degraded(PoolStatus status) {
        return new IOException("MachineConfigPool " + status.name() + " is degraded: "
                + (status.degradedMessage().isEmpty() ? "(no message)" : status.degradedMessage())
                + " (" + status.degradedMachineCount() + " of " + status.machineCount() + " machines degraded;"
                + " see 'oc describe machineconfigpool " + status.name() + "')");
    }

    private IOException timedOut(List<PoolStatus> statuses, Set<String> done, Set<String> pickedUp,
                                 Duration timeout, KubernetesClientException lastFailure) {
        String pending = statuses.stream()
                .filter(status -> !done.contains(status.name()))
                .map(status -> status.name() + " (" + status.updatedMachineCount() + "/" + status.machineCount()
                        + " machines updated" + (pickedUp.contains(status.name()) ? "" : ", not started yet") + ")")
                .collect(Collectors.joining(", "));
        String message = "MachineConfigPools not rolled out after " + Durations.exact(timeout) + ": " + pending
                + "; nodes drain and reboot one by one, so raise the default with --timeout (e.g. --timeout "
                + Durations.exact(timeout.multipliedBy(2)) + ")";
        if (lastFailure != null) {
            message += "; last poll failed: " + explain(lastFailure, "list", MACHINE_CONFIG_POOLS).getMessage();
        }
        return new IOException(message, lastFailure);
    }

    private void requireMachineConfigApi() throws IOException {
        APIResourceList resources;
        try {
            resources = client.getApiResources(API_VERSION);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw explain(e, "get", "the API group " + API_VERSION);
            }
            resources = null;
        }
        Set<String> served = resources == null || resources.getResources() == null ? Set.of()
                : resources.getResources().stream().map(APIResource::getName).collect(Collectors.toSet());
        if (!served.contains(MACHINE_CONFIG_PLURAL) || !served.contains(MACHINE_CONFIG_POOL_PLURAL)) {
            throw new ClusterAccessException(NO_API);
        }
    }

    private GenericKubernetesResource machineConfig(String role) throws IOException {
        try {
            return client.genericKubernetesResources(MACHINE_CONFIG).withName(MachineConfigs.name(role)).get();
        } catch (KubernetesClientException e) {
            throw explain(e, "get", MACHINE_CONFIGS);
        }
    }

    private List<GenericKubernetesResource> listPools() throws IOException {
        try {
            return client.genericKubernetesResources(MACHINE_CONFIG_POOL).list().getItems();
        } catch (KubernetesClientException e) {
            throw explain(e, "list", MACHINE_CONFIG_POOLS);
        }
    }

    /** The named pools in the order given (all, by name, when none is named); a missing one is an error. */
    private static List<GenericKubernetesResource> select(List<GenericKubernetesResource> all, List<String> names)
            throws IOException {
        Map<String, GenericKubernetesResource> byName = new TreeMap<>();
        all.forEach(pool -> byName.put(pool.getMetadata().getName(), pool));
        if (names.isEmpty()) {
            return new ArrayList<>(byName.values());
        }
        List<GenericKubernetesResource> selected = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            GenericKubernetesResource pool = byName.get(name);
            if (pool == null) {
                missing.add(name);
            } else {
                selected.add(pool);
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("no MachineConfigPool " + String.join(", ", missing) + " on this cluster (it has: "
                    + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ")");
        }
        return selected;
    }

    private static List<String> roles(List<String> roles) {
        Objects.requireNonNull(roles, "roles");
        if (roles.isEmpty()) {
            return MachineConfigs.ROLES;
        }
        return new LinkedHashSet<>(roles).stream().map(MachineConfigs::checkRole).toList();
    }

    private IOException explain(KubernetesClientException e, String verb, String resource) {
        return ApiErrors.explain(e, verb, resource, client.getMasterUrl());
    }

    /** What a pool looked like when the wait began, to tell a change the operator picked up from the old state. */
    private record Baseline(String configuration, Long generation) {

        static Baseline of(GenericKubernetesResource pool) {
            return new Baseline(PoolStatus.of(pool).configuration(), pool.getMetadata().getGeneration());
        }

        boolean changed(GenericKubernetesResource pool, PoolStatus now) {
            return now.updating() || !now.updated()
                    || !now.configuration().equals(configuration)
                    || !Objects.equals(pool.getMetadata().getGeneration(), generation)
                    || !targetReached(pool, now);
        }
    }
}
