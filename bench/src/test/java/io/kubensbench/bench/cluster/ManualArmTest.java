package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** encapsulation: manual: a run of one arm starts only when every node is in that arm's state. */
@EnableKubernetesMockClient(crud = true)
class ManualArmTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void anArmThatEveryNodeContradictsIsRefusedNamingTheNodes() throws Exception {
        MockMachineConfigOperator operator = MockMachineConfigOperator.serving(server, client);
        ClusterTargetSpec spec = new ClusterTargetSpec(null, Map.of("node-role.kubernetes.io/worker", ""),
                ClusterTargetSpec.MANUAL, null, null, null, null, null);
        try (MockNodes nodes = new MockNodes(client, operator, List.of("worker-a", "worker-b"))) {
            ClusterTarget target = new ClusterTarget(client, spec, "manual01", "test", Duration.ofMillis(100),
                    ClusterWorkloadOptions.defaults(), new ClusterTarget.Timeouts(Duration.ofSeconds(30),
                            Duration.ofSeconds(5), Duration.ofMillis(50)), SwitchOptions.approved(),
                    line -> { }, (probe, node, pod) -> nodes.stream(node));
            try {
                target.prepare();
                assertThatCode(() -> target.requireArm("off", Encapsulation.OFF)).doesNotThrowAnyException();
                assertThatThrownBy(() -> target.requireArm("on", Encapsulation.ON))
                        .isInstanceOf(ClusterAccessException.class)
                        .hasMessage("--arm on claims encapsulation on, but 2 of 2 nodes disagree: worker-a is not"
                                + " encapsulated (PID 1, kubelet and the runtime all share mnt:[4026531841]); worker-b is"
                                + " not encapsulated (PID 1, kubelet and the runtime all share mnt:[4026531841]); switch"
                                + " them (kubens-bench encapsulation verify shows each node) or run the other arm");
            } finally {
                target.close();
            }
        }
    }
}
