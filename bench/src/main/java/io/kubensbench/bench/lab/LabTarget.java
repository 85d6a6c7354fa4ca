package io.kubensbench.bench.lab;

import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.campaign.LabTargetSpec;
import io.kubensbench.bench.sampling.MountCounter;
import io.kubensbench.bench.sampling.ProcessCpu;
import io.kubensbench.bench.sampling.ProcfsSampler;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.bench.sampling.Sampler;
import io.kubensbench.bench.sampling.Watched;
import io.kubensbench.bench.target.MountBase;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.bench.target.Settled;
import io.kubensbench.bench.target.Target;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign target made of one lab node. Arms switch by starting or stopping the lab's
 * kubens.service, then restarting the kubelet and CRI-O stand-ins through kubensenter, as a
 * node admin would; pods are mounted and unmounted by the kubelet stand-in.
 */
public final class LabTarget implements Target {

    private final String version;
    private LabNode lab;
    private ProcfsSampler procfs;
    private KubeletProcess kubelet;
    private long runtime = -1;
    private Encapsulation current = Encapsulation.OFF;
    /** Per arm state, the node's mounts with no pods when the state was first entered. */
    private final Map<Encapsulation, MountBase> bases = new EnumMap<>(Encapsulation.class);
    private final Deque<String> pods = new ArrayDeque<>();
    private String tag;
    private int nextPod;

    public LabTarget(String version) {
        this.version = version;
    }

    @Override
    public void prepare() throws IOException {
        procfs = ProcfsSampler.system();
        lab = LabNode.start();
    }

    @Override
    public List<String> nodes() {
        return List.of(node());
    }

    /**
     * The machine's name, not the lab node's: every lab node of a campaign runs on this machine,
     * so a campaign resumed with a fresh lab node stays one node in its analysis.
     */
    private String node() {
        return LabTargets.nodeName();
    }

    @Override
    public Environment describe() throws IOException {
        return LocalEnvironment.describe("lab", LabPreconditions.systemdBinary(), version, node());
    }

    static final Duration SETTLE_INTERVAL = Duration.ofMillis(500);
    private static final TargetTraits TRAITS = new LabTargetSpec().traits();

    @Override
    public TargetTraits traits() {
        return TRAITS;
    }

    @Override
    public Settled settle() throws IOException {
        long start = System.nanoTime();
        long deadline = start + (long) (TRAITS.settleLimitSeconds() * 1e9);
        ProcessCpu before = procfs.read(lab.systemdPid());
        long t0 = System.nanoTime();
        while (true) {
            Procfs.sleep(SETTLE_INTERVAL.toMillis());
            ProcessCpu now = procfs.read(lab.systemdPid());
            long t1 = System.nanoTime();
            double cores = (double) (now.schedNs() - before.schedNs()) / (t1 - t0);
            boolean idle = cores < TRAITS.idleCores();
            if (idle || t1 > deadline) {
                return new Settled(Duration.ofNanos(t1 - start), idle, cores, node());
            }
            before = now;
            t0 = t1;
        }
    }

    /** Arms switch in place on the lab and are proven per run by the namespace identities. */
    @Override
    public void requireArm(String arm, Encapsulation state) {
    }

    @Override
    public Map<String, NamespaceIdentities> enter(Encapsulation state, WorkloadSpec shape) throws IOException {
        undeploy();
        if (state != current) {
            lab.setEncapsulation(state == Encapsulation.ON);
            current = state;
        }
        kubelet = lab.startKubelet(shape);
        runtime = lab.startIdle("crio", true);
        bases.putIfAbsent(state, new MountBase(lab.mounts().count(lab.systemdPid()),
                lab.mounts().count(kubelet.pid())));
        return Map.of(node(), lab.identities(kubelet.pid(), runtime));
    }

    /** The running lab node, for tests that change it between runs. */
    LabNode labNode() {
        return lab;
    }

    @Override
    public Map<String, MountBase> mountBase() {
        MountBase base = current == null ? null : bases.get(current);
        return base == null ? Map.of() : Map.of(node(), base);
    }

    @Override
    public void deploy(WorkloadSpec workload, String podTag) throws IOException {
        tag = podTag;
        nextPod = 0;
        pods.clear();
        for (int i = 0; i < workload.pods(); i++) {
            addPod();
        }
    }

    private int addPod() throws IOException {
        String uid = MountPlan.podUid(tag, nextPod++);
        int n = kubelet.createPod(uid);
        pods.addLast(uid);
        return n;
    }

    /**
     * Replaces the oldest pod with a new one at the churn rate, from one thread (the kubelet
     * stand-in's protocol is sequential), on fixed deadlines so a slow replacement does not
     * lower the rate.
     */
    @Override
    public Churn startChurn(WorkloadSpec workload) {
        double rate = workload.churn().podsPerSecond();
        if (rate <= 0 || pods.isEmpty()) {
            return Churn.none();
        }
        LabChurn churn = new LabChurn(Duration.ofNanos((long) (1e9 / rate)));
        churn.thread.start();
        return churn;
    }

    private final class LabChurn implements Runnable, Churn {
        private final Thread thread = new Thread(this, "pod-churn");
        private final Duration period;
        private volatile boolean stopping;
        private volatile long events;
        private IOException error;

        LabChurn(Duration period) {
            thread.setDaemon(true);
            this.period = period;
        }

        @Override
        public void run() {
            long next = System.nanoTime() + period.toNanos();
            try {
                while (!stopping) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        continue;
                    }
                    events += kubelet.deletePod(pods.removeFirst());
                    events += addPod();
                    next += period.toNanos();
                }
            } catch (IOException e) {
                error = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public long events(String node) {
            return events;
        }

        @Override
        public void stop() throws IOException {
            stopping = true;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the pod churn", e);
            }
            if (error != null) {
                throw new IOException("pod churn failed: " + error.getMessage(), error);
            }
        }
    }

    /** Samples systemd, the kubelet stand-in and the harness from this machine's /proc. */
    @Override
    public Map<String, SampleSource> sources() {
        List<Watched> watched = List.of(new Watched(Watched.SYSTEMD, lab.systemdPid(), true),
                new Watched(Watched.KUBELET, kubelet.pid(), true),
                new Watched(Watched.HARNESS, ProcessHandle.current().pid(), false));
        return Map.of(node(), new Sampler(procfs, new MountCounter(Path.of("/proc")), watched, 1,
                Sampler.MOUNT_BUDGET));
    }

    @Override
    public void undeploy() {
        if (kubelet != null) {
            kubelet.close();
            kubelet = null;
        }
        if (runtime > 0) {
            ProcessHandle.of(runtime).ifPresent(ProcessHandle::destroyForcibly);
            runtime = -1;
        }
        pods.clear();
    }

    @Override
    public void close() {
        undeploy();
        if (lab != null) {
            lab.close();
        }
        if (procfs != null) {
            procfs.close();
        }
    }
}
