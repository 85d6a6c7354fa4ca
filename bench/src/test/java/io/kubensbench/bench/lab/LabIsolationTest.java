package io.kubensbench.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The isolation rules of the lab: the host's mount table, /run/systemd and cgroup trees are
 * identical before and after a lab run, a run that throws, and a harness ended by SIGTERM or
 * killed by SIGKILL (checked within 5 s), and no lab process is left.
 */
class LabIsolationTest {

    private static final Duration SETTLE = Duration.ofSeconds(5);

    @BeforeEach
    void requireLab() {
        LabAssumptions.assumeLab();
    }

    @Test
    void aLabRunLeavesTheHostAsItWas() throws Exception {
        HostSnapshot before = HostSnapshot.take();
        long systemd;
        try (LabNode lab = LabNode.start()) {
            systemd = lab.systemdPid();
            assertThat(Files.readString(Path.of("/proc/" + systemd + "/comm")).strip()).isEqualTo("systemd");
            lab.setEncapsulation(true);
            try (KubeletProcess kubelet = lab.startKubelet(WorkloadSpec.defaults())) {
                for (int i = 0; i < 10; i++) {
                    kubelet.createPod(MountPlan.podUid("iso", i));
                }
                assertThat(HostSnapshot.take().mountinfo()).isEqualTo(before.mountinfo());
            }
        }
        assertHostClean(before);
    }

    @Test
    void aRunThatThrowsLeavesTheHostAsItWas() throws Exception {
        HostSnapshot before = HostSnapshot.take();
        assertThatThrownBy(() -> {
            try (LabNode lab = LabNode.start()) {
                KubeletProcess kubelet = lab.startKubelet(WorkloadSpec.defaults());
                kubelet.createPod(MountPlan.podUid("throw", 0));
                throw new IllegalStateException("mid-run failure");
            }
        }).hasMessage("mid-run failure");
        assertHostClean(before);
    }

    @Test
    void sigtermOfTheHarnessTearsTheLabDown() throws Exception {
        endHarness(false);
    }

    @Test
    void sigkillOfTheHarnessTearsTheLabDown() throws Exception {
        endHarness(true);
    }

    private void endHarness(boolean kill) throws Exception {
        HostSnapshot before = HostSnapshot.take();
        Process harness = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "io.kubensbench.bench.cli.Main", "lab", "shell", "--encapsulated", "--pods", "20", "--", "sleep", "600")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long systemd = waitForLab(harness);
        assertThat(HostSnapshot.foreignPidNamespaceProcesses()).contains(systemd);
        if (kill) {
            harness.destroyForcibly();
        } else {
            harness.destroy();
        }
        assertThat(harness.waitFor(SETTLE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertHostClean(before);
    }

    /** Reads the harness's stderr until it reports the lab's systemd PID. */
    private static long waitForLab(Process harness) throws IOException {
        Pattern p = Pattern.compile("systemd is host PID (\\d+)");
        BufferedReader err = new BufferedReader(new InputStreamReader(harness.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = err.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = p.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        harness.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        // harness gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("harness did not start a lab: " + seen);
    }

    /** Within 5 s: no lab process, and mounts, /run/systemd and cgroups as before. */
    private static void assertHostClean(HostSnapshot before) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        HostSnapshot after = HostSnapshot.take();
        List<Long> foreign = HostSnapshot.foreignPidNamespaceProcesses();
        while ((!after.equals(before) || !foreign.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            after = HostSnapshot.take();
            foreign = HostSnapshot.foreignPidNamespaceProcesses();
        }
        assertThat(foreign).as("processes left in a lab PID namespace").isEmpty();
        assertThat(after.mountinfo()).as("host mount table").isEqualTo(before.mountinfo());
        assertThat(after.runSystemd()).as("host /run/systemd").isEqualTo(before.runSystemd());
        assertThat(after.cgroupDirs()).as("host cgroup directories").isEqualTo(before.cgroupDirs());
        assertThat(after.cgroupDirs()).noneMatch(d -> d.contains("kubens-bench"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
