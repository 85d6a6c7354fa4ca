package io.kubensbench.bench.cluster;

import io.kubensbench.bench.lab.KubeletProcess;
import io.kubensbench.bench.lab.LabNode;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A cluster node that is a lab node: the real systemd as PID 1, the kubelet stand-in mounting
 * each pod the mock API server says is on the node, kubens.service switched when the
 * MachineConfig changes (kubelet and CRI-O then restart through kubensenter, as on a node),
 * and the probe's own script running in the node as the unprivileged user the DaemonSet runs
 * it as, whose lines are the probe's log. Behind the
 * API, the cluster code path then measures a real systemd.
 */
final class LabBackedNode implements MockNodes.Machine {

    /**
     * Mounts the kubelet stand-in made or removed for one pod, between two readings of the
     * node's uptime: the mount(2) calls happened in between.
     */
    record MountOp(long beforeNs, long afterNs, int mounts) {
    }

    /** A probe line, and the node's uptime when it was read from the probe: its count was made before then. */
    record Arrival(ProbeLine line, long arrivedNs) {
    }

    private final List<MountOp> ops = new CopyOnWriteArrayList<>();
    private final Map<Long, Arrival> arrivals = new ConcurrentHashMap<>();

    private final LabNode lab;
    private final WorkloadSpec shape;
    private final Process probe;
    private final Thread reader;
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final Set<String> mounted = new HashSet<>();
    private KubeletProcess kubelet;
    private long runtime = -1;
    private boolean encapsulated;

    /** The probe's user in the node, as the DaemonSet sets it. */
    private static final String UID = Long.toString(ProbePrivileges.UID);

    LabBackedNode(LabNode lab, WorkloadSpec shape, String interval) throws IOException {
        this.lab = lab;
        this.shape = shape;
        startKubelet();
        // As the probe runs by default: an unprivileged user that compares root mount ids. Its
        // mount counts get 10 times the DaemonSet's budget, so that a test's short window holds
        // several (the budget's own rule is ProbeCountScriptTest's).
        probe = lab.startInNode(List.of("setpriv", "--reuid", UID, "--regid", UID, "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs", "--", "env", "KUBELET_COMM=java", "RUNTIME_COMM=sleep",
                "PROBE_INTERVAL=" + interval, "PROBE_NS_LINKS=0", "PROBE_MOUNT_BUDGET_PPM=20000", "NODE_NAME=lab", "sh",
                "-c", ProbeManifests.script()));
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(probe.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    long arrived = uptimeNs();
                    lines.add(line);
                    try {
                        ProbeLine parsed = ProbeLine.parse(line);
                        if (parsed != null) {
                            arrivals.put(parsed.seq(), new Arrival(parsed, arrived));
                        }
                    } catch (IllegalArgumentException e) {
                        // the harness's stream counts it as malformed; no arrival to keep
                    }
                }
            } catch (IOException e) {
                // the probe ended with the node
            }
        }, "lab-probe-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void startKubelet() throws IOException {
        kubelet = lab.startKubelet(shape);
        runtime = lab.startIdle("crio", true);
    }

    private void stopKubelet() {
        if (kubelet != null) {
            kubelet.close();
            kubelet = null;
        }
        if (runtime > 0) {
            long pid = runtime;
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().join();
            });
            runtime = -1;
        }
        mounted.clear();
    }

    /** Mounts the pods that came, unmounts the ones that went: what kubelet and CRI-O do. */
    @Override
    public void pods(Set<String> names) throws IOException {
        for (String gone : Set.copyOf(mounted)) {
            if (!names.contains(gone)) {
                long before = uptimeNs();
                int n = kubelet.deletePod(gone);
                ops.add(new MountOp(before, uptimeNs(), n));
                mounted.remove(gone);
            }
        }
        for (String pod : names) {
            if (mounted.add(pod)) {
                long before = uptimeNs();
                int n = kubelet.createPod(pod);
                ops.add(new MountOp(before, uptimeNs(), n));
            }
        }
    }

    /** Every pod the stand-in mounted or unmounted, in order. */
    List<MountOp> ops() {
        return List.copyOf(ops);
    }

    /** The probe's line of {@code seq}, with when it was read; null when there is none. */
    Arrival arrival(long seq) {
        return arrivals.get(seq);
    }

    /** The node's uptime (CLOCK_BOOTTIME, as the probe's lines give it), 10 ms resolution. */
    static long uptimeNs() {
        try {
            String up = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
            return Math.round(Double.parseDouble(up) * 100) * 10_000_000L;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts or stops kubens.service and restarts kubelet and CRI-O through kubensenter. */
    @Override
    public void switchTo(boolean on) throws IOException {
        stopKubelet();
        lab.setEncapsulation(on);
        encapsulated = on;
        startKubelet();
    }

    @Override
    public boolean encapsulated() {
        return encapsulated;
    }

    @Override
    public void tick(Consumer<String> out) {
    }

    @Override
    public void drain(Consumer<String> out) {
        for (String line = lines.poll(); line != null; line = lines.poll()) {
            out.accept(line);
        }
    }

    @Override
    public void close() {
        probe.destroyForcibly();
        stopKubelet();
    }
}
