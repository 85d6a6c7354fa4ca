package io.kubensbench.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabCapacityTest {

    @Test
    void readsTheKernelsLimit(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("mount-max"), "50000\n");

        assertThat(LabCapacity.readFrom(file).mountMax()).isEqualTo(50_000);
        assertThat(LabCapacity.readFrom(file).workloadMounts()).isEqualTo(49_000);
    }

    @Test
    void fallsBackToTheKernelDefaultWhenTheLimitCannotBeRead(@TempDir Path dir) throws IOException {
        assertThat(LabCapacity.readFrom(dir.resolve("absent")).mountMax()).isEqualTo(100_000);
        assertThat(LabCapacity.readFrom(Files.writeString(dir.resolve("junk"), "lots")).mountMax()).isEqualTo(100_000);
        assertThat(LabCapacity.readFrom(Files.writeString(dir.resolve("tiny"), "10")).mountMax()).isEqualTo(100_000);
    }

    @Test
    void thisMachinesLimitIsPositive() {
        assertThat(LabCapacity.ofThisMachine().mountMax()).isGreaterThan(LabCapacity.NODE_MOUNTS);
    }

    @Test
    void holdsUpToTheLimitLessTheNodesOwnMounts() {
        LabCapacity capacity = new LabCapacity(16_000);
        WorkloadSpec exactlyFull = WorkloadSpec.defaults().withPods(1_000); // 15 mounts a pod

        assertThat(capacity.refusal(exactlyFull)).isEmpty();
        assertThat(capacity.refusal(exactlyFull.withPods(1_001))).contains(
                "1001 pods x 15 mounts = 15015 mounts, more than a lab node holds (mount-max 16000)");
    }

    @Test
    void refusesMorePodsThanTheKubeletStandInServes() {
        assertThat(new LabCapacity(LabCapacity.DEFAULT_MOUNT_MAX).refusal(WorkloadSpec.defaults().withPods(5_000)))
                .isEmpty();
        assertThat(new LabCapacity(1_000_000).refusal(WorkloadSpec.defaults().withPods(5_001)))
                .contains("must be at most 5000 on a lab node (got 5001)");
    }
}
