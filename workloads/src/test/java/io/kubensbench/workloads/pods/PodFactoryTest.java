package io.kubensbench.workloads.pods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.kubensbench.workloads.mounts.MountKind;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.mounts.PlannedMount;
import io.kubensbench.workloads.spec.Churn;
import io.kubensbench.workloads.spec.VolumeCounts;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PodFactoryTest {

    private static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
    private static final VolumeCounts EVERY_KIND = new VolumeCounts(3, 2, 2, 2, 1, 1);
    private static final WorkloadSpec SPEC = new WorkloadSpec(4, 3, EVERY_KIND, Churn.none());

    private final PodFactory factory = new PodFactory(SPEC, "r1", "bench", "busybox:1.36",
            Map.of("node-role.kubernetes.io/worker", ""));

    /** The volume types Pod Security's restricted profile allows (Kubernetes 1.25 and later). */
    private static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    /** The pod, with every volume kind, as Pod Security's restricted profile checks it. */
    @Test
    void podsPassPodSecurityRestricted() {
        for (PodFactory f : List.of(factory, factory.withUser(null), factory.withUser(1000L))) {
            Pod pod = pod(f.objectsForPod(0));
            var spec = pod.getSpec();

            assertThat(spec.getVolumes()).allSatisfy(v -> assertThat(volumeType(v)).isIn(RESTRICTED_VOLUMES));
            assertThat(spec.getHostPID()).isNotEqualTo(Boolean.TRUE);
            assertThat(spec.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
            assertThat(spec.getHostIPC()).isNotEqualTo(Boolean.TRUE);
            assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat((Object) spec.getSecurityContext().getRunAsUser()).isNotEqualTo(0L);
            assertThat(spec.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(spec.getContainers()).hasSize(3).allSatisfy(c -> {
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
                assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
                assertThat(c.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
                assertThat(c.getPorts()).isNullOrEmpty();
            });
        }
        assertThat(pod(factory.objectsForPod(0)).getSpec().getSecurityContext().getRunAsUser())
                .isEqualTo(PodFactory.DEFAULT_USER);
        assertThat(pod(factory.withUser(null).objectsForPod(0)).getSpec().getSecurityContext().getRunAsUser())
                .as("left to OpenShift's SCC").isNull();
        assertThat(pod(factory.withAttempt("a1").withCommand(List.of("true")).objectsForPod(0)).getSpec()
                .getSecurityContext().getRunAsUser()).as("kept by the other withers").isEqualTo(PodFactory.DEFAULT_USER);
        assertThatThrownBy(() -> factory.withUser(0L)).hasMessage("the pods' user must be a uid above 0 (got 0)");
    }

    private static Pod pod(List<HasMetadata> objects) {
        return (Pod) objects.get(objects.size() - 1);
    }

    private static String volumeType(Volume v) {
        return v.getSecret() != null ? "secret" : v.getConfigMap() != null ? "configMap" : v.getProjected() != null
                ? "projected" : v.getEmptyDir() != null ? "emptyDir" : v.getDownwardAPI() != null ? "downwardAPI"
                : "other: " + v;
    }

    @Test
    void everyObjectCarriesTheRunLabelsAndNamespace() {
        List<HasMetadata> objects = factory.allObjects();

        assertThat(objects).hasSize(SPEC.pods() * (EVERY_KIND.secret() + EVERY_KIND.configMap() + 1));
        assertThat(objects).allSatisfy(o -> {
            assertThat(o.getMetadata().getLabels())
                    .containsEntry(PodFactory.RUN_LABEL, "r1")
                    .containsEntry("app.kubernetes.io/managed-by", "kubens-bench");
            assertThat(o.getMetadata().getNamespace()).isEqualTo("bench");
        });
        assertThat(PodFactory.RUN_LABEL).isEqualTo("kubens-bench.io/run");
    }

    @Test
    void podVolumesMatchTheSpecKindByKind() {
        Pod pod = pod(0);
        List<Volume> volumes = pod.getSpec().getVolumes();

        assertThat(count(volumes, v -> v.getSecret() != null)).isEqualTo(EVERY_KIND.secret());
        assertThat(count(volumes, v -> v.getProjected() != null)).isEqualTo(EVERY_KIND.projected());
        assertThat(count(volumes, v -> v.getConfigMap() != null)).isEqualTo(EVERY_KIND.configMap());
        assertThat(count(volumes, v -> v.getDownwardAPI() != null)).isEqualTo(EVERY_KIND.downwardAPI());
        assertThat(count(volumes, v -> v.getEmptyDir() != null
                && "Memory".equals(v.getEmptyDir().getMedium()))).isEqualTo(EVERY_KIND.emptyDirMemory());
        assertThat(count(volumes, v -> v.getEmptyDir() != null
                && v.getEmptyDir().getMedium() == null)).isEqualTo(EVERY_KIND.emptyDirDisk());
        assertThat(volumes).hasSize(EVERY_KIND.total())
                .extracting(Volume::getName).doesNotHaveDuplicates();
    }

    @Test
    void podSpecKeepsTheMountCountExactAndPodsCheap() {
        Pod pod = pod(2);

        assertThat(pod.getMetadata().getName()).isEqualTo("kb-r1-2");
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isZero();
        assertThat(pod.getSpec().getNodeSelector())
                .containsExactly(Map.entry("node-role.kubernetes.io/worker", ""));
        assertThat(pod.getSpec().getContainers()).hasSize(SPEC.containersPerPod())
                .allSatisfy(c -> {
                    assertThat(c.getImage()).isEqualTo("busybox:1.36");
                    assertThat(c.getCommand()).containsExactly("sleep", "infinity");
                    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
                    assertThat(c.getResources().getLimits()).isNullOrEmpty();
                });
    }

    @Test
    void everyContainerMountsEveryVolume() {
        Pod pod = pod(0);
        Set<String> volumeNames = pod.getSpec().getVolumes().stream().map(Volume::getName)
                .collect(Collectors.toSet());

        for (Container c : pod.getSpec().getContainers()) {
            assertThat(c.getVolumeMounts()).extracting(VolumeMount::getName)
                    .containsExactlyInAnyOrderElementsOf(volumeNames);
            assertThat(c.getVolumeMounts()).extracting(VolumeMount::getMountPath)
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void everyReferencedSecretAndConfigMapIsCreatedBeforeItsPod() {
        for (int index = 0; index < SPEC.pods(); index++) {
            List<HasMetadata> objects = factory.objectsForPod(index);
            Pod pod = (Pod) objects.get(objects.size() - 1);
            Set<String> secrets = names(objects, Secret.class);
            Set<String> configMaps = names(objects, ConfigMap.class);

            for (Volume v : pod.getSpec().getVolumes()) {
                Optional.ofNullable(v.getSecret())
                        .ifPresent(s -> assertThat(secrets).contains(s.getSecretName()));
                Optional.ofNullable(v.getConfigMap())
                        .ifPresent(c -> assertThat(configMaps).contains(c.getName()));
                Optional.ofNullable(v.getProjected()).ifPresent(p -> p.getSources().forEach(s -> {
                    assertThat(s.getSecret()).isNull();
                    assertThat(s.getConfigMap()).isNull();
                }));
            }
            assertThat(secrets).hasSize(EVERY_KIND.secret());
            assertThat(configMaps).hasSize(EVERY_KIND.configMap());
        }
    }

    @Test
    void namesAreDnsSafeAndUniqueAtTheLargestRunId() {
        WorkloadSpec big = new WorkloadSpec(WorkloadSpec.MAX_PODS, 1,
                new VolumeCounts(VolumeCounts.MAX_PER_KIND, 0, VolumeCounts.MAX_PER_KIND, 0, 0, 0),
                Churn.none());
        PodFactory longest = new PodFactory(big, "a-twenty-char-run-id", "bench", "img", Map.of());
        List<HasMetadata> objects = longest.objectsForPod(WorkloadSpec.MAX_PODS - 1);

        assertThat(objects).extracting(o -> o.getMetadata().getName())
                .allMatch(name -> name.matches(DNS_1123_LABEL), "a DNS-1123 label")
                .doesNotHaveDuplicates();
        assertThat(factory.allObjects()).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .doesNotHaveDuplicates();
    }

    @Test
    void podTmpfsVolumesAreExactlyTheMountPlansTmpfsMounts() {
        Pod pod = pod(1);
        Set<String> fromPod = pod.getSpec().getVolumes().stream()
                .map(v -> tmpfsPluginDir(v).map(dir -> dir + "/" + v.getName()))
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());

        List<PlannedMount> planned = new MountPlan(SPEC).forPod(MountPlan.podUid("r1", 1)).mounts();
        Set<String> fromPlan = planned.stream()
                .filter(m -> m.kind() == MountKind.TMPFS_VOLUME)
                .map(m -> m.target().substring(m.target().indexOf("/volumes/") + "/volumes/".length()))
                .collect(Collectors.toSet());

        assertThat(fromPod).isNotEmpty().isEqualTo(fromPlan);
    }

    @Test
    void commandIsConfigurable() {
        PodFactory pausing = factory.withCommand(List.of("/pause"));

        assertThat(podOf(pausing, 0).getSpec().getContainers())
                .allSatisfy(c -> assertThat(c.getCommand()).containsExactly("/pause"));
    }

    @Test
    void podsWithoutNodeSelectorLeaveSchedulingFree() {
        PodFactory anywhere = new PodFactory(SPEC, "r1", "bench", "img", null);
        assertThat(podOf(anywhere, 0).getSpec().getNodeSelector()).isNullOrEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Run1", "run_1", "-run", "run-", "a-twenty-one-char-run"})
    void rejectsRunIdsThatCannotBeNamesOrLabelValues(String runId) {
        assertThatThrownBy(() -> new PodFactory(SPEC, runId, "bench", "img", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run id \"" + runId + "\" must be 1 to 20 lowercase letters, digits or '-',"
                        + " starting and ending with a letter or digit");
    }

    @Test
    void rejectsPodIndexOutsideTheWorkload() {
        assertThatThrownBy(() -> factory.objectsForPod(SPEC.pods()))
                .hasMessage("pod index must be between 0 and 3 (got 4)");
    }

    @Test
    void anAttemptLabelsEveryObjectAndNamesPodsAfterIt() {
        PodFactory attempt = factory.withAttempt("r1-a2");
        List<HasMetadata> objects = attempt.allObjects();

        assertThat(objects).hasSameSizeAs(factory.allObjects()).allSatisfy(o ->
                assertThat(o.getMetadata().getLabels())
                        .containsEntry(PodFactory.RUN_LABEL, "r1")
                        .containsEntry(PodFactory.ATTEMPT_LABEL, "r1-a2")
                        .containsEntry(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY));
        assertThat(podOf(attempt, 3).getMetadata().getName()).isEqualTo("kb-r1-a2-3");
        assertThat(names(attempt.objectsForPod(3), Secret.class)).allMatch(n -> n.startsWith("kb-r1-a2-3-"));
        assertThat(attempt.attempt()).contains("r1-a2");
        assertThat(factory.attempt()).isEmpty();
        assertThat(factory.allObjects()).allSatisfy(o ->
                assertThat(o.getMetadata().getLabels()).doesNotContainKey(PodFactory.ATTEMPT_LABEL));
        assertThat(PodFactory.ATTEMPT_LABEL).isEqualTo("kubens-bench.io/attempt");
    }

    @Test
    void anAttemptKeepsTheCommand() {
        PodFactory both = factory.withAttempt("a1").withCommand(List.of("/pause"));

        assertThat(podOf(both, 0).getMetadata().getName()).isEqualTo("kb-a1-0");
        assertThat(podOf(both, 0).getSpec().getContainers())
                .allSatisfy(c -> assertThat(c.getCommand()).containsExactly("/pause"));
    }

    @Test
    void laterGenerationsAreFreshNamesForTheSamePod() {
        assertThat(factory.objectsForPod(1, 0)).isEqualTo(factory.objectsForPod(1));

        List<HasMetadata> second = factory.withAttempt("a1").objectsForPod(1, 2);
        Pod pod = (Pod) second.get(second.size() - 1);
        assertThat(pod.getMetadata().getName()).isEqualTo("kb-a1-1-g2");
        assertThat(names(second, Secret.class)).containsExactlyInAnyOrder(
                "kb-a1-1-g2-secret-0", "kb-a1-1-g2-secret-1", "kb-a1-1-g2-secret-2");
        assertThat(names(second, ConfigMap.class)).containsExactlyInAnyOrder(
                "kb-a1-1-g2-configmap-0", "kb-a1-1-g2-configmap-1");
        assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .allSatisfy(v -> assertThat(v.getSecret().getSecretName()).startsWith("kb-a1-1-g2-"));
        assertThat(pod.getMetadata().getLabels()).containsEntry(PodFactory.ATTEMPT_LABEL, "a1");
        assertThat(factory.podName(1, 2)).isEqualTo("kb-r1-1-g2");
    }

    @Test
    void rejectsNegativeGenerations() {
        assertThatThrownBy(() -> factory.objectsForPod(0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pod generation must not be negative (got -1)");
        assertThatThrownBy(() -> factory.objectsForPod(4, 1))
                .hasMessage("pod index must be between 0 and 3 (got 4)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A1", "a_1", "-a", "a-", "a-twenty-one-char-att"})
    void rejectsAttemptsThatCannotBeNamesOrLabelValues(String attempt) {
        assertThatThrownBy(() -> factory.withAttempt(attempt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attempt \"" + attempt + "\" must be 1 to 20 lowercase letters, digits or '-',"
                        + " starting and ending with a letter or digit");
    }

    @Test
    void namesStayDnsLabelsAtTheLongestAttemptAndALateGeneration() {
        WorkloadSpec big = new WorkloadSpec(WorkloadSpec.MAX_PODS, 1,
                new VolumeCounts(VolumeCounts.MAX_PER_KIND, 0, VolumeCounts.MAX_PER_KIND, 0, 0, 0),
                Churn.none());
        PodFactory longest = new PodFactory(big, "r1", "bench", "img", Map.of())
                .withAttempt("a-twenty-char-attemp");

        assertThat(longest.objectsForPod(WorkloadSpec.MAX_PODS - 1, Integer.MAX_VALUE))
                .extracting(o -> o.getMetadata().getName())
                .allMatch(name -> name.matches(DNS_1123_LABEL), "a DNS-1123 label");
    }

    @Test
    void exposesWhatTheClusterWorkloadNeeds() {
        assertThat(factory.namespace()).isEqualTo("bench");
        assertThat(factory.runId()).isEqualTo("r1");
        assertThat(factory.spec()).isEqualTo(SPEC);
        assertThat(PodFactory.checkedRunId("r-2")).isEqualTo("r-2");
    }

    /** kubelet's plugin directory for volumes it backs with tmpfs, per the MountPlan table. */
    private static Optional<String> tmpfsPluginDir(Volume v) {
        if (v.getSecret() != null) {
            return Optional.of("kubernetes.io~secret");
        }
        if (v.getProjected() != null) {
            return Optional.of("kubernetes.io~projected");
        }
        if (v.getDownwardAPI() != null) {
            return Optional.of("kubernetes.io~downward-api");
        }
        if (v.getEmptyDir() != null && "Memory".equals(v.getEmptyDir().getMedium())) {
            return Optional.of("kubernetes.io~empty-dir");
        }
        return Optional.empty();
    }

    private Pod pod(int index) {
        return podOf(factory, index);
    }

    /** The pod comes last among its objects, after what it references. */
    private static Pod podOf(PodFactory factory, int index) {
        List<HasMetadata> objects = factory.objectsForPod(index);
        return (Pod) objects.get(objects.size() - 1);
    }

    private static long count(List<Volume> volumes, Predicate<Volume> kind) {
        return volumes.stream().filter(kind).count();
    }

    private static Set<String> names(List<HasMetadata> objects, Class<? extends HasMetadata> type) {
        return objects.stream().filter(type::isInstance).map(o -> o.getMetadata().getName())
                .collect(Collectors.toSet());
    }
}
