package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubensbench.bench.cluster.NodeVerification.State;
import io.kubensbench.bench.sampling.ClockTicks;
import io.kubensbench.bench.target.NamespaceIdentities;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probe script itself, run for real against this machine's /proc under each shell a
 * probe image may have: what it prints must be what the harness parses, and true.
 */
class ProbeScriptTest {

    private static final int LINES = 4;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash", "busybox"})
    void everyLineParsesAndTellsTheTruthAboutThisMachine(String shell) throws Exception {
        List<String> out = runProbe(shell, Map.of());

        // PID 1 here is whatever the machine runs; systemd= names a version only when it is systemd.
        assertThat(out.get(0)).startsWith("kbprobe v2 start node=test-node interval=0.2 systemd=")
                .as("GNU comm --total, or sort, uniq and wc").containsPattern(" count=(total|uniq)$");
        List<ProbeLine> lines = out.stream().map(ProbeLine::parse).filter(Objects::nonNull).toList();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(LINES);
        String bootId = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        String ns1 = linkOrNull(Path.of("/proc/1/ns/mnt"));
        for (int i = 0; i < lines.size(); i++) {
            ProbeLine line = lines.get(i);
            assertThat(line.seq()).isEqualTo(i + 1);
            assertThat(line.bootId()).isEqualTo(bootId);
            assertThat(line.hz()).isEqualTo(ClockTicks.perSecond());
            assertThat(line.mounts1()).isPositive();
            assertThat(line.comm1()).isEqualTo(Files.readString(Path.of("/proc/1/comm")).strip().replace(' ', '_'));
            assertThat(line.ns1()).isEqualTo(ns1);
            assertThat(line.pid1()).isNotNull();
            assertThat(line.machine().busyTicks()).isLessThanOrEqualTo(line.machine().totalTicks());
            assertThat(line.selfTicks()).isNotNegative();
            assertThat(line.probeStartTicks()).isPositive();
            assertThat(line.events1()).isNotNegative();
            assertThat(line.countedSeq()).isBetween(1L, line.seq());
            assertThat(line.countedUptimeNs()).isBetween(lines.get(0).uptimeNs(), line.uptimeNs());
            if (i == 0) {
                assertThat(line.countedHere()).as("the first line counts, whatever the budget").isTrue();
                assertThat(line.events1()).as("the first count is the baseline").isZero();
            }
            if (i > 0) {
                assertThat(line.events1()).isGreaterThanOrEqualTo(lines.get(i - 1).events1());
                assertThat(line.countedSeq()).isGreaterThanOrEqualTo(lines.get(i - 1).countedSeq());
                ProbeLine before = lines.get(i - 1);
                assertThat(line.uptimeNs()).isGreaterThan(before.uptimeNs());
                assertThat(line.pid1().startTimeTicks()).isEqualTo(before.pid1().startTimeTicks());
                assertThat(line.pid1().statTicks()).isGreaterThanOrEqualTo(before.pid1().statTicks());
                assertThat(line.pid1().schedNs()).isGreaterThanOrEqualTo(before.pid1().schedNs());
                assertThat(line.machine().totalTicks()).isGreaterThanOrEqualTo(before.machine().totalTicks());
                assertThat(line.selfTicks()).isGreaterThanOrEqualTo(before.selfTicks());
                assertThat(line.probePid()).isEqualTo(before.probePid());
            }
        }
    }

    /**
     * With stand-ins for kubelet and the runtime in this test's namespace, the verdict is
     * what Java reads from the same files: the links where the probe may read PID 1's (this
     * machine's PID 1 may not be ptrace-readable even by root), else the root mount ids.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash", "busybox"})
    void verificationOfThisMachineMatchesWhatJavaReads(String shell) throws Exception {
        ProbeLine line = probeWithStandIns(shell, Map.of(), List.of());

        String ns1 = linkOrNull(Path.of("/proc/1/ns/mnt"));
        String own = linkOrNull(Path.of("/proc/self/ns/mnt"));
        assertThat(line.ns1()).isEqualTo(ns1);
        assertThat(line.kubeletNs()).isEqualTo(own);
        assertThat(line.runtimeNs()).isEqualTo(own);
        assertThat(line.byLinks()).isEqualTo(ns1 != null);
        NamespaceIdentities ids = ns1 != null ? new NamespaceIdentities(ns1, own, own)
                : new NamespaceIdentities(rootMountId(1), rootMountId(ProcessHandle.current().pid()),
                        rootMountId(ProcessHandle.current().pid()));
        assertThat(line.identities()).isEqualTo(ids);
        NodeVerification v = NodeVerification.of("this-machine", line);
        assertThat(v.state()).isEqualTo(ids.shared() ? State.NOT_ENCAPSULATED : State.ENCAPSULATED);
    }

    /**
     * As an unprivileged user, without links (as the probe runs by default): the root mount
     * ids in the mountinfo any user may read tell the same as the links.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash", "busybox"})
    void anUnprivilegedProbeComparesRootMountIds(String shell) throws Exception {
        assumeTrue(isRoot() && executable("setpriv") != null, "needs root and setpriv to drop to nobody");
        ProbeLine line = probeWithStandIns(shell, Map.of("PROBE_NS_LINKS", "0"), List.of(executable("setpriv")
                .toString(), "--reuid", "65534", "--regid", "65534", "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs", "--"));

        assertThat(line.ns1()).isNull();
        assertThat(line.kubeletNs()).isNull();
        assertThat(line.byLinks()).isFalse();
        String own = rootMountId(ProcessHandle.current().pid());
        assertThat(line.identities()).isEqualTo(new NamespaceIdentities(rootMountId(1), own, own));
        assertThat(line.systemdVersion()).as("/proc/1/maps needs ptrace").isNull();
        assertThat(line.pid1()).as("stat and schedstat need no ptrace").isNotNull();
        assertThat(line.kubeletCpu().schedNs()).isNotNegative();
        assertThat(line.mounts1()).isPositive();
    }

    /**
     * With the links (a readlink fork each), the probe reads a process's link again only when
     * the process or its root mount id changed, which is exactly when it changed namespace: a
     * link rewritten under the same root mount (which a kernel never does) stays as first
     * read, and a kubelet that moves is seen moving on the next line.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dash", "bash", "busybox"})
    void aLinkIsReadAgainWhenTheRootMountIdSaysTheNamespaceChanged(String shell) throws Exception {
        FakeProc proc = FakeProc.create(tmp, List.of("27 1 0:27 / / rw - ext4 /dev/vda rw"));
        proc.process(4200, "kubelet", "mnt:[4026531841]", 27);
        Map<String, String> env = Map.of("PROC", proc.root().toString(), "PROBE_NS_LINKS", "1",
                "PROBE_INTERVAL", "0.1");
        try (ScriptProbe probe = ScriptProbe.start(tmp, shell, env, List.of())) {
            ProbeLine first = probe.nextLine(30);
            proc.namespace(4200, "mnt:[4026532555]", 27);
            List<ProbeLine> sameRoot = List.of(probe.nextLine(30), probe.nextLine(30), probe.nextLine(30));
            proc.namespace(4200, "mnt:[4026532901]", 3154);
            ProbeLine moved = null;
            for (int i = 0; i < 50 && (moved == null || moved.mountIds().kubelet().equals("mountid:27")); i++) {
                moved = probe.nextLine(30);
            }

            assertThat(first.kubeletPid()).isEqualTo(4200);
            assertThat(first.kubeletNs()).isEqualTo("mnt:[4026531841]");
            assertThat(sameRoot).allSatisfy(l -> assertThat(l.kubeletNs()).isEqualTo("mnt:[4026531841]"));
            assertThat(moved.kubeletNs()).isEqualTo("mnt:[4026532901]");
            assertThat(moved.mountIds().kubelet()).isEqualTo("mountid:3154");
        }
    }

    /** The probe's last line with kubelet and runtime stand-ins running; {@code prefix} runs the shell (as another user). */
    private ProbeLine probeWithStandIns(String shell, Map<String, String> env, List<String> prefix) throws Exception {
        Process kubelet = standIn("kbtk" + ProcessHandle.current().pid() % 100000);
        Process runtime = standIn("kbtr" + ProcessHandle.current().pid() % 100000);
        try {
            Map<String, String> all = new HashMap<>(env);
            all.put("KUBELET_COMM", comm(kubelet));
            all.put("RUNTIME_COMM", comm(runtime));
            List<String> out = runProbe(shell, all, prefix);
            ProbeLine line = out.stream().map(ProbeLine::parse).filter(Objects::nonNull).reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(line.kubeletPid()).isEqualTo(kubelet.pid());
            assertThat(line.runtimePid()).isEqualTo(runtime.pid());
            assertThat(line.kubeletCpu().schedNs()).as("single-threaded: schedstat printed").isNotNegative();
            return line;
        } finally {
            kubelet.destroyForcibly().waitFor();
            runtime.destroyForcibly().waitFor();
        }
    }

    /** {@code mountid:N}, N the id of the mount at / in the process's mountinfo, as Java reads it. */
    private static String rootMountId(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/mountinfo")).stream().map(l -> l.split(" "))
                .filter(f -> f[4].equals("/")).map(f -> ProbeLine.MOUNT_ID + f[0]).findFirst().orElseThrow();
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** A long sleep under a name of its own, so the probe finds exactly this process. */
    private Process standIn(String name) throws IOException {
        Path binary = tmp.resolve(name);
        Files.copy(executable("sleep"), binary);
        binary.toFile().setExecutable(true);
        return new ProcessBuilder(binary.toString(), "300").start();
    }

    private static String comm(Process p) throws IOException {
        return Files.readString(Path.of("/proc/" + p.pid() + "/comm")).strip();
    }

    /** Runs the probe until it has printed {@link #LINES} measurement lines (or 30 s passed), then kills it. */
    private List<String> runProbe(String shell, Map<String, String> env) throws Exception {
        return runProbe(shell, env, List.of());
    }

    private List<String> runProbe(String shell, Map<String, String> env, List<String> prefix) throws Exception {
        try (ScriptProbe probe = ScriptProbe.start(tmp, shell, env, prefix)) {
            return probe.lines(LINES, 30);
        }
    }

    private static Path executable(String name) {
        return ScriptProbe.executable(name);
    }

    private static String linkOrNull(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return null;
        }
    }
}
