package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.bench.target.Settled;
import io.kubensbench.bench.target.Target;
import io.kubensbench.bench.sampling.ProcessCpu;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.workloads.cluster.CleanupReport;
import io.kubensbench.workloads.cluster.ClusterWorkload;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
import io.kubensbench.workloads.cluster.RateLimiter;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A campaign target made of a cluster's selected nodes, all measured at once. A probe
 * DaemonSet reads PID 1's counters on each node; each node gets the level's pods, pinned to
 * it; arms switch by the Machine Config Operator ({@code machineconfig}) or are only checked
 * ({@code manual}). Everything created carries the campaign's run label, and {@link #close}
 * removes it by that label, also after Ctrl-C.
 */
public final class ClusterTarget implements Target {

    /** How long kubelet and crio may take to show up in the probe's lines after a switch. */
    static final Duration IDENTITIES_WAIT = Duration.ofMinutes(2);

    /**
     * How long each step may take, and how often a rollout is polled; the defaults suit a real
     * cluster.
     *
     * @param rolloutGrace how long a pool may show no sign of a change before it counts as having none
     */
    public record Timeouts(Duration probeReady, Duration rollout, Duration cleanupWait, Duration rolloutPoll,
            Duration rolloutGrace) {
        public static Timeouts defaults() {
            return new Timeouts(Duration.ofMinutes(5), ClusterEncapsulation.DEFAULT_TIMEOUT, Duration.ofMinutes(2),
                    ClusterEncapsulation.DEFAULT_POLL_INTERVAL, ClusterEncapsulation.DEFAULT_GRACE_PERIOD);
        }
    }

    /** Opens the log of a node's probe pod; tests feed lines instead. */
    interface ProbeLogs {
        ProbeStream open(NodeProbe probe, String node, String pod);
    }

    private final KubernetesClient client;
    private final ClusterTargetSpec spec;
    private final String runId;
    private final String version;
    private final Duration interval;
    private final ClusterWorkloadOptions options;
    private final Timeouts timeouts;
    private final Consumer<String> log;
    private final RateLimiter limiter;
    private final ClusterManifests manifests;
    /** The selected nodes by name, as listed when the campaign started. */
    private final Map<String, Node> selected = new LinkedHashMap<>();
    private final Map<String, ProbeStream> streams = new LinkedHashMap<>();
    private final Map<String, ClusterWorkload> workloads = new LinkedHashMap<>();
    private final ProbeLogs logs;
    private NodeProbe probe;
    private int mountsPerPod;
    private Encapsulation last;

    public ClusterTarget(KubernetesClient client, ClusterTargetSpec spec, String runId, String version,
            Duration interval, ClusterWorkloadOptions options, Timeouts timeouts, Consumer<String> log) {
        this(client, spec, runId, version, interval, options, timeouts, log, NodeProbe::stream);
    }

    ClusterTarget(KubernetesClient client, ClusterTargetSpec spec, String runId, String version,
            Duration interval, ClusterWorkloadOptions options, Timeouts timeouts, Consumer<String> log,
            ProbeLogs logs) {
        this.logs = logs;
        this.client = client;
        this.spec = spec;
        this.runId = runId;
        this.version = version;
        this.interval = interval;
        this.options = options;
        this.timeouts = timeouts;
        this.log = log;
        this.limiter = new RateLimiter(options.qps(), options.burst());
        this.manifests = new ClusterManifests(spec, runId);
    }

    /** A fresh run id: eight hex digits, a valid label value and short enough for every derived name. */
    public static String newRunId() {
        return java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(4));
    }

    /** The label value on everything this campaign creates; {@code cleanup --run-id} takes it. */
    public String runId() {
        return runId;
    }

    @Override
    public void prepare() throws IOException {
        for (Node node : selectNodes()) {
            selected.put(node.getMetadata().getName(), node);
        }
        if (ClusterTargetSpec.MACHINECONFIG.equals(spec.encapsulation()) && roles().isEmpty()) {
            throw new ClusterAccessException("the selected nodes carry no node-role.kubernetes.io/worker or /master"
                    + " label, so no MachineConfigPool is theirs: select pool members, or use encapsulation: manual");
        }
        log.accept("run id " + runId + ": " + selected.size() + " node(s) " + String.join(", ", selected.keySet())
                + "; leftovers of an aborted run go with: kubens-bench cleanup --run-id " + runId);
        try {
            client.namespaces().resource(manifests.namespace()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw ApiErrors.explain(e, "create", "namespaces");
            }
        }
        probe = new NodeProbe(client, manifests.probeNamespaceName(), spec.image(), runId, interval, spec.nodeSelector());
        probe.deploy();
        openStreams();
    }

    /** Ready nodes that match the selector, by name. */
    private List<Node> selectNodes() throws IOException {
        List<Node> nodes;
        try {
            nodes = client.nodes().withLabels(spec.nodeSelector()).list().getItems();
        } catch (KubernetesClientException e) {
            throw ApiErrors.explain(e, "list", "nodes");
        }
        // Checked here too: the selector's "key=" (an empty value) is easy to get wrong on the way.
        nodes = nodes.stream().filter(n -> matches(n, spec.nodeSelector())).toList();
        List<Node> ready = nodes.stream().filter(ClusterTarget::isReady)
                .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName())).toList();
        if (ready.isEmpty()) {
            throw new ClusterAccessException("no Ready node matches target.cluster.nodeSelector "
                    + spec.nodeSelector() + " (" + nodes.size() + " match, none Ready)");
        }
        return ready;
    }

    private static boolean matches(Node node, Map<String, String> selector) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static boolean isReady(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        for (NodeCondition c : node.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private static String hostname(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        String h = labels == null ? null : labels.get(ClusterManifests.HOSTNAME_LABEL);
        return h == null ? node.getMetadata().getName() : h;
    }

    /** The Machine Config pools of the selected nodes. */
    private Set<String> roles() {
        Set<String> roles = new LinkedHashSet<>();
        selected.values().forEach(n -> roles.addAll(MachineConfigs.rolesOf(n)));
        return roles;
    }

    private void openStreams() throws IOException {
        closeStreams();
        Map<String, String> pods = probe.awaitReady(timeouts.probeReady());
        for (String node : selected.keySet()) {
            String pod = pods.get(node);
            if (pod == null) {
                throw new IOException("the probe has no pod on node " + node + " (is it schedulable for DaemonSets?)");
            }
            streams.put(node, logs.open(probe, node, pod));
        }
    }

    private void closeStreams() {
        streams.values().forEach(ProbeStream::close);
        streams.clear();
    }

    @Override
    public List<String> nodes() {
        return List.copyOf(selected.keySet());
    }

    @Override
    public Environment describe() throws IOException {
        Set<String> kernels = new TreeSet<>();
        Set<String> images = new TreeSet<>();
        int cpus = 0;
        long memory = 0;
        for (Node node : selected.values()) {
            if (node.getStatus() == null || node.getStatus().getNodeInfo() == null) {
                continue;
            }
            kernels.add(node.getStatus().getNodeInfo().getKernelVersion());
            images.add(node.getStatus().getNodeInfo().getOsImage() + ", " + node.getStatus().getNodeInfo()
                    .getContainerRuntimeVersion());
            cpus = Math.max(cpus, (int) node.getStatus().getCapacity().get("cpu").getNumericalAmount().longValue());
            memory = Math.max(memory, node.getStatus().getCapacity().get("memory").getNumericalAmount().longValue());
        }
        Set<String> versions = new TreeSet<>();
        for (ProbeLine line : freshLines().values()) {
            String v = line.systemdVersion();
            if (v != null) {
                versions.add(v);
            }
        }
        String systemd = versions.isEmpty() ? "not read (" + String.join("; ", images) + ")" : String.join(", ", versions);
        String clusterVersion;
        try {
            var v = client.getKubernetesVersion();
            clusterVersion = v == null ? null : v.getGitVersion() != null ? v.getGitVersion()
                    : v.getMajor() == null ? null : v.getMajor() + "." + v.getMinor();
        } catch (KubernetesClientException e) {
            throw ApiErrors.explain(e, "get", "the API server's /version");
        }
        return new Environment(version, "cluster", InetAddress.getLocalHost().getHostName(), String.join(", ", kernels),
                systemd, String.join("; ", images), cpus, memory,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), null,
                Instant.now().toString(), clusterVersion, nodes());
    }

    @Override
    public TargetTraits traits() {
        return spec.traits(runId);
    }

    /**
     * Waits until PID 1 is below the traits' idle share on every node over the same interval,
     * or the settle limit; all nodes are read each round, so a round takes one probe interval
     * however many nodes there are.
     */
    @Override
    public Settled settle() throws IOException {
        TargetTraits traits = traits();
        long start = System.nanoTime();
        long deadline = start + (long) (traits.settleLimitSeconds() * 1e9);
        Map<String, ProbeLine> before = freshLines();
        while (true) {
            Map<String, ProbeLine> now = freshLines();
            boolean settled = true;
            double busiest = Double.NaN;
            String busiestNode = null;
            for (String node : selected.keySet()) {
                double rate = rate(before.get(node), now.get(node));
                if (!(rate < traits.idleCores())) {
                    settled = false;
                }
                if (busiestNode == null || !(rate <= busiest)) {
                    busiest = rate;
                    busiestNode = node;
                }
            }
            before = now;
            if (settled || System.nanoTime() > deadline) {
                return new Settled(Duration.ofNanos(System.nanoTime() - start), settled, busiest, busiestNode);
            }
        }
    }

    /**
     * Fresh lines once every node's probe has found kubelet and crio (or after
     * {@link #IDENTITIES_WAIT}): after a reboot or a restart they come up after the probe,
     * which looks for them again every few lines.
     */
    private Map<String, ProbeLine> identifiedLines() throws IOException {
        long deadline = System.nanoTime() + IDENTITIES_WAIT.toNanos();
        Map<String, ProbeLine> lines = freshLines();
        while (lines.values().stream().anyMatch(l -> l.identities() == null) && System.nanoTime() < deadline) {
            lines = freshLines();
        }
        return lines;
    }

    /** PID 1's share of a core between two lines; NaN across a reboot, a restart or unknown counters. */
    static double rate(ProbeLine a, ProbeLine b) {
        ProcessCpu x = a.systemdCpu();
        ProcessCpu y = b.systemdCpu();
        long elapsed = b.uptimeNs() - a.uptimeNs();
        if (x == null || y == null || x.resetReason(y) != null || elapsed <= 0) {
            return Double.NaN;
        }
        return (double) (y.schedNs() - x.schedNs()) / elapsed;
    }

    /**
     * A line from every node printed after this call began: one probe interval, then a wait
     * only for the nodes whose line has not come yet.
     */
    private Map<String, ProbeLine> freshLines() throws IOException {
        Map<String, Long> seen = new LinkedHashMap<>();
        streams.forEach((node, stream) -> seen.put(node, stream.latest() == null ? -1 : stream.latest().seq()));
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the probes");
        }
        Map<String, ProbeLine> lines = new LinkedHashMap<>();
        for (String node : selected.keySet()) {
            ProbeLine latest = streams.get(node).latest();
            lines.put(node, latest != null && latest.seq() != seen.get(node) ? latest : next(node));
        }
        return lines;
    }

    /** The node's next probe line; fails, naming the node and why, when none comes in three intervals and 10 s. */
    private ProbeLine next(String node) throws IOException {
        return streams.get(node).awaitNext(interval.multipliedBy(3).plusSeconds(10));
    }

    @Override
    public Map<String, NamespaceIdentities> enter(Encapsulation state, WorkloadSpec shape) throws IOException {
        mountsPerPod = new MountPlan(shape).mountsPerPod();
        last = state;
        if (ClusterTargetSpec.MACHINECONFIG.equals(spec.encapsulation())) {
            switchTo(state);
        }
        Map<String, NamespaceIdentities> ids = new LinkedHashMap<>();
        identifiedLines().forEach((node, line) -> ids.put(node, line.identities()));
        return ids;
    }

    /**
     * For a cluster switched by hand: refuses to start, naming each node that disagrees, unless
     * every node is in the state the arm claims, so nothing is recorded under a wrong arm.
     */
    @Override
    public void requireArm(String arm, Encapsulation state) throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, ProbeLine> line : identifiedLines().entrySet()) {
            String node = line.getKey();
            NodeVerification v = NodeVerification.of(node, line.getValue());
            if (!v.agreesWith(state == Encapsulation.ON)) {
                wrong.add(node + " is " + v.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + (v.detail() == null ? "" : " (" + v.detail() + ")"));
            }
        }
        if (!wrong.isEmpty()) {
            throw new ClusterAccessException("--arm " + arm + " claims encapsulation " + state.label() + ", but "
                    + wrong.size() + " of " + selected.size() + " nodes disagree: " + String.join("; ", wrong)
                    + "; switch them (kubens-bench encapsulation verify shows each node) or run the other arm");
        }
    }

    /** Creates or deletes the MachineConfigs of the selected nodes' roles and waits for the rollout. */
    private void switchTo(Encapsulation state) throws IOException {
        ClusterEncapsulation mc = new ClusterEncapsulation(client, timeouts.rolloutPoll(), timeouts.rolloutGrace());
        List<String> wanted = new ArrayList<>(roles());
        boolean on = state == Encapsulation.ON;
        List<String> changed = on ? mc.enable(wanted) : mc.disable(wanted);
        if (changed.isEmpty()) {
            return;
        }
        log.accept((on ? "created " : "deleted ") + String.join(", ", changed) + "; waiting for pools "
                + String.join(", ", wanted) + " to roll out (nodes reboot one by one) ...");
        try {
            mc.awaitRollout(wanted, timeouts.rollout(), (pools, elapsed) -> log.accept(PoolProgress.line(pools, elapsed)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the MachineConfigPools");
        }
        // The nodes rebooted: the probe pods are new, and so are their logs.
        openStreams();
    }

    @Override
    public void deploy(WorkloadSpec workload, String tag) throws IOException {
        workloads.clear();
        List<String> names = nodes();
        try {
            for (int k = 0; k < names.size(); k++) {
                String node = names.get(k);
                ClusterWorkload w = new ClusterWorkload(client,
                        manifests.factory(workload, ClusterManifests.attempt(tag, k), hostname(selected.get(node))), limiter, options);
                workloads.put(node, w);
                w.deploy(n -> { });
            }
            for (ClusterWorkload w : workloads.values()) {
                w.awaitRunning(options.runningTimeout(), n -> { });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while deploying pods");
        }
    }

    @Override
    public Churn startChurn(WorkloadSpec workload) {
        double rate = workload.churn().podsPerSecond();
        if (rate <= 0) {
            return Churn.none();
        }
        Map<String, ClusterWorkload.Churner> churners = new LinkedHashMap<>();
        workloads.forEach((node, w) -> churners.put(node, w.startChurn(rate)));
        long perPod = 2L * mountsPerPod;
        return new Churn() {
            /** Pods replaced on the node times the mounts a pod takes down and puts up. */
            @Override
            public long events(String node) {
                ClusterWorkload.Churner c = churners.get(node);
                return c == null ? 0 : c.replaced() * perPod;
            }

            @Override
            public void stop() throws IOException {
                IOException first = null;
                for (ClusterWorkload.Churner c : churners.values()) {
                    try {
                        c.stop();
                    } catch (IOException e) {
                        first = first == null ? e : first;
                    }
                }
                if (first != null) {
                    throw first;
                }
            }
        };
    }

    @Override
    public Map<String, SampleSource> sources() {
        Map<String, SampleSource> sources = new LinkedHashMap<>();
        for (String node : selected.keySet()) {
            sources.put(node, new SampleSource() {
                @Override
                public Sample next() throws IOException {
                    return ClusterTarget.this.next(node).toSample(System.currentTimeMillis());
                }

                @Override
                public long ticksPerSecond() {
                    ProbeLine latest = streams.get(node).latest();
                    return latest == null ? 100 : latest.hz();
                }
            });
        }
        return sources;
    }

    @Override
    public void undeploy() throws IOException {
        IOException first = null;
        for (ClusterWorkload w : workloads.values()) {
            try {
                w.delete();
            } catch (IOException e) {
                first = first == null ? e : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = first == null ? new InterruptedIOException("interrupted while deleting pods") : first;
            }
        }
        workloads.clear();
        if (first != null) {
            throw first;
        }
    }

    /** Removes everything labelled with this campaign's run id: pods, probe, bindings, namespaces. */
    @Override
    public void close() {
        closeStreams();
        if (last != null && ClusterTargetSpec.MACHINECONFIG.equals(spec.encapsulation())) {
            log.accept("encapsulation is left " + last.label() + " (the last run's arm); switching it is a rollout of its"
                    + " own: kubens-bench encapsulation " + (last == Encapsulation.ON ? "disable" : "enable"));
        }
        try {
            CleanupReport report = ClusterCleanups.forCluster(client).cleanup(runId, timeouts.cleanupWait());
            log.accept("cleanup: " + report.summary());
        } catch (IOException | RuntimeException e) {
            log.accept("cleanup failed: " + e.getMessage() + "; finish with: kubens-bench cleanup --run-id " + runId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.accept("cleanup interrupted; finish with: kubens-bench cleanup --run-id " + runId);
        }
    }
}
