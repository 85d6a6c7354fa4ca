package io.kubensbench.workloads.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadSpecTest {

    @Test
    void defaultsAreFiftySteadyPodsOfTwoContainersWithTypicalVolumes() {
        WorkloadSpec spec = WorkloadSpec.defaults();

        assertThat(spec.pods()).isEqualTo(50);
        assertThat(spec.containersPerPod()).isEqualTo(2);
        assertThat(spec.churn().podsPerSecond()).isZero();
        assertThat(spec.volumesPerPod()).isEqualTo(new VolumeCounts(4, 1, 2, 2, 1, 0));
        assertThat(spec.volumesPerPod().total()).isEqualTo(10);
    }

    @Test
    void countReadsEachKind() {
        VolumeCounts counts = new VolumeCounts(1, 2, 3, 4, 5, 6);

        assertThat(Stream.of(VolumeKind.values()).mapToInt(counts::count))
                .containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(counts.total()).isEqualTo(21);
    }

    @Test
    void withPodsChangesOnlyThePodCount() {
        WorkloadSpec spec = WorkloadSpec.defaults().withPods(200);

        assertThat(spec).isEqualTo(new WorkloadSpec(200, 2, VolumeCounts.defaults(), Churn.none()));
    }

    @Test
    void withPodsValidatesTheNewCount() {
        assertThatThrownBy(() -> WorkloadSpec.defaults().withPods(0))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("workload.pods: must be at least 1 (got 0)");
    }

    static Stream<Arguments> invalidSpecs() {
        VolumeCounts ok = VolumeCounts.defaults();
        return Stream.of(
                Arguments.of((Runnable) () -> new WorkloadSpec(0, 2, ok, Churn.none()),
                        "workload.pods", "must be at least 1 (got 0)"),
                Arguments.of((Runnable) () -> new WorkloadSpec(100_001, 2, ok, Churn.none()),
                        "workload.pods", "must be at most 100000 (got 100001)"),
                Arguments.of((Runnable) () -> new WorkloadSpec(1, 0, ok, Churn.none()),
                        "workload.containersPerPod", "must be between 1 and 64 (got 0)"),
                Arguments.of((Runnable) () -> new WorkloadSpec(1, 65, ok, Churn.none()),
                        "workload.containersPerPod", "must be between 1 and 64 (got 65)"),
                Arguments.of((Runnable) () -> new WorkloadSpec(1, 1, null, Churn.none()),
                        "workload.volumesPerPod", "is required"),
                Arguments.of((Runnable) () -> new WorkloadSpec(1, 1, ok, null),
                        "workload.churn", "is required"),
                Arguments.of((Runnable) () -> new Churn(-2),
                        "workload.churn.podsPerSecond", "must be between 0 and 1000 (got -2.0)"),
                Arguments.of((Runnable) () -> new Churn(Double.NaN),
                        "workload.churn.podsPerSecond", "must be between 0 and 1000 (got NaN)"),
                Arguments.of((Runnable) () -> new Churn(1000.5),
                        "workload.churn.podsPerSecond", "must be between 0 and 1000 (got 1000.5)"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalidSpecs")
    void rejectsOutOfRangeFieldsNamingTheField(Runnable construction, String path, String problem) {
        assertThatThrownBy(construction::run)
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e).hasMessage(path + ": " + problem);
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }

    static Stream<Arguments> volumeKinds() {
        return Stream.of(
                Arguments.of("secret", (IntFunction<VolumeCounts>) n -> new VolumeCounts(n, 0, 0, 0, 0, 0)),
                Arguments.of("projected", (IntFunction<VolumeCounts>) n -> new VolumeCounts(0, n, 0, 0, 0, 0)),
                Arguments.of("configMap", (IntFunction<VolumeCounts>) n -> new VolumeCounts(0, 0, n, 0, 0, 0)),
                Arguments.of("emptyDirMemory", (IntFunction<VolumeCounts>) n -> new VolumeCounts(0, 0, 0, n, 0, 0)),
                Arguments.of("downwardAPI", (IntFunction<VolumeCounts>) n -> new VolumeCounts(0, 0, 0, 0, n, 0)),
                Arguments.of("emptyDirDisk", (IntFunction<VolumeCounts>) n -> new VolumeCounts(0, 0, 0, 0, 0, n)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("volumeKinds")
    void rejectsVolumeCountsOutsideZeroTo256(String field, IntFunction<VolumeCounts> counts) {
        assertThat(counts.apply(0).total()).isZero();
        assertThat(counts.apply(256).total()).isEqualTo(256);
        assertThatThrownBy(() -> counts.apply(-1))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("workload.volumesPerPod." + field + ": must be between 0 and 256 (got -1)");
        assertThatThrownBy(() -> counts.apply(257))
                .hasMessage("workload.volumesPerPod." + field + ": must be between 0 and 256 (got 257)");
    }

    @Test
    void volumeNamesAreKindPrefixedAndIndexed() {
        assertThat(VolumeKind.SECRET.volumeName(0)).isEqualTo("secret-0");
        assertThat(VolumeKind.PROJECTED.volumeName(3)).isEqualTo("kube-api-access-3");
        assertThat(VolumeKind.EMPTY_DIR_MEMORY.volumeName(1)).isEqualTo("empty-dir-memory-1");
    }
}
