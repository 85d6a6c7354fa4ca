package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubensbench.analysis.results.SchemaVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code encapsulation status} and {@code verify} print, as text and as JSON, from the
 * same findings: the nodes' namespaces and states, the expected state and the answer, and the
 * exit code a CI job tells "nodes disagree" (3) from "the check failed" (1) by.
 */
class EncapsulationFormatTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final NodeVerification ON = new NodeVerification("worker-a", "mnt:[4026531841]", "mnt:[4026532901]",
            "mnt:[4026532901]", NodeVerification.State.ENCAPSULATED, "kubelet and the runtime share mnt:[4026532901],"
            + " apart from PID 1's mnt:[4026531841]");
    private static final NodeVerification OFF = new NodeVerification("worker-b", "mnt:[4026531841]", "mnt:[4026531841]",
            "mnt:[4026531841]", NodeVerification.State.NOT_ENCAPSULATED, "PID 1, kubelet and the runtime all share"
            + " mnt:[4026531841]");
    private static final NodeVerification UNKNOWN = new NodeVerification("worker-c", "mnt:[4026531841]", null, null,
            NodeVerification.State.UNKNOWN, "the probe found no kubelet process");
    private static final NodeVerification SKIPPED = NodeVerification.skipped("win-1", "kubernetes.io/os=windows");

    @Test
    void nodesInTheExpectedStateExit0() {
        EncapsulationVerification v = new EncapsulationVerification(List.of(ON, SKIPPED), Map.of("worker-a", true,
                "win-1", true));
        assertThat(v.exitCode()).isZero();
        assertThat(new EncapsulationText().verification(v)).endsWith("PASS: 1 node(s) agree; 1 skipped, not checked"
                + System.lineSeparator());
    }

    @Test
    void aNodeThatDisagreesExits3AndTheDocumentSaysWhichAndWhy() {
        EncapsulationVerification v = new EncapsulationVerification(List.of(ON, OFF, UNKNOWN, SKIPPED),
                Map.of("worker-a", true, "worker-b", true, "worker-c", true, "win-1", true));
        assertThat(v.exitCode()).isEqualTo(EncapsulationVerification.DISAGREE).isEqualTo(3);
        String text = new EncapsulationText().verification(v);
        assertThat(text.lines()).contains("FAIL: 2 of 3 node(s) disagree; 1 skipped, not checked");

        JsonNode doc = JSON.readTree(new EncapsulationJson().verification(v));
        assertThat(doc.propertyNames()).startsWith(SchemaVersion.FIELD, "kind");
        assertThat(doc.get(SchemaVersion.FIELD).asInt()).isEqualTo(SchemaVersion.CURRENT);
        assertThat(doc.get("kind").asString()).isEqualTo("encapsulationVerification");
        assertThat(doc.get("passed").asBoolean()).isFalse();
        assertThat(doc.get("exitCode").asInt()).isEqualTo(3);
        assertThat(doc.get("verdict").asString()).isEqualTo("FAIL: 2 of 3 node(s) disagree; 1 skipped, not checked");
        assertThat(doc.get("checked").asInt()).isEqualTo(3);
        assertThat(doc.get("disagreeing").asInt()).isEqualTo(2);
        assertThat(doc.get("skipped").asInt()).isEqualTo(1);
        JsonNode nodes = doc.get("nodes");
        assertThat(nodes.valueStream().map(n -> n.get("name").asString() + " " + n.get("state").asString() + " "
                + n.get("expected").asString() + " " + n.get("agrees").asString("null"))).containsExactly(
                "worker-a ENCAPSULATED on true", "worker-b NOT_ENCAPSULATED on false", "worker-c UNKNOWN on false",
                "win-1 SKIPPED on null");
        // what the text prints per node, the document carries: namespaces, and a namespace not read is null
        assertThat(text).contains("worker-b", "mnt:[4026531841]", "not encapsulated", "  the probe found no kubelet process");
        assertThat(nodes.get(1).get("kubelet").asString()).isEqualTo("mnt:[4026531841]");
        assertThat(nodes.get(2).get("kubelet").isNull()).isTrue();
        assertThat(nodes.get(2).get("detail").asString()).isEqualTo("the probe found no kubelet process");
        assertThat(nodes.get(3).get("agrees").isNull()).isTrue();
        assertThat(nodes.get(3).get("detail").asString()).isEqualTo("kubernetes.io/os=windows");
    }

    @Test
    void statusCarriesThePoolsAndNodesTheTablesShow() {
        GenericKubernetesResource worker = Serialization.unmarshal("""
                apiVersion: machineconfiguration.openshift.io/v1
                kind: MachineConfigPool
                metadata: {name: worker}
                spec:
                  machineConfigSelector:
                    matchLabels: {machineconfiguration.openshift.io/role: worker}
                  nodeSelector:
                    matchLabels: {node-role.kubernetes.io/worker: ""}
                status:
                  conditions:
                  - {type: Updated, status: "False"}
                  - {type: Updating, status: "True"}
                  configuration:
                    name: rendered-worker-1
                    source:
                    - {kind: MachineConfig, name: 00-worker}
                  machineCount: 3
                  updatedMachineCount: 1
                """, GenericKubernetesResource.class);
        EncapsulationStatus status = new EncapsulationStatus(List.of(MachineConfigPool.of(worker)), List.of("worker"),
                List.of(ON, OFF));
        String text = new EncapsulationText().status(status);
        assertThat(text.lines()).anySatisfy(line -> assertThat(line).startsWith("worker ").contains("99-kubens-worker",
                "1/3"));

        JsonNode doc = JSON.readTree(new EncapsulationJson().status(status));
        assertThat(doc.propertyNames()).startsWith(SchemaVersion.FIELD, "kind");
        assertThat(doc.get("kind").asString()).isEqualTo("encapsulationStatus");
        assertThat(doc.get("machineConfigApi").asBoolean()).isTrue();
        JsonNode pool = doc.at("/pools/0");
        assertThat(pool.get("name").asString()).isEqualTo("worker");
        assertThat(pool.get("machineConfigs").valueStream().map(JsonNode::asString)).containsExactly("99-kubens-worker");
        assertThat(pool.get("inItsConfig")).isEmpty();
        assertThat(pool.get("updating").asBoolean()).isTrue();
        assertThat(pool.get("machineCount").asInt()).isEqualTo(3);
        assertThat(pool.get("updatedMachineCount").asInt()).isEqualTo(1);
        assertThat(doc.get("nodes").valueStream().map(n -> n.get("state").asString()))
                .containsExactly("ENCAPSULATED", "NOT_ENCAPSULATED");
    }

    @Test
    void aClusterWithoutMachineConfigsHasNoPoolsAndSaysSo() {
        EncapsulationStatus status = new EncapsulationStatus(null, List.of(), List.of(OFF));
        assertThat(new EncapsulationText().status(status)).startsWith("no MachineConfig API on this cluster");
        JsonNode doc = JSON.readTree(new EncapsulationJson().status(status));
        assertThat(doc.get("machineConfigApi").asBoolean()).isFalse();
        assertThat(doc.get("pools")).isEmpty();
        assertThat(doc.get("nodes")).hasSize(1);
    }
}
