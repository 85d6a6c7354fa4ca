package io.kubensbench.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.mounts.PlannedMount;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kubelet stand-in on a real lab node: the planned mounts, thousands of them, none leaked. */
class KubeletSimMountsTest {

    @BeforeEach
    void requireLab() {
        LabAssumptions.assumeLab();
    }

    @Test
    void createsAndRemovesMoreThan5000MountsWithoutLeakingOne() throws Exception {
        WorkloadSpec shape = WorkloadSpec.defaults();
        int pods = 5000 / new MountPlan(shape).mountsPerPod() + 1;
        try (LabNode lab = LabNode.start(); KubeletProcess kubelet = lab.startKubelet(shape)) {
            long systemdStart = lab.mounts().count(lab.systemdPid());
            long kubeletStart = lab.mounts().count(kubelet.pid());
            List<String> uids = new ArrayList<>();
            int created = 0;
            for (int i = 0; i < pods; i++) {
                String uid = MountPlan.podUid("leak", i);
                created += kubelet.createPod(uid);
                uids.add(uid);
            }
            assertThat(created).isGreaterThanOrEqualTo(5000);
            assertThat(lab.mounts().count(kubelet.pid()) - kubeletStart).isEqualTo(created);
            assertThat(lab.mounts().count(lab.systemdPid()) - systemdStart).isEqualTo(created);
            assertThat(kubelet.call("stats")).contains("pods=" + pods, "mounts=" + created);
            int removed = 0;
            for (String uid : uids) {
                removed += kubelet.deletePod(uid);
            }
            assertThat(removed).isEqualTo(created);
            assertThat(lab.mounts().count(kubelet.pid())).isEqualTo(kubeletStart);
            assertThat(lab.mounts().count(lab.systemdPid())).isEqualTo(systemdStart);
            assertThat(kubelet.call("stats")).contains("pods=0", "mounts=0");
        }
    }

    @Test
    void everyPlannedMountIsThereWithItsFileSystemType() throws Exception {
        WorkloadSpec shape = WorkloadSpec.defaults();
        try (LabNode lab = LabNode.start(); KubeletProcess kubelet = lab.startKubelet(shape)) {
            String uid = MountPlan.podUid("types", 0);
            kubelet.createPod(uid);
            Map<String, String> fsTypes = fsTypesByMountPoint(kubelet.pid());
            List<PlannedMount> planned = new MountPlan(shape).forPod(uid).mounts();
            assertThat(planned).allSatisfy(m ->
                    assertThat(fsTypes.get(m.target())).as(m.kind() + " " + m.target()).isEqualTo(m.kind().fsType()));
            kubelet.deletePod(uid);
        }
    }

    /** Mount point to file system type, from a process's mountinfo (fields 5 and the one after " - "). */
    private static Map<String, String> fsTypesByMountPoint(long pid) throws Exception {
        Map<String, String> types = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "mountinfo"))) {
            String[] fields = line.split(" ");
            String[] after = line.substring(line.indexOf(" - ") + 3).split(" ");
            types.put(fields[4], after[0]);
        }
        return types;
    }

    @Test
    void aSecondCreateOfOnePodIsRefusedAndLeavesItsMountsAlone() throws Exception {
        try (LabNode lab = LabNode.start(); KubeletProcess kubelet = lab.startKubelet(WorkloadSpec.defaults())) {
            String uid = MountPlan.podUid("twice", 0);
            long start = lab.mounts().count(kubelet.pid());
            int n = kubelet.createPod(uid);
            assertThatThrownBy(() -> kubelet.createPod(uid)).hasMessageContaining("already exists");
            assertThat(lab.mounts().count(kubelet.pid()) - start).isEqualTo(n);
            assertThatThrownBy(() -> kubelet.deletePod(MountPlan.podUid("never", 0))).hasMessageContaining("no pod");
        }
    }
}
