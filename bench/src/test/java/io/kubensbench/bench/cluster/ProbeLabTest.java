package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.bench.cluster.NodeVerification.State;
import io.kubensbench.bench.lab.ExecResult;
import io.kubensbench.bench.lab.KubeletProcess;
import io.kubensbench.bench.lab.LabAssumptions;
import io.kubensbench.bench.lab.LabNode;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The probe inside a lab node, whose PID 1 is a real systemd and whose kubelet and runtime
 * stand-ins are started through kubensenter as on a node: the probe must read what the
 * product documentation's check reads, encapsulation off and on.
 */
class ProbeLabTest {

    @BeforeEach
    void requireLab() {
        LabAssumptions.assumeLab();
    }

    @Test
    void theProbeSeesSharedNamespacesWhenOffAndEncapsulationWhenOn() throws Exception {
        try (LabNode lab = LabNode.start()) {
            List<ProbeLine> off = probeWithStandIns(lab);
            lab.setEncapsulation(true);
            List<ProbeLine> on = probeWithStandIns(lab);

            for (ProbeLine line : off) {
                assertThat(line.comm1()).isEqualTo("systemd");
                assertThat(line.ns1()).isEqualTo(lab.mounts().mntNs(lab.systemdPid()));
                NodeVerification v = NodeVerification.of("lab", line);
                assertThat(v.state()).as(v.detail()).isEqualTo(State.NOT_ENCAPSULATED);
                assertThat(v.agreesWith(false)).isTrue();
            }
            for (ProbeLine line : on) {
                assertThat(line.comm1()).isEqualTo("systemd");
                NodeVerification v = NodeVerification.of("lab", line);
                assertThat(v.state()).as(v.detail()).isEqualTo(State.ENCAPSULATED);
                assertThat(v.systemd()).isEqualTo(off.get(0).ns1());
                assertThat(v.agreesWith(true)).isTrue();
            }
        }
    }

    /**
     * The probe as it runs by default, an unprivileged user who cannot read the links: the
     * root mount ids it compares give the same verdicts, off and on.
     */
    @Test
    void anUnprivilegedProbeTellsTheSameFromRootMountIds() throws Exception {
        try (LabNode lab = LabNode.start()) {
            List<ProbeLine> off = probeWithStandIns(lab, AS_NOBODY);
            lab.setEncapsulation(true);
            List<ProbeLine> on = probeWithStandIns(lab, AS_NOBODY);

            for (ProbeLine line : off) {
                assertThat(line.byLinks()).isFalse();
                assertThat(line.ns1()).isNull();
                NodeVerification v = NodeVerification.of("lab", line);
                assertThat(v.state()).as(v.detail()).isEqualTo(State.NOT_ENCAPSULATED);
                assertThat(v.systemd()).startsWith(ProbeLine.MOUNT_ID);
            }
            for (ProbeLine line : on) {
                NodeVerification v = NodeVerification.of("lab", line);
                assertThat(v.state()).as(v.detail()).isEqualTo(State.ENCAPSULATED);
                assertThat(v.systemd()).isEqualTo(off.get(0).systemdIdentity());
            }
        }
    }

    @Test
    void pid1sMountCountIsTheOneItsMountinfoHolds() throws Exception {
        try (LabNode lab = LabNode.start();
                KubeletProcess kubelet = lab.startKubelet(WorkloadSpec.defaults().withPods(3))) {
            for (int i = 0; i < 3; i++) {
                kubelet.createPod(MountPlan.podUid("probe", i));
            }
            List<ProbeLine> lines = probe(lab);

            assertThat(lines.get(lines.size() - 1).mounts1()).isEqualTo(lab.mounts().count(lab.systemdPid()));
            assertThat(lines).allSatisfy(l -> assertThat(l.pid1().startTimeTicks())
                    .isEqualTo(lines.get(0).pid1().startTimeTicks()));
        }
    }

    /** How the probe runs by default: as a user with no capabilities, not trying the links. */
    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid", "65534", "--regid", "65534",
            "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--", "env",
            "PROBE_NS_LINKS=0");

    private static List<ProbeLine> probeWithStandIns(LabNode lab) throws IOException {
        return probeWithStandIns(lab, List.of());
    }

    /** Starts kubelet and runtime stand-ins the way LabTarget enters an arm, probes, stops them. */
    private static List<ProbeLine> probeWithStandIns(LabNode lab, List<String> as) throws IOException {
        long runtime = -1;
        try (KubeletProcess kubelet = lab.startKubelet(WorkloadSpec.defaults().withPods(1))) {
            runtime = lab.startIdle("crio", true);
            List<ProbeLine> lines = probe(lab, as);
            assertThat(lines).allSatisfy(l -> {
                assertThat(l.kubeletNs()).isEqualTo(as.isEmpty() ? mntNs(lab, kubelet.pid()) : null);
                assertThat(l.kubeletCpu()).isNotNull();
            });
            return lines;
        } finally {
            if (runtime > 0) {
                ProcessHandle.of(runtime).ifPresent(ProbeLabTest::stop);
            }
        }
    }

    /** The lab's systemd version as the binary prints it ("systemd 252 (252.39-1~deb12u1)" gives 252). */
    private static final String SYSTEMD_VERSION = systemdVersion();

    private static String systemdVersion() {
        try {
            String first = ExecResult.run(List.of("systemd", "--version"), Duration.ofSeconds(10)).stdout().lines()
                    .findFirst().orElse("");
            return first.split(" ")[1];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** probe.sh in the lab's root namespaces; the stand-ins' comms are java (kubelet) and sleep (CRI-O). */
    private static List<ProbeLine> probe(LabNode lab) throws IOException {
        return probe(lab, List.of());
    }

    /** probe.sh run through {@code as} (another user); systemd's version needs ptrace, so only root reads it. */
    private static List<ProbeLine> probe(LabNode lab, List<String> as) throws IOException {
        List<String> command = new ArrayList<>(as);
        command.addAll(List.of("env", "KUBELET_COMM=java", "RUNTIME_COMM=sleep", "PROBE_INTERVAL=0.2", "NODE_NAME=lab",
                "timeout", "1.5", "sh", "-c", ProbeManifests.script()));
        ExecResult r = lab.exec(Duration.ofSeconds(30), command.toArray(String[]::new));
        assertThat(r.stdout()).startsWith("kbprobe v2 start node=lab interval=0.2 systemd="
                + (as.isEmpty() ? SYSTEMD_VERSION : "-") + " count=")
                .as("the lab's /dev/shm holds the snapshots, as a container's does")
                .containsPattern("^kbprobe v2 start .* count=(total|uniq)\n");
        List<ProbeLine> lines = r.stdout().lines().map(ProbeLine::parse).filter(Objects::nonNull).toList();
        assertThat(lines).as(r.stdout() + r.stderr()).hasSizeGreaterThanOrEqualTo(2);
        return lines;
    }

    /** Kills a stand-in and waits until it is gone, so the next probe cannot find it. */
    private static void stop(ProcessHandle process) {
        process.destroyForcibly();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("runtime stand-in " + process.pid() + " did not exit", e);
        }
    }

    private static String mntNs(LabNode lab, long pid) {
        try {
            return lab.mounts().mntNs(pid);
        } catch (IOException e) {
            throw new AssertionError("cannot read the mount namespace of " + pid, e);
        }
    }
}
