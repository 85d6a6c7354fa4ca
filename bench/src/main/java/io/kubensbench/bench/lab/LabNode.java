package io.kubensbench.bench.lab;

import io.kubensbench.bench.sampling.MountCounter;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.workloads.ids.Ids;
import io.kubensbench.workloads.lab.KubeletSim;
import io.kubensbench.workloads.spec.WorkloadSpec;
import io.kubensbench.workloads.time.Deadline;
import io.kubensbench.workloads.time.Durations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A lab node: the real systemd binary running as PID 1 of its own PID, mount, UTS, IPC and
 * cgroup namespaces, with kubelet-like processes started inside it the way a node starts
 * them. Nothing of it is visible on the host: its mounts live in namespaces with private
 * propagation, its writes on tmpfs inside them, its cgroups in a sub-cgroup of the harness's
 * own. A watchdog shell outside the lab owns the teardown, so closing this object, a signal
 * to the harness, or the harness being killed all end in the same clean state.
 */
public final class LabNode implements AutoCloseable {

    private static final String RESOURCES = "/io/kubensbench/bench/lab/";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(60);

    private final String id;
    private final Process watchdog;
    private final BufferedReader watchdogOut;
    private final long pid1;
    private final List<Process> started = new ArrayList<>();
    private final MountCounter mounts = new MountCounter(Path.of("/proc"));
    /** Where pod sandboxes pin their network namespaces; kubens.service makes it a mount point. */
    static final String NETNS_DIR = "/run/netns";
    /** Whether the running kubens.service made {@link #NETNS_DIR} a mount point, so turning it off undoes that. */
    private boolean netnsMadeByKubens;
    private final Thread shutdownHook;
    private boolean closed;

    private LabNode(String id, Process watchdog, BufferedReader watchdogOut, long pid1) {
        this.id = id;
        this.watchdog = watchdog;
        this.watchdogOut = watchdogOut;
        this.pid1 = pid1;
        this.shutdownHook = new Thread(this::close, "kubens-bench-lab-teardown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a lab node and waits until its systemd has finished booting. */
    public static LabNode start() throws IOException {
        Path systemd = LabPreconditions.check();
        String id = Ids.random();
        Path stage = Files.createTempDirectory("kubens-bench-lab-" + id + "-");
        List<CgroupHierarchy> hierarchies = CgroupHierarchy.discover();
        writeStage(stage, id, systemd, hierarchies);
        Process watchdog = new ProcessBuilder("setsid", "sh", stage.resolve("watchdog.sh").toString(),
                stage.toString(), id, affinity())
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(watchdog.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith("lab ")) {
            String rest = out.lines().collect(Collectors.joining("; "));
            watchdog.getOutputStream().close();
            throw new IOException("lab node did not start: " + (first == null ? "" : first) + " " + rest);
        }
        long unshare = Long.parseLong(first.substring(4).trim());
        LabNode node;
        try {
            node = new LabNode(id, watchdog, out, Procfs.firstChild(unshare, Duration.ofSeconds(10)));
        } catch (IOException e) {
            watchdog.getOutputStream().close();
            throw new IOException("lab node did not start: " + drain(out), e);
        }
        try {
            node.waitForBoot();
        } catch (IOException | RuntimeException e) {
            String console = node.console();
            node.close();
            throw new IOException(e.getMessage() + (console.isBlank() ? "" : "; systemd said: " + console.strip()), e);
        }
        return node;
    }

    private static void writeStage(Path stage, String id, Path systemd, List<CgroupHierarchy> hierarchies)
            throws IOException {
        for (String f : List.of("watchdog.sh", "setup.sh", "kubensenter")) {
            copyResource(f, stage.resolve(f));
        }
        Files.createDirectories(stage.resolve("units"));
        for (String u : List.of("kubens-lab.target", "kubens.service")) {
            copyResource("units/" + u, stage.resolve("units").resolve(u));
        }
        Files.writeString(stage.resolve("systemd"), systemd + "\n");
        StringBuilder cgroups = new StringBuilder();
        StringBuilder binds = new StringBuilder();
        for (CgroupHierarchy h : hierarchies) {
            cgroups.append(h.labDir(id)).append('\n');
            binds.append(h.mountPoint()).append(' ').append(h.labDir(id)).append('\n');
        }
        Files.writeString(stage.resolve("cgroups"), cgroups);
        Files.writeString(stage.resolve("binds"), binds);
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = LabNode.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            Files.copy(in, to);
        }
    }

    /** The CPUs the harness may use, restored for systemd after the pinned namespace set-up. */
    private static String affinity() {
        return "0-" + (Runtime.getRuntime().availableProcessors() - 1);
    }

    private void waitForBoot() throws IOException {
        Deadline deadline = Deadline.after(BOOT_TIMEOUT);
        Path socket = path("/run/systemd/private");
        while (!Files.exists(socket)) {
            if (!ProcessHandle.of(pid1).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IOException("lab node exited during set-up: " + drain(watchdogOut));
            }
            if (deadline.passed()) {
                throw new IOException("lab systemd did not open its control socket within "
                        + Durations.exact(BOOT_TIMEOUT));
            }
            Procfs.sleep(10);
        }
        ExecResult r = exec(BOOT_TIMEOUT, "systemctl", "is-system-running", "--wait");
        String state = r.stdout().strip();
        if (!state.equals("running") && !state.equals("degraded")) {
            throw new IOException("lab systemd did not finish booting (state '" + state + "')");
        }
    }

    public String id() {
        return id;
    }

    /** Host PID of the lab node's systemd. */
    public long systemdPid() {
        return pid1;
    }

    /** The lab's view of a path, readable from the host through /proc/PID/root. */
    public Path path(String labPath) {
        return Path.of("/proc/" + pid1 + "/root" + labPath);
    }

    /** What the lab's systemd wrote to its console (for diagnostics). */
    public String console() {
        try {
            return Files.readString(path("/run/lab/console"));
        } catch (IOException e) {
            return "";
        }
    }

    /** The prefix that runs a command inside the lab node's root namespaces. */
    List<String> enter(long pid, String... namespaces) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid)));
        cmd.addAll(List.of(namespaces));
        cmd.add("--");
        return cmd;
    }

    /** Runs a command in the lab node's root namespaces and waits for it. */
    public ExecResult exec(Duration timeout, String... command) throws IOException {
        List<String> cmd = enter(pid1, "-m", "-p", "-u", "-i");
        cmd.addAll(List.of(command));
        return ExecResult.run(cmd, timeout);
    }

    /** Starts a process inside the lab (it dies with the lab); returns the nsenter process. */
    public Process spawn(List<String> command) throws IOException {
        return spawn(new ProcessBuilder(command));
    }

    private Process spawn(ProcessBuilder builder) throws IOException {
        Process p = builder.start();
        synchronized (started) {
            started.add(p);
        }
        return p;
    }

    /**
     * Starts a long-running command in the lab node's root namespaces, as a host daemon runs
     * (a node probe, say); its output is the returned process's. It dies with the lab.
     */
    public Process startInNode(List<String> command) throws IOException {
        List<String> cmd = enter(pid1, "-m", "-p", "-u", "-i");
        cmd.addAll(command);
        return spawn(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD));
    }

    /** Counts mounts and reads namespace identities of the lab's processes. */
    public MountCounter mounts() {
        return mounts;
    }

    /** systemd's, the kubelet's and the runtime's mount namespaces, as the documented check reads them. */
    public NamespaceIdentities identities(long kubelet, long runtime) throws IOException {
        return new NamespaceIdentities(mounts.mntNs(pid1), mounts.mntNs(kubelet), mounts.mntNs(runtime));
    }

    /**
     * Starts kubens.service (encapsulation on) or stops it (off), as a node admin would.
     *
     * <p>Stopping is not all a real node does: there, switching encapsulation off is a
     * MachineConfig rollout, so the node reboots and comes up as if kubens.service had never
     * run. The unit leaves one thing behind outside its runtime directory: its last
     * {@code ExecStartPost} runs {@code ip netns add/delete} in the host's namespace to make
     * {@code /run/netns} a shared bind mount of itself (OCPBUGS-83562). That bind mount joins
     * {@code /run}'s peer group, so every network namespace pinned under it afterwards
     * propagates back to {@code /run} and appears twice in systemd's mount table: one extra
     * mount per pod (and one for {@code /run/netns}) in every later run with encapsulation off.
     * So switching off also takes that bind mount away when kubens.service made it, and an
     * off run holds exactly what an off run on a fresh node holds, whatever ran before.
     */
    public void setEncapsulation(boolean on) throws IOException {
        boolean netnsBefore = on && netnsMounted();
        ExecResult r = exec(Duration.ofSeconds(120), "systemctl", on ? "start" : "stop", "kubens.service");
        if (r.exitCode() != 0) {
            throw new IOException("systemctl " + (on ? "start" : "stop") + " kubens.service failed: "
                    + r.stderr().strip());
        }
        if (on) {
            netnsMadeByKubens = !netnsBefore && netnsMounted();
        } else if (netnsMadeByKubens) {
            ExecResult u = exec(Duration.ofSeconds(30), "umount", NETNS_DIR);
            if (u.exitCode() != 0) {
                throw new IOException("undoing kubens.service's " + NETNS_DIR + " bind mount failed: "
                        + u.stderr().strip());
            }
            netnsMadeByKubens = false;
        }
    }

    private boolean netnsMounted() throws IOException {
        return exec(Duration.ofSeconds(10), "mountpoint", "-q", NETNS_DIR).exitCode() == 0;
    }

    /** Whether kubens.service is active in the lab. */
    public boolean encapsulationActive() throws IOException {
        return exec(Duration.ofSeconds(10), "systemctl", "is-active", "--quiet", "kubens.service").exitCode() == 0;
    }

    /**
     * Starts the kubelet stand-in through the lab's kubensenter, so it lands in the kubens
     * namespace exactly when kubens.service is active, as kubelet does on a node.
     */
    public KubeletProcess startKubelet(WorkloadSpec shape) throws IOException {
        List<String> cmd = enter(pid1, "-m", "-p", "-u", "-i");
        cmd.add("/run/lab/bin/kubensenter");
        cmd.addAll(List.of(javaBinary(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-XX:-UsePerfData", "-Djava.io.tmpdir=/run/lab/tmp", "-Djna.tmpdir=/run/lab/tmp",
                "-Dkubens-bench.role=kubelet", "-cp", absoluteClassPath(),
                KubeletSim.class.getName(),
                "--containers", Integer.toString(shape.containersPerPod()),
                "--volumes", KubeletSim.formatVolumes(shape.volumesPerPod())));
        Process p = spawn(cmd);
        long pid = Procfs.firstChild(p.pid(), Duration.ofSeconds(10));
        return new KubeletProcess(p, pid);
    }

    /**
     * Starts a long-running process through kubensenter (a CRI-O stand-in for the namespace
     * check) or directly in the node's root namespace (a host process); returns its host PID.
     */
    public long startIdle(String name, boolean throughKubensenter) throws IOException {
        List<String> cmd = enter(pid1, "-m", "-p", "-u", "-i");
        if (throughKubensenter) {
            cmd.add("/run/lab/bin/kubensenter");
        }
        cmd.addAll(List.of("bash", "-c", "exec -a " + name + " sleep infinity"));
        Process p = spawn(new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD));
        long pid = Procfs.firstChild(p.pid(), Duration.ofSeconds(10));
        Procfs.awaitComm(pid, "sleep", Duration.ofSeconds(10));
        return pid;
    }

    /** A command line that runs {@code command} through the lab's kubensenter. */
    public List<String> kubensenterCommand(List<String> command) {
        List<String> cmd = enter(pid1, "-m", "-p", "-u", "-i");
        // The host's root file system is read-only in the lab; scratch space is on its /run.
        cmd.addAll(List.of("env", "TMPDIR=/run/lab/tmp"));
        cmd.add("/run/lab/bin/kubensenter");
        cmd.addAll(command);
        return cmd;
    }

    /** The harness's class path with absolute entries: the stand-in starts in another directory. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Stops everything: processes started in the lab, then the lab itself through the
     * watchdog, which removes the sub-cgroups and the staging directory. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook
        }
        synchronized (started) {
            for (Process p : started) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        try {
            OutputStream stop = watchdog.getOutputStream();
            stop.write('\n');
            stop.close();
        } catch (IOException e) {
            // the watchdog reads end-of-file just as well
        }
        try {
            drain(watchdogOut);
            if (!watchdog.waitFor(15, TimeUnit.SECONDS)) {
                watchdog.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String drain(BufferedReader r) {
        try {
            return r.lines().collect(Collectors.joining("; "));
        } catch (UncheckedIOException e) {
            return "";
        }
    }
}
