package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a MachineConfigPool's status as the Machine Config Operator writes it. */
class PoolStatusTest {

    /** The shape of a worker pool on OpenShift 4.14 in the middle of a rollout (trimmed). */
    private static final String UPDATING = """
            apiVersion: machineconfiguration.openshift.io/v1
            kind: MachineConfigPool
            metadata:
              name: worker
              generation: 4
            spec:
              configuration:
                name: rendered-worker-6b1f
            status:
              conditions:
              - {type: RenderDegraded, status: "False", reason: "", message: ""}
              - {type: NodeDegraded, status: "False", reason: "", message: ""}
              - {type: Degraded, status: "False", reason: "", message: ""}
              - {type: Updated, status: "False", reason: "", message: ""}
              - {type: Updating, status: "True", reason: "", message: "All nodes are updating to rendered-worker-6b1f"}
              configuration:
                name: rendered-worker-0c2e
                source:
                - {apiVersion: machineconfiguration.openshift.io/v1, kind: MachineConfig, name: 00-worker}
              degradedMachineCount: 0
              machineCount: 3
              observedGeneration: 4
              readyMachineCount: 1
              unavailableMachineCount: 1
              updatedMachineCount: 1
            """;

    private static final String DEGRADED = """
            apiVersion: machineconfiguration.openshift.io/v1
            kind: MachineConfigPool
            metadata: {name: worker}
            status:
              conditions:
              - {type: Updated, status: "False"}
              - {type: Updating, status: "True"}
              - {type: NodeDegraded, status: "True", message: 'Node worker-1 is reporting: "unexpected on-disk state"'}
              - {type: Degraded, status: "True", message: 1 nodes are reporting degraded status on sync}
              machineCount: 3
              degradedMachineCount: 1
            """;

    @Test
    void readsAPoolInTheMiddleOfARollout() {
        PoolStatus status = PoolStatus.of(pool(UPDATING));
        assertThat(status).isEqualTo(new PoolStatus("worker", false, true, false, "", 3, 1, 1, 0, "rendered-worker-0c2e",
                List.of("00-worker")));
        assertThat(status.renders("00-worker")).isTrue();
        assertThat(status.renders("99-kubens-worker")).isFalse();
        assertThat(status.rolledOut()).isFalse();
    }

    @Test
    void degradedCollectsTheMessagesOfDegradedAndNodeDegraded() {
        PoolStatus status = PoolStatus.of(pool(DEGRADED));
        assertThat(status.degraded()).isTrue();
        assertThat(status.degradedMessage()).isEqualTo("1 nodes are reporting degraded status on sync; "
                + "Node worker-1 is reporting: \"unexpected on-disk state\"");
        assertThat(status.degradedMachineCount()).isEqualTo(1);
        assertThat(status.rolledOut()).isFalse();
    }

    @Test
    void aPoolWithoutStatusIsNotRolledOut() {
        PoolStatus status = PoolStatus.of(pool("""
                apiVersion: machineconfiguration.openshift.io/v1
                kind: MachineConfigPool
                metadata: {name: infra}
                """));
        assertThat(status).isEqualTo(new PoolStatus("infra", false, false, false, "", 0, 0, 0, 0, "", List.of()));
        assertThat(status.rolledOut()).isFalse();
    }

    @Test
    void rolledOutNeedsUpdatedNotUpdatingAndEveryMachineUpdatedAndReady() {
        assertThat(status(true, false, false, 3, 3, 3).rolledOut()).isTrue();
        assertThat(status(true, true, false, 3, 3, 3).rolledOut()).isFalse();
        assertThat(status(true, false, false, 3, 2, 2).rolledOut()).isFalse();
        assertThat(status(true, false, false, 3, 3, 2).rolledOut()).as("one machine not back yet").isFalse();
        assertThat(status(true, false, true, 3, 3, 3).rolledOut()).isFalse();
        assertThat(status(false, false, false, 3, 3, 3).rolledOut()).isFalse();
    }

    private static PoolStatus status(boolean updated, boolean updating, boolean degraded, int machines, int done,
            int ready) {
        return new PoolStatus("worker", updated, updating, degraded, degraded ? "x" : "", machines, done, ready,
                degraded ? 1 : 0, "rendered-worker-6b1f", List.of("00-worker"));
    }

    @Test
    void fieldsOfAnUnexpectedTypeReadAsMissing() {
        PoolStatus status = PoolStatus.of(pool("""
                apiVersion: machineconfiguration.openshift.io/v1
                kind: MachineConfigPool
                metadata: {name: odd}
                status: {conditions: "none", machineCount: "3", configuration: [1]}
                """));
        assertThat(status).isEqualTo(new PoolStatus("odd", false, false, false, "", 0, 0, 0, 0, "", List.of()));
    }

    private static GenericKubernetesResource pool(String yaml) {
        return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    }
}
