package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Switching encapsulation with the 99-kubens-* MachineConfigs, against an API server that serves them. */
@EnableKubernetesMockClient(crud = true, https = false)
class ClusterEncapsulationTest {

    KubernetesMockServer server;
    KubernetesClient client;
    private ClusterEncapsulation encapsulation;

    @BeforeEach
    void serveMachineConfigApi() {
        MockMachineConfigOperator.serving(server, client);
        encapsulation = new ClusterEncapsulation(client);
    }

    @Test
    void enableCreatesTheMachineConfigsTheProductDocumentationShows() throws IOException {
        assertThat(encapsulation.enable(List.of(), null)).containsExactly("99-kubens-master", "99-kubens-worker");

        for (String role : List.of("master", "worker")) {
            GenericKubernetesResource stored = machineConfig("99-kubens-" + role);
            assertThat(stored.getApiVersion()).isEqualTo("machineconfiguration.openshift.io/v1");
            assertThat(stored.getKind()).isEqualTo("MachineConfig");
            assertThat(stored.getMetadata().getName()).isEqualTo("99-kubens-" + role);
            assertThat(stored.getMetadata().getNamespace()).isNull();
            assertThat(stored.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "machineconfiguration.openshift.io/role", role,
                    "app.kubernetes.io/managed-by", "kubens-bench"));
            assertThat(stored.<Object>get("spec", "config", "ignition", "version")).isEqualTo("3.2.0");
            assertThat(stored.<Object>get("spec", "config", "systemd", "units"))
                    .isEqualTo(List.of(Map.of("name", "kubens.service", "enabled", true)));
            assertThat(stored.getAdditionalProperties()).containsOnlyKeys("spec");
            assertThat(stored.<Object>get("spec")).isEqualTo(Map.of("config", Map.of(
                    "ignition", Map.of("version", "3.2.0"),
                    "systemd", Map.of("units", List.of(Map.of("enabled", true, "name", "kubens.service"))))));
        }
    }

    @Test
    void enabledRolesFollowWhichMachineConfigsExist() throws IOException {
        assertThat(encapsulation.enabledRoles()).isEmpty();

        encapsulation.enable(List.of("worker"), null);
        assertThat(encapsulation.enabledRoles()).containsExactly("worker");

        encapsulation.enable(List.of("master", "worker"), null);
        assertThat(encapsulation.enabledRoles()).containsExactly("master", "worker");
    }

    @Test
    void enableIsIdempotent() throws IOException {
        encapsulation.enable(List.of(), null);
        String version = machineConfig("99-kubens-worker").getMetadata().getResourceVersion();

        assertThat(encapsulation.enable(List.of(), null)).isEmpty();
        assertThat(encapsulation.enable(List.of("worker", "worker"), null)).isEmpty();
        assertThat(machineConfig("99-kubens-worker").getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(allMachineConfigNames()).containsExactlyInAnyOrder("99-kubens-master", "99-kubens-worker");
    }

    @Test
    void aMachineConfigAnAdministratorAppliedCountsAsEnabledAndIsNotReplaced() throws IOException {
        createByHand("worker");

        assertThat(encapsulation.enabledRoles()).containsExactly("worker");
        assertThat(encapsulation.enable(List.of(), null)).containsExactly("99-kubens-master");
        assertThat(MachineConfigs.managedByKubensBench(machineConfig("99-kubens-worker"))).isFalse();
    }

    @Test
    void disableDeletesTheMachineConfigsKubensBenchCreated() throws IOException {
        encapsulation.enable(List.of(), null);

        assertThat(encapsulation.disable(List.of("worker"), null)).containsExactly("99-kubens-worker");
        assertThat(allMachineConfigNames()).containsExactly("99-kubens-master");

        assertThat(encapsulation.disable(List.of(), null)).containsExactly("99-kubens-master");
        assertThat(allMachineConfigNames()).isEmpty();
        assertThat(encapsulation.disable(List.of(), null)).isEmpty();
        assertThat(encapsulation.enabledRoles()).isEmpty();
    }

    @Test
    void disableRefusesAMachineConfigItDidNotCreateAndDeletesNothing() throws IOException {
        createByHand("worker");
        encapsulation.enable(List.of("master"), null);

        assertThatThrownBy(() -> encapsulation.disable(List.of(), null))
                .isInstanceOf(IOException.class)
                .hasMessage("99-kubens-worker was not created by kubens-bench (it has no"
                        + " app.kubernetes.io/managed-by=kubens-bench label), so kubens-bench leaves it alone:"
                        + " remove it by hand with 'oc delete machineconfig 99-kubens-worker'");
        assertThat(allMachineConfigNames()).containsExactlyInAnyOrder("99-kubens-master", "99-kubens-worker");

        assertThat(encapsulation.disable(List.of("master"), null)).containsExactly("99-kubens-master");
        assertThat(allMachineConfigNames()).containsExactly("99-kubens-worker");
    }

    @Test
    void aCampaignsMachineConfigCarriesItsRunId() throws IOException {
        assertThat(encapsulation.enable(List.of("worker"), "abcd1234")).containsExactly("99-kubens-worker");

        assertThat(machineConfig("99-kubens-worker").getMetadata().getLabels())
                .containsEntry("kubens-bench.io/run", "abcd1234")
                .containsEntry("app.kubernetes.io/managed-by", "kubens-bench");
    }

    @Test
    void disableLeavesAMachineConfigOfARunningCampaignAloneAndRemovesOneOfAFinishedCampaign() throws IOException {
        encapsulation.enable(List.of("worker"), "live0001");
        encapsulation.enable(List.of("master"), "gone0001");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kubens-bench-live0001")
                .addToLabels("kubens-bench.io/run", "live0001").endMetadata().build()).create();

        assertThatThrownBy(() -> encapsulation.disable(List.of(), null))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessage("99-kubens-worker belongs to campaign run live0001, which is still running (namespace"
                        + " kubens-bench-live0001), so kubens-bench leaves it alone: let that campaign end, or remove"
                        + " it anyway with: kubens-bench encapsulation disable --run-id live0001");
        assertThat(allMachineConfigNames()).containsExactlyInAnyOrder("99-kubens-master", "99-kubens-worker");

        assertThat(encapsulation.disable(List.of("master"), null)).as("its campaign is over")
                .containsExactly("99-kubens-master");
        assertThat(encapsulation.disable(List.of("worker"), "live0001")).as("the campaign itself")
                .containsExactly("99-kubens-worker");
    }

    @Test
    void disableRunRemovesOnlyThatRunsMachineConfigs() throws IOException {
        encapsulation.enable(List.of("worker"), "run00001");
        encapsulation.enable(List.of("master"), null);

        assertThat(encapsulation.toDisableRun(List.of(), "other001")).isEmpty();
        assertThat(encapsulation.disableRun(List.of(), "other001")).isEmpty();
        assertThat(encapsulation.toDisableRun(List.of(), "run00001")).containsExactly("worker");
        assertThat(encapsulation.disableRun(List.of(), "run00001")).containsExactly("99-kubens-worker");
        assertThat(allMachineConfigNames()).containsExactly("99-kubens-master");
    }

    @Test
    void aRoleOtherThanMasterOrWorkerIsRefusedByName() {
        assertThatThrownBy(() -> encapsulation.enable(List.of("infra"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown role 'infra': kubens-bench switches encapsulation for master and worker"
                        + " (custom pools inherit the worker MachineConfig)");
        assertThatThrownBy(() -> encapsulation.disable(List.of("worker", "Worker"), null))
                .hasMessageContaining("unknown role 'Worker'");
    }

    private GenericKubernetesResource machineConfig(String name) {
        return client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).withName(name).get();
    }

    private List<String> allMachineConfigNames() {
        return client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).list().getItems().stream()
                .map(mc -> mc.getMetadata().getName()).toList();
    }

    /** The documented MachineConfig as an administrator applies it: without kubens-bench's label. */
    private void createByHand(String role) {
        GenericKubernetesResource documented = new GenericKubernetesResourceBuilder(MachineConfigs.kubens(role))
                .editMetadata().removeFromLabels("app.kubernetes.io/managed-by").endMetadata()
                .build();
        documented.setAdditionalProperty("spec", MachineConfigs.kubens(role).get("spec"));
        client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).resource(documented).create();
    }
}
