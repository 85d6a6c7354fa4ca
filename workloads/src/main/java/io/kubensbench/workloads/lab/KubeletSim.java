package io.kubensbench.workloads.lab;

import io.kubensbench.workloads.mounts.MountKind;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.mounts.PlannedMount;
import io.kubensbench.workloads.mounts.PodMounts;
import io.kubensbench.workloads.spec.Churn;
import io.kubensbench.workloads.spec.VolumeCounts;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The lab's kubelet stand-in. It runs inside the lab node, in whichever mount namespace the
 * lab's kubensenter put it (the node's root namespace when encapsulation is off, the kubens
 * namespace when on), and puts into that namespace exactly the mounts kubelet and CRI-O
 * would create for each pod, with real mount(2) calls. It is driven by a line protocol on
 * stdin/stdout so the harness stays outside the lab:
 *
 * <pre>
 * create UID      -> ok create UID MOUNTS MICROS
 * delete UID      -> ok delete UID MOUNTS MICROS
 * stats           -> ok stats pods=N mounts=N mountinfo=N
 * bench N         -> ok bench n=N jna_us=X exec_us=Y   (mount+umount pair, JNA vs mount(8))
 * quit            -> ok quit (after removing every pod)
 * anything wrong  -> err MESSAGE
 * </pre>
 *
 * It prints {@code ready pid=PID mntns=ID} once it accepts commands.
 */
public final class KubeletSim {

    private static final String BASE_LAYER = "l/kubens-bench-base";

    private final MountPlan plan;
    private final MountOps ops;
    private final Path scratch;
    /** Pins new namespaces from one dedicated thread: unshare(2) of net/ipc/uts is per thread. */
    private final ExecutorService pinner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sandbox-pinner");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, List<PlannedMount>> pods = new LinkedHashMap<>();
    private long mounted;

    KubeletSim(MountPlan plan, MountOps ops, Path scratch) {
        this.plan = plan;
        this.ops = ops;
        this.scratch = scratch;
    }

    public static void main(String[] args) throws IOException {
        WorkloadSpec spec = parseShape(args);
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
        KubeletSim sim = new KubeletSim(new MountPlan(spec), new MountOps(Libc.load()), scratch);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println("ready pid=" + ProcessHandle.current().pid() + " mntns="
                + Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")));
        String line;
        while ((line = in.readLine()) != null) {
            String reply = sim.handle(line.trim());
            out.println(reply);
            if (reply.startsWith("ok quit")) {
                return;
            }
        }
        sim.deleteAll();
    }

    /** {@code --containers N --volumes secret=4,projected=1,...}; defaults from WorkloadSpec. */
    static WorkloadSpec parseShape(String[] args) {
        WorkloadSpec d = WorkloadSpec.defaults();
        int containers = d.containersPerPod();
        VolumeCounts v = d.volumesPerPod();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--containers" -> containers = Integer.parseInt(args[i + 1]);
                case "--volumes" -> v = parseVolumes(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new WorkloadSpec(1, containers, v, new Churn(0));
    }

    static VolumeCounts parseVolumes(String s) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String kv : s.split(",")) {
            String[] p = kv.split("=", 2);
            m.put(p[0].trim(), Integer.parseInt(p[1].trim()));
        }
        return new VolumeCounts(m.getOrDefault("secret", 0), m.getOrDefault("projected", 0),
                m.getOrDefault("configMap", 0), m.getOrDefault("emptyDirMemory", 0),
                m.getOrDefault("downwardAPI", 0), m.getOrDefault("emptyDirDisk", 0));
    }

    /** The argument form of {@link #parseVolumes}, for the harness that starts the stand-in. */
    public static String formatVolumes(VolumeCounts v) {
        return "secret=" + v.secret() + ",projected=" + v.projected() + ",configMap=" + v.configMap()
                + ",emptyDirMemory=" + v.emptyDirMemory() + ",downwardAPI=" + v.downwardAPI()
                + ",emptyDirDisk=" + v.emptyDirDisk();
    }

    String handle(String line) {
        String[] w = line.split("\\s+");
        try {
            return switch (w[0]) {
                case "create" -> timed("create", w[1], () -> create(w[1]));
                case "delete" -> timed("delete", w[1], () -> delete(w[1]));
                case "stats" -> "ok stats pods=" + pods.size() + " mounts=" + mounted
                        + " mountinfo=" + countMountinfo();
                case "bench" -> bench(Integer.parseInt(w[1]));
                case "quit" -> {
                    deleteAll();
                    yield "ok quit";
                }
                default -> "err unknown command: " + w[0];
            };
        } catch (ArrayIndexOutOfBoundsException e) {
            return "err missing argument: " + line;
        } catch (Exception e) {
            return "err " + oneLine(e);
        }
    }

    private interface Op {
        int run() throws IOException;
    }

    private static String timed(String verb, String uid, Op op) throws IOException {
        long t0 = System.nanoTime();
        int n = op.run();
        return "ok " + verb + " " + uid + " " + n + " " + (System.nanoTime() - t0) / 1000;
    }

    int create(String uid) throws IOException {
        if (pods.containsKey(uid)) {
            throw new IOException("pod " + uid + " already exists");
        }
        PodMounts pm = plan.forPod(uid);
        List<PlannedMount> done = new ArrayList<>();
        pods.put(uid, done);
        try {
            List<PlannedMount> pins = new ArrayList<>();
            for (PlannedMount m : pm.mounts()) {
                if (m.kind() == MountKind.NSFS_PIN) {
                    pins.add(m);
                } else {
                    if (!pins.isEmpty()) {
                        pinAll(pins, done);
                        pins.clear();
                    }
                    mountOne(m, pm);
                    done.add(m);
                    mounted++;
                }
            }
            pinAll(pins, done);
        } catch (IOException e) {
            delete(uid);
            throw e;
        }
        return done.size();
    }

    private void mountOne(PlannedMount m, PodMounts pm) throws IOException {
        Path target = Path.of(m.target());
        switch (m.kind()) {
            case TMPFS_VOLUME -> {
                Files.createDirectories(target);
                ops.mount("tmpfs", m.target(), "tmpfs", Libc.MS_NOSUID | Libc.MS_NODEV, "mode=0755,size=1m");
            }
            case SANDBOX_SHM -> {
                Files.createDirectories(target);
                ops.mount("shm", m.target(), "tmpfs", Libc.MS_NOSUID | Libc.MS_NODEV, "mode=1777,size=65536k");
            }
            case OVERLAY_ROOTFS, SANDBOX_ROOTFS -> {
                Path layer = target.getParent();
                Path lower = layer.getParent().resolve(BASE_LAYER);
                Files.createDirectories(lower);
                Files.createDirectories(layer.resolve("diff"));
                Files.createDirectories(layer.resolve("work"));
                Files.createDirectories(target);
                ops.mount("overlay", m.target(), "overlay", Libc.MS_NODEV,
                        "lowerdir=" + lower + ",upperdir=" + layer.resolve("diff") + ",workdir=" + layer.resolve("work"));
            }
            case NSFS_PIN -> throw new IllegalStateException("pins go through pinAll");
        }
    }

    /**
     * Pins a sandbox's namespaces as CRI-O's pinns does: new net, ipc and uts namespaces,
     * each bind-mounted from /proc onto its file under /run/{net,ipc,uts}ns.
     */
    private void pinAll(List<PlannedMount> pins, List<PlannedMount> done) throws IOException {
        if (pins.isEmpty()) {
            return;
        }
        try {
            pinner.submit(() -> {
                ops.unshare(Libc.CLONE_NEWNET | Libc.CLONE_NEWIPC | Libc.CLONE_NEWUTS);
                String self = "/proc/" + ProcessHandle.current().pid() + "/task/" + ops.gettid() + "/ns/";
                for (PlannedMount m : pins) {
                    Path target = Path.of(m.target());
                    Files.createDirectories(target.getParent());
                    if (!Files.exists(target)) {
                        Files.createFile(target);
                    }
                    ops.mount(self + m.detail(), m.target(), null, Libc.MS_BIND, null);
                    done.add(m);
                    mounted++;
                }
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pinning namespaces", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    int delete(String uid) throws IOException {
        List<PlannedMount> done = pods.remove(uid);
        if (done == null) {
            throw new IOException("no pod " + uid);
        }
        IOException first = null;
        int n = 0;
        for (int i = done.size() - 1; i >= 0; i--) {
            PlannedMount m = done.get(i);
            try {
                ops.umount(m.target());
                mounted--;
                n++;
                removeLeftovers(m);
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        return n;
    }

    private static void removeLeftovers(PlannedMount m) throws IOException {
        Path target = Path.of(m.target());
        Files.deleteIfExists(target);
        if (m.kind() == MountKind.OVERLAY_ROOTFS || m.kind() == MountKind.SANDBOX_ROOTFS) {
            Path layer = target.getParent();
            deleteTree(layer);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    void deleteAll() {
        for (String uid : new ArrayList<>(pods.keySet())) {
            try {
                delete(uid);
            } catch (IOException e) {
                System.err.println("kubelet-sim: " + oneLine(e));
            }
        }
    }

    static long countMountinfo() throws IOException {
        try (var lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return lines.count();
        }
    }

    /**
     * Times n tmpfs mount+umount pairs through mount(2), then n through one mount(8) and one
     * umount(8) process each: the comparison that justifies driving mounts from the JVM.
     */
    String bench(int n) throws IOException, InterruptedException {
        Path dir = scratch.resolve("bench-mount");
        Files.createDirectories(dir);
        String target = dir.toString();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ops.mount("tmpfs", target, "tmpfs", 0, "size=1m");
            ops.umount(target);
        }
        long jna = System.nanoTime() - t0;
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", target);
            run("umount", target);
        }
        long exec = System.nanoTime() - t0;
        return String.format("ok bench n=%d jna_us=%.1f exec_us=%.1f", n, jna / 1e3 / n, exec / 1e3 / n);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed with exit " + p.exitValue());
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }
}
