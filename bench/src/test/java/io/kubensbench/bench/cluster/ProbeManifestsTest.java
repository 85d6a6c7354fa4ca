package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubensbench.workloads.pods.PodFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probe's objects field by field: what a cluster is asked to admit, before any cluster sees it. */
class ProbeManifestsTest {

    private static final String NS = "kb-probe-r1";
    private static final Map<String, String> SELECTOR = Map.of("node-role.kubernetes.io/worker", "");

    private static final ProbePrivileges UNPRIVILEGED = new ProbePrivileges(false);
    private static final ProbePrivileges AS_ROOT = new ProbePrivileges(true);

    private static ProbeManifests manifests(boolean openShift) {
        return manifests(openShift, UNPRIVILEGED);
    }

    private static ProbeManifests manifests(boolean openShift, ProbePrivileges privileges) {
        return new ProbeManifests(NS, "registry.example/busybox:1.36", "r1", Duration.ofMillis(500), SELECTOR, openShift,
                privileges);
    }

    private static SecurityContext container(ProbeManifests manifests) {
        return only(manifests.objects(), DaemonSet.class).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getSecurityContext();
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void theDaemonSetHasHostPidAndNothingElseOfTheHost() {
        List<HasMetadata> objects = manifests(false).objects();

        assertThat(objects).extracting(HasMetadata::getKind).containsExactly("Namespace", "ServiceAccount", "DaemonSet");
        DaemonSet ds = only(objects, DaemonSet.class);
        PodSpec pod = ds.getSpec().getTemplate().getSpec();
        assertThat(pod.getHostPID()).isTrue();
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getVolumes()).isNullOrEmpty();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getServiceAccountName()).isEqualTo(ProbeManifests.NAME);
        assertThat(pod.getPriorityClassName()).isNull();
        assertThat(pod.getNodeSelector()).isEqualTo(Map.of("node-role.kubernetes.io/worker", "", "kubernetes.io/os",
                "linux"));
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
        assertThat(c.getCommand()).containsExactly("sh", "-c", ProbeManifests.script());
        assertThat(c.getVolumeMounts()).isNullOrEmpty();
        assertThat(c.getPorts()).isNullOrEmpty();
        SecurityContext sc = c.getSecurityContext();
        assertThat(sc.getRunAsUser()).isEqualTo(ProbePrivileges.UID);
        assertThat(sc.getRunAsGroup()).isEqualTo(ProbePrivileges.UID);
        assertThat(sc.getRunAsNonRoot()).isTrue();
        assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getPrivileged()).isFalse();
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getEnv()).extracting(EnvVar::getName).containsExactly("NODE_NAME", "PROBE_INTERVAL",
                "PROBE_NS_LINKS", "PROBE_MOUNT_BUDGET_PPM");
        assertThat(c.getEnv().get(2).getValue()).as("an unprivileged probe does not try the links").isEqualTo("0");
        assertThat(c.getEnv().get(3).getValue()).as("half the lab sampler's budget, 0.1% of a core").isEqualTo("1000");
        assertThat(c.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
        assertThat(c.getEnv().get(1).getValue()).isEqualTo("0.5");
        assertThat(c.getResources().getRequests()).isEqualTo(Map.of("cpu", new Quantity("5m"),
                "memory", new Quantity("16Mi")));
        assertThat(c.getResources().getLimits()).isEqualTo(Map.of("memory", new Quantity("64Mi")));
    }

    @Test
    void everyObjectCarriesTheRunLabelSoCleanupFindsIt() {
        for (boolean openShift : List.of(false, true)) {
            for (HasMetadata o : manifests(openShift).objects()) {
                assertThat(o.getMetadata().getLabels()).as(o.getKind())
                        .containsEntry(PodFactory.RUN_LABEL, "r1")
                        .containsEntry(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY)
                        .containsEntry(ProbeManifests.NAME_LABEL, ProbeManifests.NAME);
            }
            DaemonSet ds = only(manifests(openShift).objects(), DaemonSet.class);
            assertThat(ds.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(PodFactory.RUN_LABEL, "r1");
        }
    }

    @Test
    void theNamespaceLetsPodSecurityAdmissionAdmitHostPid() {
        Namespace ns = only(manifests(false).objects(), Namespace.class);

        assertThat(ns.getMetadata().getName()).isEqualTo(NS);
        assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "privileged");
        assertThat(only(manifests(false).objects(), ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void onOpenShiftAnSccAllowsExactlyWhatThePodAsksFor() {
        List<HasMetadata> objects = manifests(true).objects();

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
                Map.entry("allowedCapabilities", List.of()),
                Map.entry("requiredDropCapabilities", List.of("ALL")),
                Map.entry("defaultAddCapabilities", List.of()),
                Map.entry("readOnlyRootFilesystem", true),
                Map.entry("runAsUser", Map.of("type", "MustRunAs", "uid", ProbePrivileges.UID)),
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
            assertThat(s.getName()).isEqualTo(ProbeManifests.NAME);
            assertThat(s.getNamespace()).isEqualTo(NS);
        });
    }

    @Test
    void theSccGrantsWhatTheContainerAddsAndRequiresWhatItDrops() {
        for (ProbePrivileges privileges : List.of(UNPRIVILEGED, AS_ROOT)) {
            List<HasMetadata> objects = manifests(true, privileges).objects();
            Map<String, Object> scc = only(objects, GenericKubernetesResource.class).getAdditionalProperties();
            SecurityContext sc = container(manifests(true, privileges));

            List<String> added = sc.getCapabilities().getAdd() == null ? List.of() : sc.getCapabilities().getAdd();
            assertThat(scc.get("allowedCapabilities")).isEqualTo(added);
            assertThat(scc.get("requiredDropCapabilities")).isEqualTo(sc.getCapabilities().getDrop());
            assertThat(scc.get("readOnlyRootFilesystem")).isEqualTo(sc.getReadOnlyRootFilesystem());
            assertThat(scc.get("allowPrivilegeEscalation")).isEqualTo(sc.getAllowPrivilegeEscalation());
            assertThat(scc.get("runAsUser")).isEqualTo(Map.of("type", "MustRunAs", "uid", sc.getRunAsUser()));
        }
    }

    @Test
    void rootIsAnOptInThatAddsPtraceAndReadsTheLinks() {
        SecurityContext sc = container(manifests(false, AS_ROOT));
        Container c = only(manifests(false, AS_ROOT).objects(), DaemonSet.class).getSpec().getTemplate().getSpec()
                .getContainers().get(0);

        assertThat(sc.getRunAsUser()).isZero();
        assertThat(sc.getRunAsNonRoot()).isFalse();
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).containsExactly("SYS_PTRACE");
        assertThat(c.getEnv()).filteredOn(e -> e.getName().equals("PROBE_NS_LINKS")).singleElement()
                .extracting(EnvVar::getValue).isEqualTo("1");
        assertThat(AS_ROOT.describe()).anySatisfy(l -> assertThat(l).contains("root on the node in effect"));
        assertThat(UNPRIVILEGED.describe()).noneSatisfy(l -> assertThat(l).contains("root on the node"))
                .anySatisfy(l -> assertThat(l).startsWith("runs as uid " + ProbePrivileges.UID + ", gid "
                        + ProbePrivileges.UID + ", not root, every capability dropped"));
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new ProbeManifests("Probe_NS", "busybox", "r1", Duration.ofSeconds(1), null, false, UNPRIVILEGED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("probe namespace \"Probe_NS\"");
        assertThatThrownBy(() -> new ProbeManifests(NS, "busybox", "R 1", Duration.ofSeconds(1), null, false, UNPRIVILEGED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("run id \"R 1\"");
        assertThatThrownBy(() -> new ProbeManifests(NS, " ", "r1", Duration.ofSeconds(1), null, false, UNPRIVILEGED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the probe image must be");
        assertThatThrownBy(() -> new ProbeManifests(NS, "busybox@sha256:abc", "r1", Duration.ofSeconds(1), null, false,
                UNPRIVILEGED)).isInstanceOf(IllegalArgumentException.class).hasMessage("the probe image must be"
                + " NAME[:TAG]@sha256:<64 lowercase hex digits> when it has a digest (got \"busybox@sha256:abc\")");
        assertThatThrownBy(() -> new ProbeManifests(NS, "busybox", "r1", Duration.ofMillis(50), null, false, UNPRIVILEGED))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("probe interval 50ms must be at least 100ms");
    }

    @Test
    void theIntervalReachesTheScriptInSeconds() {
        assertThat(new ProbeManifests(NS, "busybox", "r1", Duration.ofSeconds(1), null, false, UNPRIVILEGED).intervalSeconds())
                .isEqualTo("1");
        assertThat(new ProbeManifests(NS, "busybox", "r1", Duration.ofMillis(2250), null, false, UNPRIVILEGED).intervalSeconds())
                .isEqualTo("2.25");
    }
}
