package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a user sees when the cluster cannot do what was asked: no MachineConfig API, no permission, no server. */
@EnableKubernetesMockClient(crud = true, https = false)
class ClusterEncapsulationErrorsTest {

    private static final String NO_API =
            "this cluster has no MachineConfig API (machineconfiguration.openshift.io/v1): use encapsulation: manual";

    /** A plain Kubernetes API server: the CRUD mock serves no MachineConfig resources unless told to. */
    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void onPlainKubernetesEveryOperationSaysToSwitchByHand() {
        ClusterEncapsulation encapsulation = new ClusterEncapsulation(client);

        assertThatThrownBy(encapsulation::enabledRoles).isInstanceOf(IOException.class).hasMessage(NO_API);
        assertThatThrownBy(() -> encapsulation.enable(List.of(), null)).hasMessage(NO_API);
        assertThatThrownBy(() -> encapsulation.disable(List.of(), null)).hasMessage(NO_API);
        assertThatThrownBy(() -> encapsulation.disableRun(List.of(), "abcd1234")).hasMessage(NO_API);
        assertThatThrownBy(() -> ClusterPools.read(client)).hasMessage(NO_API);
        assertThatThrownBy(() -> new RolloutWait(client, Duration.ofMillis(50), () -> false)
                .await(Map.of("worker", true), Duration.ofSeconds(5), RolloutProgress.NONE))
                .hasMessage(NO_API);
        assertThat(client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).list().getItems()).isEmpty();
    }

    @Test
    void aMissingPermissionNamesVerbAndResource() throws IOException {
        KubernetesMockServer openShift = new KubernetesMockServer(false);
        openShift.init();
        try (KubernetesClient user = openShift.createClient()) {
            openShift.expect().get().withPath("/apis/machineconfiguration.openshift.io/v1")
                    .andReturn(200, new APIResourceListBuilder()
                            .withGroupVersion(MachineConfigs.API_VERSION)
                            .addToResources(new APIResourceBuilder().withName("machineconfigs")
                                    .withKind("MachineConfig").withNamespaced(false).build())
                            .addToResources(new APIResourceBuilder().withName("machineconfigpools")
                                    .withKind("MachineConfigPool").withNamespaced(false).build())
                            .build())
                    .always();
            openShift.expect().get().withPath("/apis/machineconfiguration.openshift.io/v1/machineconfigs/99-kubens-worker")
                    .andReturn(404, new StatusBuilder().withCode(404).withMessage("not found").build())
                    .always();
            openShift.expect().post().withPath("/apis/machineconfiguration.openshift.io/v1/machineconfigs")
                    .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(
                            "machineconfigs.machineconfiguration.openshift.io is forbidden: User \"dev\" cannot"
                                    + " create resource \"machineconfigs\" in API group"
                                    + " \"machineconfiguration.openshift.io\" at the cluster scope").build())
                    .always();

            assertThatThrownBy(() -> new ClusterEncapsulation(user).enable(List.of("worker"), null))
                    .isInstanceOf(IOException.class)
                    .hasMessage("forbidden: you need permission to create"
                            + " machineconfigs.machineconfiguration.openshift.io (cluster-scoped):"
                            + " machineconfigs.machineconfiguration.openshift.io is forbidden: User \"dev\" cannot"
                            + " create resource \"machineconfigs\" in API group"
                            + " \"machineconfiguration.openshift.io\" at the cluster scope");
        } finally {
            openShift.destroy();
        }
    }

    @Test
    void anUnreachableApiServerIsNamed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + closedPort)
                .withRequestRetryBackoffLimit(0)
                .build();
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThatThrownBy(() -> new ClusterEncapsulation(unreachable).enabledRoles())
                    .isInstanceOf(IOException.class)
                    .hasMessage("cannot reach the API server at http://127.0.0.1:" + closedPort + ": connection refused");
        }
    }
}
