package io.kubensbench.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab's sub-cgroup goes below the harness's own cgroup, on v1, v2 and hybrid hosts. */
class CgroupHierarchyTest {

    private static final List<String> HYBRID_MOUNTINFO = List.of(
            "21 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
            "25 24 0:22 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "26 25 0:23 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
            "27 25 0:24 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
            "28 25 0:25 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd",
            "29 25 0:26 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw",
            "30 21 0:27 / /mnt/elsewhere rw,relatime - cgroup2 cgroup2 rw");
    private static final List<String> HYBRID_CGROUP = List.of(
            "9:name=systemd:/user.slice",
            "4:memory:/sandbox/abc",
            "1:cpu:/",
            "0::/user.slice/session-1.scope");

    @Test
    void hybridHostGetsOneSubCgroupPerHierarchyBelowTheHarness() {
        List<CgroupHierarchy> h = CgroupHierarchy.discover(HYBRID_MOUNTINFO, HYBRID_CGROUP);
        assertThat(h).extracting(CgroupHierarchy::mountPoint).containsExactly(
                Path.of("/sys/fs/cgroup/cpu"), Path.of("/sys/fs/cgroup/memory"),
                Path.of("/sys/fs/cgroup/systemd"), Path.of("/sys/fs/cgroup/unified"));
        assertThat(h).extracting(c -> c.labDir("x1")).containsExactly(
                Path.of("/sys/fs/cgroup/cpu/kubens-bench-x1"),
                Path.of("/sys/fs/cgroup/memory/sandbox/abc/kubens-bench-x1"),
                Path.of("/sys/fs/cgroup/systemd/user.slice/kubens-bench-x1"),
                Path.of("/sys/fs/cgroup/unified/user.slice/session-1.scope/kubens-bench-x1"));
    }

    @Test
    void pureV2HostGetsOneSubCgroup() {
        List<CgroupHierarchy> h = CgroupHierarchy.discover(
                List.of("30 21 0:27 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate"),
                List.of("0::/system.slice/ci.service"));
        assertThat(h).containsExactly(new CgroupHierarchy(Path.of("/sys/fs/cgroup"),
                Path.of("/sys/fs/cgroup/system.slice/ci.service")));
    }

    @Test
    void aHierarchyMountedBelowItsRootIsResolvedRelativeToThatRoot() {
        List<CgroupHierarchy> h = CgroupHierarchy.discover(
                List.of("30 21 0:27 /kubepods/pod1 /sys/fs/cgroup rw - cgroup2 cgroup2 rw"),
                List.of("0::/kubepods/pod1/ctr"));
        assertThat(h.get(0).harnessDir()).isEqualTo(Path.of("/sys/fs/cgroup/ctr"));
    }
}
