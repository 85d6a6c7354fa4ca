package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.workloads.cluster.ApiErrors;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster's MachineConfigPools and which nodes each holds, read once. The operator puts a
 * node in the pools whose node selector matches it and then picks one: master when master
 * matches, else the one custom pool that matches (it inherits from worker), else worker; a
 * node matched by two custom pools is in none (the operator refuses to update it). Which
 * pools a {@code 99-kubens-<role>} reboots follows from their MachineConfig selectors.
 */
public final class ClusterPools {

    private final List<MachineConfigPool> pools;
    private final Map<String, MachineConfigPool> byNode;

    private ClusterPools(List<MachineConfigPool> pools, Collection<Node> nodes) {
        this.pools = List.copyOf(pools);
        this.byNode = new LinkedHashMap<>();
        for (Node node : nodes) {
            primaryPool(node).ifPresent(pool -> byNode.put(node.getMetadata().getName(), pool));
        }
    }

    /** Lists the pools and the nodes; fails with one line on a cluster without the MachineConfig API. */
    public static ClusterPools read(KubernetesClient client) throws IOException {
        MachineConfigApi api = new MachineConfigApi(client);
        api.require();
        List<MachineConfigPool> pools = api.pools();
        List<Node> nodes;
        try {
            nodes = client.nodes().list().getItems();
        } catch (KubernetesClientException e) {
            throw ApiErrors.explain(e, "list", "nodes", client.getMasterUrl());
        }
        return new ClusterPools(pools, nodes);
    }

    /** For tests: these pools and nodes. */
    static ClusterPools of(List<MachineConfigPool> pools, Collection<Node> nodes) {
        return new ClusterPools(pools, nodes);
    }

    /** Every pool, by name. */
    public List<MachineConfigPool> pools() {
        return pools;
    }

    /** The pool the operator puts {@code node} in, if any. */
    public Optional<MachineConfigPool> poolOf(String node) {
        return Optional.ofNullable(byNode.get(node));
    }

    /** How many of the listed nodes are in {@code pool}. */
    public int nodesIn(String pool) {
        return (int) byNode.values().stream().filter(p -> p.name().equals(pool)).count();
    }

    /** The pools that render the MachineConfig of any of {@code roles}. */
    public List<MachineConfigPool> rendering(Collection<String> roles) {
        return pools.stream().filter(p -> roles.stream().anyMatch(p::renders)).toList();
    }

    /**
     * The roles whose MachineConfig reaches {@code nodes}: for each, the roles (master,
     * worker) its pool renders. Refuses, naming the nodes, when one is in no pool or in a pool
     * that renders neither, since no switch would reach it.
     */
    public Set<String> rolesOf(Collection<String> nodes) throws ClusterAccessException {
        Set<String> roles = new LinkedHashSet<>();
        List<String> unreached = new ArrayList<>();
        for (String node : nodes) {
            MachineConfigPool pool = byNode.get(node);
            List<String> rendered = pool == null ? List.of()
                    : MachineConfigs.ROLES.stream().filter(pool::renders).toList();
            if (rendered.isEmpty()) {
                unreached.add(node + (pool == null ? " (in no pool)" : " (pool " + pool.name() + ")"));
            }
            roles.addAll(rendered);
        }
        if (!unreached.isEmpty()) {
            throw new ClusterAccessException("no MachineConfig kubens-bench switches reaches "
                    + String.join(", ", unreached) + ": select nodes of pools that render " + MachineConfigs.name(
                    MachineConfigs.WORKER) + " or " + MachineConfigs.name(MachineConfigs.MASTER)
                    + ", or use encapsulation: manual");
        }
        List<String> ordered = new ArrayList<>(MachineConfigs.ROLES);
        ordered.retainAll(roles);
        return new LinkedHashSet<>(ordered);
    }

    /** What switching {@code roles} reboots, {@code measured} of whose nodes a campaign measures. */
    public Reboots reboots(Collection<String> roles, int measured) {
        List<Reboots.Pool> affected = rendering(roles).stream()
                .map(p -> new Reboots.Pool(p.name(), nodesIn(p.name()), p.status().machineCount(), p.paused()))
                .toList();
        return new Reboots(MachineConfigs.ROLES.stream().filter(roles::contains).toList(), affected, measured);
    }

    /** What a campaign measuring {@code nodes} reboots at each switch: the roles their pools render, and all their pools. */
    Reboots rebootsFor(Collection<String> nodes) throws ClusterAccessException {
        return reboots(rolesOf(nodes), nodes.size());
    }

    private Optional<MachineConfigPool> primaryPool(Node node) {
        List<MachineConfigPool> matching = pools.stream().filter(p -> p.selects(node)).toList();
        Optional<MachineConfigPool> master = named(matching, MachineConfigs.MASTER);
        if (master.isPresent()) {
            return master;
        }
        List<MachineConfigPool> custom = matching.stream()
                .filter(p -> !MachineConfigs.ROLES.contains(p.name())).toList();
        if (custom.size() == 1) {
            return Optional.of(custom.get(0));
        }
        return custom.isEmpty() ? named(matching, MachineConfigs.WORKER) : Optional.empty();
    }

    private static Optional<MachineConfigPool> named(List<MachineConfigPool> pools, String name) {
        return pools.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
