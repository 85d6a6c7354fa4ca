package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.workloads.pods.PodFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code encapsulation status} and {@code verify} read per node: one line each, and no probe left. */
@EnableKubernetesMockClient(crud = true)
class ProbeSnapshotTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void everyNodeGivesOneLineAndTheProbeIsRemovedAfter() throws Exception {
        MockMachineConfigOperator operator = MockMachineConfigOperator.serving(server, client);
        List<String> log = new ArrayList<>();
        ProbeSnapshot.Readings read;
        try (MockNodes nodes = new MockNodes(client, operator, List.of("worker-a", "worker-b"))) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-down")
                    .addToLabels("node-role.kubernetes.io/worker", "").endMetadata().withNewStatus().addNewCondition()
                    .withType("Ready").withStatus("Unknown").endCondition().endStatus().build()).create();
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName("win-1")
                    .addToLabels(ProbeManifests.OS_LABEL, "windows").endMetadata().withNewStatus().addNewCondition()
                    .withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
            read = new ProbeSnapshot(client, "busybox", new ProbePrivileges(false), Duration.ofSeconds(30), log::add,
                    (probe, node, pod) -> nodes.stream(node)).take(Map.of());
            nodes.rethrow();
        }

        assertThat(read.lines()).containsOnlyKeys("worker-a", "worker-b");
        assertThat(read.skipped()).containsExactly(Map.entry("win-1", "kubernetes.io/os=windows"),
                Map.entry("worker-down", "NotReady"));
        assertThat(read.lines()).allSatisfy((node, line) -> assertThat(NodeVerification.of(node, line).state())
                .isEqualTo(NodeVerification.State.NOT_ENCAPSULATED));
        assertThat(log).singleElement().asString().startsWith("starting a probe on 2 node(s) (run id ")
                .endsWith("; skipped: win-1 (kubernetes.io/os=windows), worker-down (NotReady) ...");
        assertThat(client.apps().daemonSets().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.namespaces().withLabel(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY).list().getItems())
                .isEmpty();
    }
}
