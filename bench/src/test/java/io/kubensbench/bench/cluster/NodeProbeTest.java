package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.workloads.pods.PodFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probe's objects field by field, and deploy, readiness, logs and delete on a mock API server. */
@EnableKubernetesMockClient(crud = true)
class NodeProbeTest {

    private static final String NS = "kb-probe-r1";
    private static final Map<String, String> SELECTOR = Map.of("node-role.kubernetes.io/worker", "");

    KubernetesMockServer server;
    KubernetesClient client;

    private NodeProbe probe(boolean openShift) {
        return new NodeProbe(client, NS, "registry.example/busybox:1.36", "r1", Duration.ofMillis(500), SELECTOR,
                openShift);
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void theDaemonSetHasHostPidAndNothingElseOfTheHost() {
        List<HasMetadata> objects = probe(false).objects();

        assertThat(objects).extracting(HasMetadata::getKind).containsExactly("Namespace", "ServiceAccount", "DaemonSet");
        DaemonSet ds = only(objects, DaemonSet.class);
        PodSpec pod = ds.getSpec().getTemplate().getSpec();
        assertThat(pod.getHostPID()).isTrue();
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getVolumes()).isNullOrEmpty();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getServiceAccountName()).isEqualTo(NodeProbe.NAME);
        assertThat(pod.getPriorityClassName()).isNull();
        assertThat(pod.getNodeSelector()).isEqualTo(SELECTOR);
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getOperator()).isEqualTo("Exists");
            assertThat(t.getKey()).isNull();
            assertThat(t.getEffect()).isNull();
        });
        assertThat(ds.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(ds.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(ds.getSpec().getSelector().getMatchLabels());

        Container c = pod.getContainers().get(0);
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(c.getImage()).isEqualTo("registry.example/busybox:1.36");
        assertThat(c.getCommand()).containsExactly("sh", "-c", NodeProbe.script());
        assertThat(c.getVolumeMounts()).isNullOrEmpty();
        assertThat(c.getPorts()).isNullOrEmpty();
        SecurityContext sc = c.getSecurityContext();
        assertThat(sc.getRunAsUser()).isZero();
        assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getPrivileged()).isFalse();
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).containsExactly("SYS_PTRACE");
        assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getEnv()).extracting(EnvVar::getName).containsExactly("NODE_NAME", "PROBE_INTERVAL");
        assertThat(c.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
        assertThat(c.getEnv().get(1).getValue()).isEqualTo("0.5");
        assertThat(c.getResources().getRequests()).isEqualTo(Map.of("cpu", new Quantity("5m"),
                "memory", new Quantity("16Mi")));
        assertThat(c.getResources().getLimits()).isEqualTo(Map.of("memory", new Quantity("64Mi")));
    }

    @Test
    void everyObjectCarriesTheRunLabelSoCleanupFindsIt() {
        for (boolean openShift : List.of(false, true)) {
            for (HasMetadata o : probe(openShift).objects()) {
                assertThat(o.getMetadata().getLabels()).as(o.getKind())
                        .containsEntry(PodFactory.RUN_LABEL, "r1")
                        .containsEntry(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY)
                        .containsEntry(NodeProbe.NAME_LABEL, NodeProbe.NAME);
            }
            DaemonSet ds = only(probe(openShift).objects(), DaemonSet.class);
            assertThat(ds.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(PodFactory.RUN_LABEL, "r1");
        }
    }

    @Test
    void theNamespaceLetsPodSecurityAdmissionAdmitHostPid() {
        Namespace ns = only(probe(false).objects(), Namespace.class);

        assertThat(ns.getMetadata().getName()).isEqualTo(NS);
        assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "privileged");
        assertThat(only(probe(false).objects(), ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void onOpenShiftAnSccAllowsExactlyWhatThePodAsksFor() {
        List<HasMetadata> objects = probe(true).objects();

        assertThat(objects).extracting(HasMetadata::getKind).containsExactly("Namespace", "ServiceAccount",
                "SecurityContextConstraints", "ClusterRole", "RoleBinding", "DaemonSet");
        GenericKubernetesResource scc = only(objects, GenericKubernetesResource.class);
        assertThat(scc.getApiVersion()).isEqualTo("security.openshift.io/v1");
        assertThat(scc.getMetadata().getName()).isEqualTo("kubens-bench-probe-r1");
        assertThat(scc.getMetadata().getNamespace()).isNull();
        Map<String, Object> fields = scc.getAdditionalProperties();
        assertThat(fields).containsOnly(
                Map.entry("allowHostPID", true),
                Map.entry("allowHostNetwork", false),
                Map.entry("allowHostPorts", false),
                Map.entry("allowHostIPC", false),
                Map.entry("allowHostDirVolumePlugin", false),
                Map.entry("allowPrivilegedContainer", false),
                Map.entry("allowPrivilegeEscalation", false),
                Map.entry("allowedCapabilities", List.of("SYS_PTRACE")),
                Map.entry("requiredDropCapabilities", List.of("ALL")),
                Map.entry("defaultAddCapabilities", List.of()),
                Map.entry("readOnlyRootFilesystem", true),
                Map.entry("runAsUser", Map.of("type", "RunAsAny")),
                Map.entry("seLinuxContext", Map.of("type", "MustRunAs")),
                Map.entry("fsGroup", Map.of("type", "RunAsAny")),
                Map.entry("supplementalGroups", Map.of("type", "RunAsAny")),
                Map.entry("seccompProfiles", List.of("runtime/default")),
                Map.entry("volumes", List.of()),
                Map.entry("users", List.of()),
                Map.entry("groups", List.of()));

        ClusterRole role = only(objects, ClusterRole.class);
        assertThat(role.getMetadata().getName()).isEqualTo("kubens-bench-probe-r1");
        assertThat(role.getRules()).singleElement().satisfies(r -> {
            assertThat(r.getApiGroups()).containsExactly("security.openshift.io");
            assertThat(r.getResources()).containsExactly("securitycontextconstraints");
            assertThat(r.getResourceNames()).containsExactly("kubens-bench-probe-r1");
            assertThat(r.getVerbs()).containsExactly("use");
        });
        RoleBinding binding = only(objects, RoleBinding.class);
        assertThat(binding.getMetadata().getNamespace()).isEqualTo(NS);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("kubens-bench-probe-r1");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(NodeProbe.NAME);
            assertThat(s.getNamespace()).isEqualTo(NS);
        });
    }

    @Test
    void theSccGrantsWhatTheContainerAddsAndRequiresWhatItDrops() {
        List<HasMetadata> objects = probe(true).objects();
        Map<String, Object> scc = only(objects, GenericKubernetesResource.class).getAdditionalProperties();
        SecurityContext sc = only(objects, DaemonSet.class).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getSecurityContext();

        assertThat(scc.get("allowedCapabilities")).isEqualTo(sc.getCapabilities().getAdd());
        assertThat(scc.get("requiredDropCapabilities")).isEqualTo(sc.getCapabilities().getDrop());
        assertThat(scc.get("readOnlyRootFilesystem")).isEqualTo(sc.getReadOnlyRootFilesystem());
        assertThat(scc.get("allowPrivilegeEscalation")).isEqualTo(sc.getAllowPrivilegeEscalation());
    }

    @Test
    void openShiftIsRecognisedByItsSecurityApiGroupNotByAServerThatAnswersAnyPath() throws IOException {
        assertThat(NodeProbe.servesOpenShiftSecurity(client)).isFalse();
        assertThat(new NodeProbe(client, NS, "busybox", "r1", Duration.ofSeconds(1), Map.of()).openShift()).isFalse();

        server.expect().get().withPath("/apis").andReturn(200, new APIGroupListBuilder()
                .addToGroups(new APIGroupBuilder().withName("apps").build())
                .addToGroups(new APIGroupBuilder().withName("security.openshift.io").build())
                .build()).once();
        assertThat(NodeProbe.servesOpenShiftSecurity(client)).isTrue();
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new NodeProbe(client, "Probe_NS", "busybox", "r1", Duration.ofSeconds(1), null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("probe namespace \"Probe_NS\"");
        assertThatThrownBy(() -> new NodeProbe(client, NS, "busybox", "R 1", Duration.ofSeconds(1), null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("run id \"R 1\"");
        assertThatThrownBy(() -> new NodeProbe(client, NS, " ", "r1", Duration.ofSeconds(1), null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("probe image");
        assertThatThrownBy(() -> new NodeProbe(client, NS, "busybox", "r1", Duration.ofMillis(50), null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("probe interval 50ms must be at least 100ms");
    }

    @Test
    void theIntervalReachesTheScriptInSeconds() {
        assertThat(new NodeProbe(client, NS, "busybox", "r1", Duration.ofSeconds(1), null, false).intervalSeconds())
                .isEqualTo("1");
        assertThat(new NodeProbe(client, NS, "busybox", "r1", Duration.ofMillis(2250), null, false).intervalSeconds())
                .isEqualTo("2.25");
    }

    @Test
    void deployCreatesEveryObjectAndDeleteRemovesThem() throws IOException {
        NodeProbe probe = probe(true);
        probe.deploy();

        assertThat(client.namespaces().withName(NS).get()).isNotNull();
        assertThat(client.serviceAccounts().inNamespace(NS).withName(NodeProbe.NAME).get()).isNotNull();
        assertThat(client.apps().daemonSets().inNamespace(NS).withName(NodeProbe.NAME).get().getSpec()
                .getTemplate().getSpec().getHostPID()).isTrue();
        assertThat(client.genericKubernetesResources(NodeProbe.SCC).withName("kubens-bench-probe-r1").get()
                .getAdditionalProperties()).containsEntry("allowedCapabilities", List.of("SYS_PTRACE"));
        assertThat(client.rbac().clusterRoles().withName("kubens-bench-probe-r1").get()).isNotNull();
        assertThat(client.rbac().roleBindings().inNamespace(NS).withName("kubens-bench-probe-r1").get()).isNotNull();

        probe.deploy();
        probe.delete();

        assertThat(client.namespaces().withName(NS).get()).isNull();
        assertThat(client.apps().daemonSets().inNamespace(NS).withName(NodeProbe.NAME).get()).isNull();
        assertThat(client.genericKubernetesResources(NodeProbe.SCC).withName("kubens-bench-probe-r1").get()).isNull();
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
                .hasMessage("Namespace " + NS + " already exists and is not kubens-bench run r1's (label "
                        + "kubens-bench.io/run); delete it or choose another probe namespace");
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
                .hasMessage("forbidden: you need permission to create Namespace " + NS);
    }

    @Test
    void awaitReadyMapsEachNodeToItsRunningProbePod() throws IOException {
        NodeProbe probe = probe(false);
        probe.deploy();
        setStatus(2, 2);
        createPod("probe-a", "node-a", running(true));
        createPod("probe-b", "node-b", running(true));

        assertThat(probe.awaitReady(Duration.ofSeconds(5))).containsExactly(Map.entry("node-a", "probe-a"),
                Map.entry("node-b", "probe-b"));
    }

    @Test
    void aProbeThatIsNotReadyInTimeIsNamedWithItsNodeAndReason() throws IOException {
        NodeProbe probe = probe(false);
        probe.deploy();
        setStatus(3, 1);
        createPod("probe-a", "node-a", running(true));
        createPod("probe-b", "node-b", new PodBuilder().withNewStatus().withPhase("Pending")
                .addNewContainerStatus().withName("probe").withReady(false).withNewState().withNewWaiting()
                .withReason("ImagePullBackOff").withMessage("Back-off pulling image \"busybox:nope\"")
                .endWaiting().endState().endContainerStatus().endStatus());

        assertThatThrownBy(() -> probe.awaitReady(Duration.ofMillis(300)))
                .isInstanceOf(IOException.class)
                .hasMessage("the node probe is not ready within 300ms (1 of 3 nodes ready): node node-b: Pending,"
                        + " ImagePullBackOff: Back-off pulling image \"busybox:nope\"; 1 of 3 nodes have no probe"
                        + " pod yet");
    }

    @Test
    void aProbeScheduledOnNoNodeSaysTheSelectorMatchesNone() throws IOException {
        NodeProbe probe = probe(false);
        probe.deploy();
        setStatus(0, 0);

        assertThatThrownBy(() -> probe.awaitReady(Duration.ofMillis(100)))
                .hasMessageContaining("is scheduled on no node (nodeSelector {node-role.kubernetes.io/worker=}"
                        + " matches none)");
    }

    @Test
    void awaitReadyBeforeDeployTellsToDeployFirst() {
        assertThatThrownBy(() -> probe(false).awaitReady(Duration.ofMillis(100)))
                .hasMessage("the probe DaemonSet " + NS + "/kubens-bench-probe does not exist; deploy the probe first");
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

    private void setStatus(int desired, int ready) {
        DaemonSet ds = client.apps().daemonSets().inNamespace(NS).withName(NodeProbe.NAME).get();
        ds.setStatus(new DaemonSetStatusBuilder().withDesiredNumberScheduled(desired).withCurrentNumberScheduled(desired)
                .withNumberReady(ready).withNumberMisscheduled(0).build());
        client.apps().daemonSets().inNamespace(NS).resource(ds).updateStatus();
    }

    private static PodBuilder running(boolean ready) {
        return new PodBuilder().withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus();
    }

    private void createPod(String name, String node, PodBuilder status) {
        Pod pod = status.withNewMetadata().withName(name).withNamespace(NS)
                .withLabels(Map.of(PodFactory.RUN_LABEL, "r1", NodeProbe.NAME_LABEL, NodeProbe.NAME)).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("probe").withImage("busybox")
                .endContainer().endSpec()
                .build();
        client.pods().inNamespace(NS).resource(pod).create();
    }
}
