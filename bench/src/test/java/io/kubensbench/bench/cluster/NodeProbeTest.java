package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import io.kubensbench.workloads.pods.PodFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probe on a mock API server: deploy, adoption, readiness, logs and delete. */
@EnableKubernetesMockClient(crud = true)
class NodeProbeTest {

    private static final String NS = "kb-probe-r1";
    private static final Map<String, String> SELECTOR = Map.of("node-role.kubernetes.io/worker", "");

    KubernetesMockServer server;
    KubernetesClient client;

    private NodeProbe probe(boolean openShift) {
        return new NodeProbe(client, new ProbeManifests(NS, "registry.example/busybox:1.36", "r1", Duration.ofMillis(500),
                SELECTOR, openShift, new ProbePrivileges(false)));
    }

    @Test
    void openShiftIsRecognisedByItsSecurityApiGroupNotByAServerThatAnswersAnyPath() throws IOException {
        assertThat(NodeProbe.servesOpenShiftSecurity(client)).isFalse();
        assertThat(NodeProbe.forCluster(client, NS, "busybox", "r1", Duration.ofSeconds(1), Map.of(),
                new ProbePrivileges(false)).manifests()
                .openShift()).isFalse();

        server.expect().get().withPath("/apis").andReturn(200, new APIGroupListBuilder()
                .addToGroups(new APIGroupBuilder().withName("apps").build())
                .addToGroups(new APIGroupBuilder().withName("security.openshift.io").build())
                .build()).once();
        assertThat(NodeProbe.servesOpenShiftSecurity(client)).isTrue();
    }

    @Test
    void deployCreatesEveryObjectAndDeleteRemovesThem() throws IOException {
        NodeProbe probe = probe(true);
        probe.deploy();

        assertThat(client.namespaces().withName(NS).get()).isNotNull();
        assertThat(client.serviceAccounts().inNamespace(NS).withName(ProbeManifests.NAME).get()).isNotNull();
        assertThat(client.apps().daemonSets().inNamespace(NS).withName(ProbeManifests.NAME).get().getSpec()
                .getTemplate().getSpec().getHostPID()).isTrue();
        assertThat(client.genericKubernetesResources(ProbeManifests.SCC).withName("kubens-bench-probe-r1").get()
                .getAdditionalProperties()).containsEntry("allowedCapabilities", List.of());
        assertThat(client.rbac().clusterRoles().withName("kubens-bench-probe-r1").get()).isNotNull();
        assertThat(client.rbac().roleBindings().inNamespace(NS).withName("kubens-bench-probe-r1").get()).isNotNull();

        probe.deploy();
        probe.delete();

        assertThat(client.namespaces().withName(NS).get()).isNull();
        assertThat(client.apps().daemonSets().inNamespace(NS).withName(ProbeManifests.NAME).get()).isNull();
        assertThat(client.genericKubernetesResources(ProbeManifests.SCC).withName("kubens-bench-probe-r1").get()).isNull();
        assertThat(client.rbac().clusterRoles().withName("kubens-bench-probe-r1").get()).isNull();
        assertThat(client.rbac().roleBindings().inNamespace(NS).withName("kubens-bench-probe-r1").get()).isNull();
        probe.delete();
    }

    @Test
    void aNamespaceOfSomeoneElseIsNeitherAdoptedNorDeleted() throws IOException {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        NodeProbe probe = probe(false);

        assertThatThrownBy(probe::deploy)
                .isInstanceOf(IOException.class)
                .hasMessage("Namespace " + NS + " already exists without this run's label kubens-bench.io/run=r1;"
                        + " delete it or choose another probe namespace");
        probe.delete();
        assertThat(client.namespaces().withName(NS).get()).isNotNull();
    }

    @Test
    void anApiRefusalIsOneLineNamingTheVerbAndTheObject() {
        server.expect().post().withPath("/api/v1/namespaces").andReturn(403, new StatusBuilder()
                .withStatus("Failure").withReason("Forbidden").withCode(403)
                .withMessage("namespaces is forbidden: User \"dev\" cannot create resource \"namespaces\"")
                .build()).once();

        assertThatThrownBy(probe(false)::deploy)
                .isInstanceOf(IOException.class)
                .isInstanceOf(ClusterAccessException.class)
                .hasMessage("forbidden: you need permission to create Namespace " + NS + ": namespaces is forbidden:"
                        + " User \"dev\" cannot create resource \"namespaces\"");
    }

    @Test
    void awaitReadyMapsEachNodeToItsRunningProbePod() throws IOException {
        NodeProbe probe = probe(false);
        probe.deploy();
        createPod("probe-a", "node-a", running(true));
        createPod("probe-b", "node-b", running(true));

        assertThat(probe.awaitReady(Duration.ofSeconds(5), List.of("node-b", "node-a"))).containsExactly(
                Map.entry("node-a", "probe-a"), Map.entry("node-b", "probe-b"));
        assertThat(probe.awaitReady(Duration.ofSeconds(5), List.of("node-b"))).as("only the nodes asked for")
                .containsExactly(Map.entry("node-b", "probe-b"));
    }

    @Test
    void aProbeThatIsNotReadyInTimeIsNamedWithItsNodeAndReason() throws IOException {
        NodeProbe probe = probe(false);
        probe.deploy();
        createPod("probe-a", "node-a", running(true));
        createPod("probe-b", "node-b", new PodBuilder().withNewStatus().withPhase("Pending")
                .addNewContainerStatus().withName("probe").withReady(false).withNewState().withNewWaiting()
                .withReason("ImagePullBackOff").withMessage("Back-off pulling image \"busybox:nope\"")
                .endWaiting().endState().endContainerStatus().endStatus());

        assertThatThrownBy(() -> probe.awaitReady(Duration.ofMillis(300), List.of("node-a", "node-b", "node-c")))
                .isInstanceOf(IOException.class)
                .hasMessage("the node probe is not ready within 300ms (1 of 3 nodes ready): node node-b: Pending"
                        + " (ImagePullBackOff: Back-off pulling image \"busybox:nope\"); no probe pod on node-c (is the"
                        + " node gone, or its nodeSelector or taints keeping DaemonSets off?)");
    }

    @Test
    void nodesThatCannotRunTheProbeAreNamedNotWaitedFor() throws IOException {
        node("worker-a", "True", false, "linux");
        node("worker-b", "False", false, "linux");
        node("worker-c", "True", true, "linux");
        node("worker-d", "True", false, "windows");
        node("worker-e", "Unknown", false, null);

        UsableNodes usable = probe(false).usableNodes();

        assertThat(usable.names()).containsExactly("worker-a");
        assertThat(usable.describeSkipped()).isEqualTo("worker-b (NotReady), worker-c (cordoned (unschedulable)),"
                + " worker-d (kubernetes.io/os=windows), worker-e (NotReady)");
    }

    @Test
    void podsTheClusterRefusesAreReportedWithTheControllersEventsAtOnce() throws IOException {
        NodeProbe probe = probe(false);
        probe.deploy();
        createPod("probe-a", "node-a", running(true));
        failedCreate("e1", "2030-01-01T10:00:00Z", "Error creating: pods \"kubens-bench-probe-x\" is forbidden:"
                + " violates PodSecurity \"baseline:latest\": host namespaces (hostPID=true)");
        failedCreate("e2", "2030-01-01T10:00:05Z", "Error creating: admission webhook \"policy.example.com\" denied"
                + " the request: hostPID is not allowed in this cluster");
        ProbeReadiness readiness = new ProbeReadiness(client, probe.manifests(), Duration.ZERO);

        long start = System.nanoTime();
        assertThatThrownBy(() -> readiness.await(Duration.ofMinutes(5), List.of("node-a", "node-b")))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessage("the cluster refused the probe's pods (1 of 2 nodes have none; FailedCreate on DaemonSet "
                        + NS + "/kubens-bench-probe): Error creating: admission webhook \"policy.example.com\" denied"
                        + " the request: hostPID is not allowed in this cluster; Error creating: pods"
                        + " \"kubens-bench-probe-x\" is forbidden: violates PodSecurity \"baseline:latest\": host"
                        + " namespaces (hostPID=true)");
        assertThat(System.nanoTime() - start).as("not the 5 minutes").isLessThan(Duration.ofSeconds(30).toNanos());
    }

    private void node(String name, String ready, boolean cordoned, String os) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("node-role.kubernetes.io/worker", "").endMetadata()
                .withNewSpec().withUnschedulable(cordoned).endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus();
        if (os != null) {
            node.editMetadata().addToLabels(ProbeManifests.OS_LABEL, os).endMetadata();
        }
        client.nodes().resource(node.build()).create();
    }

    private void failedCreate(String name, String at, String message) {
        client.v1().events().inNamespace(NS).resource(new EventBuilder().withNewMetadata().withName(name)
                .withNamespace(NS).endMetadata().withReason("FailedCreate").withType("Warning").withMessage(message)
                .withLastTimestamp(at).withNewInvolvedObject().withKind("DaemonSet").withName(ProbeManifests.NAME)
                .withNamespace(NS).endInvolvedObject().build()).create();
    }

    @Test
    void streamFollowsTheProbePodsLog() throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/probe-a/log?pretty=false&follow=true")
                .andReturn(200, ProbeCaptures.text("encapsulated.txt")).once();

        try (ProbeStream stream = probe(false).stream("node-a", "probe-a")) {
            ProbeStreamTest.awaitLines(stream, 5);

            assertThat(stream.latest()).isEqualTo(ProbeCaptures.last("encapsulated.txt"));
            assertThat(NodeVerification.of("node-a", stream.latest()).state())
                    .isEqualTo(NodeVerification.State.ENCAPSULATED);
        }
    }

    @Test
    void aBrokenLogIsReopenedOnTheNodesCurrentProbePodForItsNewestLine() throws Exception {
        NodeProbe probe = probe(false);
        probe.deploy();
        createPod("probe-a2", "node-a", running(true));
        List<String> reboot = ProbeCaptures.text("reboot.txt").lines().toList();
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/probe-a/log?pretty=false&follow=true")
                .andReturn(200, String.join("\n", reboot.subList(0, 4)) + "\n").once();
        server.expect().get()
                .withPath("/api/v1/namespaces/" + NS + "/pods/probe-a2/log?pretty=false&tailLines=1&follow=true")
                .andReturn(200, reboot.get(reboot.size() - 1) + "\n").always();

        try (ProbeStream stream = probe.stream("node-a", "probe-a")) {
            ProbeStreamTest.awaitLines(stream, 4);

            assertThat(stream.latest()).isEqualTo(ProbeCaptures.last("reboot.txt"));
        }
    }

    private static PodBuilder running(boolean ready) {
        return new PodBuilder().withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus();
    }

    private void createPod(String name, String node, PodBuilder status) {
        Pod pod = status.withNewMetadata().withName(name).withNamespace(NS)
                .withLabels(Map.of(PodFactory.RUN_LABEL, "r1", ProbeManifests.NAME_LABEL, ProbeManifests.NAME)).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("probe").withImage("busybox")
                .endContainer().endSpec()
                .build();
        client.pods().inNamespace(NS).resource(pod).create();
    }
}
