package io.kubensbench.bench.cluster;

import static io.kubensbench.bench.cluster.MachineConfigs.API_VERSION;
import static io.kubensbench.bench.cluster.MachineConfigs.MACHINE_CONFIG_PLURAL;
import static io.kubensbench.bench.cluster.MachineConfigs.MACHINE_CONFIG_POOL;
import static io.kubensbench.bench.cluster.MachineConfigs.MACHINE_CONFIG_POOL_PLURAL;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.workloads.cluster.ApiErrors;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Machine Config Operator's API on one cluster: whether it is served at all (plain
 * Kubernetes has none, and every MachineConfig operation then says to switch by hand) and
 * its pools as they are now. Every reader of pools goes through here, so a failure reads the
 * same wherever it happens.
 */
final class MachineConfigApi {

    static final String NO_API = "this cluster has no MachineConfig API (" + API_VERSION
            + "): use encapsulation: manual";
    static final String MACHINE_CONFIGS = MachineConfigs.MACHINE_CONFIGS_RESOURCE + " (cluster-scoped)";
    static final String MACHINE_CONFIG_POOLS = MachineConfigs.MACHINE_CONFIG_POOLS_RESOURCE + " (cluster-scoped)";

    private final KubernetesClient client;

    MachineConfigApi(KubernetesClient client) {
        this.client = client;
    }

    /** Fails with {@link #NO_API} when the cluster does not serve MachineConfigs and their pools. */
    void require() throws IOException {
        APIResourceList resources;
        try {
            resources = client.getApiResources(API_VERSION);
        } catch (KubernetesClientException e) {
            if (e.getCode() != ApiErrors.NOT_FOUND) {
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

    /** Every pool, sorted by name. */
    List<MachineConfigPool> pools() throws IOException {
        try {
            return client.genericKubernetesResources(MACHINE_CONFIG_POOL).list().getItems().stream()
                    .map(MachineConfigPool::of)
                    .sorted((a, b) -> a.name().compareTo(b.name()))
                    .toList();
        } catch (KubernetesClientException e) {
            throw explain(e, "list", MACHINE_CONFIG_POOLS);
        }
    }

    IOException explain(KubernetesClientException e, String verb, String resource) {
        return ApiErrors.explain(e, verb, resource, client.getMasterUrl());
    }
}
