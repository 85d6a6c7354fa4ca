package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which nodes a cluster campaign measures, and the refusals before anything is created. */
@EnableKubernetesMockClient(crud = true)
class NodeSelectionTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private void node(String name, boolean ready, Map<String, String> labels) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build()).create();
    }

    private ClusterTarget target(ClusterTargetSpec spec) {
        return new ClusterTarget(client, spec, "sel00001", "test", Duration.ofSeconds(1),
                ClusterWorkloadOptions.defaults(), ClusterTarget.Timeouts.defaults(), SwitchOptions.approved(),
                line -> { });
    }

    @Test
    void noReadyNodeMatchingTheSelectorIsRefusedWithTheCounts() {
        node("worker-a", false, Map.of("node-role.kubernetes.io/worker", ""));
        node("infra-a", true, Map.of("node-role.kubernetes.io/infra", ""));
        ClusterTargetSpec spec = new ClusterTargetSpec(null, Map.of("node-role.kubernetes.io/worker", ""),
                ClusterTargetSpec.MANUAL, null, null, null, null, null);

        assertThatThrownBy(() -> target(spec).prepare()).isInstanceOf(ClusterAccessException.class)
                .hasMessage("no usable node matches target.cluster.nodeSelector {node-role.kubernetes.io/worker=} (1"
                        + " match: worker-a (NotReady))");
        assertThatThrownBy(() -> client.namespaces().withName("kubens-bench-sel00001").require())
                .as("nothing created").isNotNull();
    }

    @Test
    void machineConfigSwitchingNeedsNodesOfAPoolThatRendersIt() {
        MockMachineConfigOperator operator = MockMachineConfigOperator.serving(server, client);
        operator.seedPool("worker", 1, "rendered-worker-1");
        node("worker-a", true, Map.of("node-role.kubernetes.io/worker", ""));
        node("edge-a", true, Map.of("kubernetes.io/hostname", "edge-a"));
        ClusterTargetSpec spec = ClusterTargetSpec.of(ClusterTargetSpec.MACHINECONFIG);

        assertThatThrownBy(() -> target(spec).prepare()).isInstanceOf(ClusterAccessException.class)
                .hasMessage("no MachineConfig kubens-bench switches reaches edge-a (in no pool): select nodes of pools"
                        + " that render 99-kubens-worker or 99-kubens-master, or use encapsulation: manual");
        assertThatThrownBy(() -> client.namespaces().withName("kubens-bench-sel00001").require())
                .as("nothing created").isNotNull();
    }
}
