package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which MachineConfigs a pool renders and which nodes it holds, read from its selectors the
 * way the Machine Config Operator reads them, and when a pool counts as rolled out.
 */
class MachineConfigPoolTest {

    /** A custom pool as OpenShift's documentation creates one ("infra", inheriting from worker). */
    private static final String INFRA = """
            apiVersion: machineconfiguration.openshift.io/v1
            kind: MachineConfigPool
            metadata: {name: infra}
            spec:
              machineConfigSelector:
                matchExpressions:
                - {key: machineconfiguration.openshift.io/role, operator: In, values: [worker, infra]}
              nodeSelector:
                matchLabels: {node-role.kubernetes.io/infra: ""}
              configuration: {name: rendered-infra-2}
            status:
              conditions:
              - {type: Updated, status: "True"}
              - {type: Updating, status: "False"}
              configuration:
                name: rendered-infra-2
                source:
                - {kind: MachineConfig, name: 00-worker}
                - {kind: MachineConfig, name: 99-kubens-worker}
              machineCount: 2
              updatedMachineCount: 2
              readyMachineCount: 2
            """;

    private static final String WORKER = """
            apiVersion: machineconfiguration.openshift.io/v1
            kind: MachineConfigPool
            metadata: {name: worker}
            spec:
              machineConfigSelector:
                matchLabels: {machineconfiguration.openshift.io/role: worker}
              nodeSelector:
                matchLabels: {node-role.kubernetes.io/worker: ""}
            """;

    private static final String MASTER = """
            apiVersion: machineconfiguration.openshift.io/v1
            kind: MachineConfigPool
            metadata: {name: master}
            spec:
              machineConfigSelector:
                matchLabels: {machineconfiguration.openshift.io/role: master}
              nodeSelector:
                matchLabels: {node-role.kubernetes.io/master: ""}
            """;

    @Test
    void aCustomPoolInheritingFromWorkerRendersTheWorkerMachineConfig() {
        MachineConfigPool infra = pool(INFRA);

        assertThat(infra.renders("worker")).isTrue();
        assertThat(infra.renders("master")).isFalse();
        assertThat(pool(WORKER).renders("worker")).isTrue();
        assertThat(pool(MASTER).renders("worker")).isFalse();
        assertThat(infra.selects(node("infra-0", "infra", "worker"))).isTrue();
        assertThat(infra.selects(node("worker-0", "worker"))).isFalse();
    }

    @Test
    void aPoolWithoutSelectorsRendersAndHoldsNothing() {
        MachineConfigPool bare = pool("""
                apiVersion: machineconfiguration.openshift.io/v1
                kind: MachineConfigPool
                metadata: {name: bare}
                spec: {paused: true}
                """);

        assertThat(bare.renders("worker")).isFalse();
        assertThat(bare.selects(node("worker-0", "worker"))).isFalse();
        assertThat(bare.paused()).isTrue();
    }

    @Test
    void selectorOperatorsMatchAsKubernetesDefinesThem() {
        LabelSelector selector = LabelSelector.of(Map.of("matchExpressions", List.of(
                Map.of("key", "a", "operator", "NotIn", "values", List.of("x")),
                Map.of("key", "b", "operator", "Exists"),
                Map.of("key", "c", "operator", "DoesNotExist"))));

        assertThat(selector.matches(Map.of("b", ""))).isTrue();
        assertThat(selector.matches(Map.of("a", "y", "b", "1"))).isTrue();
        assertThat(selector.matches(Map.of("a", "x", "b", ""))).isFalse();
        assertThat(selector.matches(Map.of("b", "", "c", ""))).isFalse();
        assertThat(selector.matches(Map.of())).isFalse();
        assertThat(LabelSelector.of(Map.of("matchExpressions", List.of(Map.of("key", "a", "operator", "Gt",
                "values", List.of("1"))))).matches(Map.of("a", "2"))).as("no such operator").isFalse();
    }

    @Test
    void reachedNeedsTheMachineConfigInTheRunningConfigOnEveryMachine() {
        MachineConfigPool infra = pool(INFRA);

        assertThat(infra.reached(Map.of("worker", true))).isTrue();
        assertThat(infra.reached(Map.of("worker", false))).isFalse();
        assertThat(infra.reached(Map.of("master", false))).as("a MachineConfig it does not render").isTrue();
        assertThat(pool(INFRA.replace("readyMachineCount: 2", "readyMachineCount: 1")).reached(Map.of("worker", true)))
                .as("a machine not back yet").isFalse();
        assertThat(pool(INFRA.replace("configuration: {name: rendered-infra-2}", "configuration: {name: rendered-infra-3}"))
                .reached(Map.of("worker", true))).as("a newer config rendered, not rolled out").isFalse();
    }

    @Test
    void nodesArePlacedInOnePoolAsTheOperatorPlacesThem() throws Exception {
        ClusterPools pools = ClusterPools.of(List.of(pool(INFRA), pool(MASTER), pool(WORKER)), List.of(
                node("master-0", "master", "worker"), node("worker-0", "worker"), node("worker-1", "worker"),
                node("infra-0", "infra", "worker"), node("edge-0", "edge")));

        assertThat(pools.poolOf("master-0")).get().extracting(MachineConfigPool::name).isEqualTo("master");
        assertThat(pools.poolOf("infra-0")).get().extracting(MachineConfigPool::name).isEqualTo("infra");
        assertThat(pools.poolOf("worker-0")).get().extracting(MachineConfigPool::name).isEqualTo("worker");
        assertThat(pools.poolOf("edge-0")).isEmpty();
        assertThat(pools.rolesOf(List.of("worker-0"))).containsExactly("worker");

        Reboots reboots = pools.rebootsFor(List.of("worker-0", "worker-1"));
        assertThat(reboots.machineConfigs()).containsExactly("99-kubens-worker");
        assertThat(reboots.pools()).extracting(Reboots.Pool::name, Reboots.Pool::nodes)
                .containsExactly(org.assertj.core.api.Assertions.tuple("infra", 1),
                        org.assertj.core.api.Assertions.tuple("worker", 2));
        assertThat(reboots.nodes()).as("infra's status counts 2 machines").isEqualTo(4);
        assertThat(reboots.summary()).isEqualTo("4 nodes (pool infra 2, pool worker 2)");
        assertThatThrownBy(() -> pools.rolesOf(List.of("worker-0", "edge-0")))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessage("no MachineConfig kubens-bench switches reaches edge-0 (in no pool): select nodes of pools"
                        + " that render 99-kubens-worker or 99-kubens-master, or use encapsulation: manual");
    }

    @Test
    void theRolloutTimeoutScalesWithTheLargestPool() {
        Reboots three = new Reboots(List.of("worker"), List.of(new Reboots.Pool("worker", 3, 3, false),
                new Reboots.Pool("infra", 1, 1, false)), 3);
        Reboots twenty = new Reboots(List.of("worker"), List.of(new Reboots.Pool("worker", 20, 20, false)), 3);

        assertThat(three.rolloutTimeout()).hasMinutes(10 + 3 * 20);
        assertThat(twenty.rolloutTimeout()).hasMinutes(10 + 20 * 20);
        assertThat(three.rolloutEstimate()).hasMinutes(2 + 3 * 10);
        assertThat(RolloutTime.timeoutRule()).isEqualTo("10m + 20m per node of the largest pool");
    }

    @Test
    void aPausedPoolIsRefusedWithTheCommandThatUnpausesIt() {
        Reboots reboots = new Reboots(List.of("worker"), List.of(new Reboots.Pool("worker", 3, 3, false),
                new Reboots.Pool("infra", 2, 2, true)), 3);

        assertThatThrownBy(reboots::requireNonePaused).isInstanceOf(ClusterAccessException.class)
                .hasMessage("MachineConfigPool infra is paused, so a switch would only take effect, rebooting every"
                        + " node, when someone unpauses it: nothing was created; unpause it first (oc patch"
                        + " machineconfigpool infra --type merge -p '{\"spec\":{\"paused\":false}}')");
    }

    private static MachineConfigPool pool(String yaml) {
        return MachineConfigPool.of(Serialization.unmarshal(yaml, GenericKubernetesResource.class));
    }

    private static Node node(String name, String... roles) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).endMetadata();
        for (String role : roles) {
            node.editMetadata().addToLabels("node-role.kubernetes.io/" + role, "").endMetadata();
        }
        return node.build();
    }
}
