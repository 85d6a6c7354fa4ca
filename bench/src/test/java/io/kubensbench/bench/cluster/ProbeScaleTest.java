package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.bench.sampling.ProcessReading;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.bench.sampling.SamplingLoop;
import io.kubensbench.bench.sampling.Watched;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One harness following the probes of 200 nodes ({@code -Dkubens-bench.scale.nodes=N} for
 * another count), a line a second each, for a minute:
 * the client opened from a kubeconfig as the CLI opens it ({@link ClusterConnection}), the probe
 * deployed and waited for ({@link NodeProbe}), one followed log per node over HTTP
 * ({@link ProbeReadings}, {@link ProbeLog}, {@link ProbeStream} and their threads), and each node
 * sampled as a campaign samples it ({@link SamplingLoop} on a thread per node, as the runner
 * does). The API objects live in fabric8's CRUD mock; the logs are followed through
 * {@link LogFollowingServer}, which says why the mock alone cannot serve them, and which, like
 * kube-apiserver, allows 100 concurrent HTTP/2 streams per connection.
 *
 * <p>Each line a node's log was sent must be read by that node's stream, once and in order
 * ({@link ReadLines} notes what each stream reads); no stream may end or stall but the
 * {@value #BROKEN_COUNT} whose logs the test ends half-way, as a pod restart does, and those
 * must come back on their node's pod for its newest line. Every sample must be its node's.
 *
 * <p>It prints what following costs the harness, per node at one line a second: the CPU of the
 * harness's threads, read per thread (the API server shares the JVM, so the process's total
 * would count it too). A figure to quote, never an assertion.
 */
@EnableKubernetesMockClient(crud = true)
class ProbeScaleTest {

    static final int NODES = Integer.getInteger("kubens-bench.scale.nodes", 200);
    static final int BROKEN_COUNT = 2;
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final String NS = "kb-scale-probe";
    private static final Map<String, String> SELECTOR = Map.of("node-role.kubernetes.io/worker", "");
    private static final Set<String> BROKEN = Set.copyOf(List.of(name(NODES / 12), name(NODES * 3 / 4)));

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void oneHarnessFollowsHundredsOfProbesAtOneLineASecondWithoutLosingOrMisplacingALine(@TempDir Path dir)
            throws Exception {
        List<String> nodes = IntStream.range(0, NODES).mapToObj(ProbeScaleTest::name).toList();
        nodes.forEach(n -> client.nodes().resource(new NodeBuilder().withNewMetadata().withName(n)
                .withLabels(Map.of("kubernetes.io/hostname", n, "node-role.kubernetes.io/worker", "")).endMetadata()
                .build()).create());
        ReadLines read = new ReadLines();
        Map<String, ProbeStream> streams = new ConcurrentHashMap<>();
        try (LogFollowingServer api = new LogFollowingServer(server);
                KubernetesClient harness = new ClusterConnection(Map.of(), dir)
                        .open(kubeconfig(dir, api.url()), null, null)) {
            NodeProbe probe = NodeProbe.forCluster(harness, NS, "busybox", "scale001", INTERVAL, SELECTOR,
                    new ProbePrivileges(false));
            probe.deploy();
            runProbes(probe.manifests(), nodes, api);
            ProbeLogs followed = (p, node, pod) -> {
                ProbeLog log = new ProbeLog(harness, p.manifests());
                ProbeStream stream = log.stream(node, read.noting(node, log.source(node, pod)));
                streams.put(node, stream);
                return stream;
            };
            Map<String, Counts> counts = new ConcurrentHashMap<>();
            Map<String, List<String>> sent;
            ThreadCpu.Window cpu;
            List<String> misplaced = new ArrayList<>();
            try (ProbeReadings readings = new ProbeReadings(probe, followed, nodes, INTERVAL, Duration.ofMinutes(2))) {
                readings.open();
                awaitUntil(Duration.ofSeconds(30), () -> streams.values().stream().allMatch(s -> s.latest() != null));
                assertThat(streams.values()).as("streams without a line").allSatisfy(s -> assertThat(s.latest())
                        .as("node %s (%s)", s.node(), s.problem()).isNotNull());
                ExecutorService samplers = Executors.newFixedThreadPool(NODES, r -> daemon(r, "sampling"));
                List<Future<?>> sampling = new ArrayList<>();
                readings.sources().forEach((node, source) -> sampling.add(samplers.submit(() -> {
                    sample(node, source, misplaced);
                    return null;
                })));
                Thread.sleep(WARM_UP.toMillis());
                try (ThreadCpu threads = new ThreadCpu()) {
                    Thread.sleep(WINDOW.toMillis() / 2);
                    BROKEN.forEach(node -> api.log(NS, pod(node)).end());
                    Thread.sleep(WINDOW.toMillis() / 2);
                    cpu = threads.stop(ProbeScaleTest::group);
                }
                for (Future<?> f : sampling) {
                    f.get(1, TimeUnit.MINUTES);
                }
                samplers.shutdown();
                sent = sent(api, nodes);
                Map<String, List<String>> all = sent;
                assertThat(awaitUntil(Duration.ofSeconds(30),
                        () -> nodes.stream().allMatch(n -> read.read(n).size() >= all.get(n).size())))
                        .as("every stream has read what its log was sent").isTrue();
                streams.forEach((node, s) -> counts.put(node, Counts.of(s)));
            }
            report(cpu);
            for (String node : nodes) {
                List<String> lines = read.read(node);
                checkNode(node, lines, api.log(NS, pod(node)).responses(), sent.get(node), counts.get(node));
            }
            assertThat(misplaced).as("samples that were not their node's, or came back in time").isEmpty();
        }
    }

    /**
     * What one node's stream read, against what its log was sent: {@code sent} when the window
     * ended, {@code responses} now, after the stream closed.
     */
    private static void checkNode(String node, List<String> lines, List<List<String>> responses, List<String> sent,
            Counts c) {
        assertThat(lines).as("what node %s's stream read is what its log was sent, in order", node)
                .startsWith(sent.toArray(String[]::new));
        assertThat(responses.stream().flatMap(List::stream).toList())
                .as("node %s's stream read nothing its log was not sent", node)
                .startsWith(lines.toArray(String[]::new));
        assertThat(lines).as("node %s's lines are its own", node).allMatch(
                l -> l.startsWith("kbprobe v1 start node=" + node + " ")
                        || boot(node).equals(ProbeLine.parse(l).bootId()));
        List<Long> seqs = lines.stream().map(ProbeLine::parse).filter(Objects::nonNull).map(ProbeLine::seq).toList();
        assertThat(c.malformed()).as("malformed lines of node %s", node).isZero();
        assertThat(c.stalls()).as("stalls of node %s", node).isZero();
        assertThat(c.lines()).as("lines node %s's stream counted up to seq %s", node, c.latest())
                .isEqualTo(seqs.stream().filter(q -> q <= c.latest()).distinct().count());
        if (BROKEN.contains(node)) {
            assertThat(responses).as("node %s's log, ended half-way and reopened", node).hasSize(2);
            assertThat(responses.get(1)).as("the reopened log of node %s: its newest line, then on", node).isNotEmpty();
            assertThat(c.reopened()).as("reopens of node %s", node).isEqualTo(1);
            assertThat(seqs).as("node %s's lines, the newest again after the reopen", node)
                    .isSortedAccordingTo(Long::compare);
        } else {
            assertThat(responses).as("node %s's log was followed on one response", node).hasSize(1);
            assertThat(c.reopened()).as("reopens of node %s", node).isZero();
            assertThat(seqs).as("node %s's lines", node)
                    .isEqualTo(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
            assertThat(seqs.size()).as("a minute of lines from node %s", node)
                    .isGreaterThanOrEqualTo((int) WARM_UP.plus(WINDOW).toSeconds());
        }
    }

    /**
     * What a node's stream counted, read once the window is over: its lines up to its latest,
     * read again until no line came in between.
     */
    private record Counts(long latest, long lines, long malformed, long reopened, long stalls) {
        static Counts of(ProbeStream s) {
            ProbeLine before;
            long lines;
            do {
                before = s.latest();
                lines = s.lines();
            } while (before != s.latest());
            return new Counts(before.seq(), lines, s.malformed(), s.reopened(), s.stalls());
        }
    }

    /** The node's samples as a campaign takes them: each must be the node's, each after the last. */
    private static void sample(String node, SampleSource source, List<String> misplaced) throws Exception {
        long[] last = {-1};
        new SamplingLoop(source, INTERVAL).run(WARM_UP.plus(WINDOW), () -> false, step -> {
            ProcessReading systemd = step.sample().process(Watched.SYSTEMD);
            if (systemd == null || systemd.cpu() == null || !boot(node).equals(systemd.cpu().bootId())
                    || step.sample().seq() <= last[0]) {
                synchronized (misplaced) {
                    misplaced.add(node + ": seq " + step.sample().seq() + " after " + last[0] + ", boot "
                            + (systemd == null || systemd.cpu() == null ? null : systemd.cpu().bootId()));
                }
            }
            last[0] = step.sample().seq();
        });
    }

    /** What each node's log was sent so far, over all the responses that followed it. */
    private static Map<String, List<String>> sent(LogFollowingServer api, List<String> nodes) {
        Map<String, List<String>> sent = new ConcurrentHashMap<>();
        for (String node : nodes) {
            sent.put(node, api.log(NS, pod(node)).responses().stream().flatMap(List::stream).toList());
        }
        return sent;
    }

    /**
     * The DaemonSet controller and kubelets: a ready probe pod per node, whose probe prints its
     * start line and then a line a second, the nodes spread over the second as real probes are.
     */
    private void runProbes(ProbeManifests manifests, List<String> nodes, LogFollowingServer api) {
        for (int i = 0; i < nodes.size(); i++) {
            String node = nodes.get(i);
            Pod pod = client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(pod(node))
                    .withNamespace(NS).withLabels(manifests.selectorLabels()).endMetadata()
                    .withNewSpec().withNodeName(node).addNewContainer().withName("probe").withImage("busybox")
                    .endContainer().endSpec().build()).create();
            pod.setStatus(new PodStatusBuilder().withPhase("Running").addNewCondition().withType("Ready")
                    .withStatus("True").endCondition().build());
            client.pods().inNamespace(NS).resource(pod).updateStatus();
            PodLog log = api.log(NS, pod(node));
            log.print("kbprobe v1 start node=" + node + " interval=1");
            int index = i;
            api.printEvery(log, i * 1000L / nodes.size(), INTERVAL.toMillis(), seq -> line(node, index, seq));
        }
    }

    /**
     * Line {@code seq} of a node's probe, in the probe's v1 format, as long as a real one: its boot
     * id and probe PID are the node's own, so a line on the wrong node's stream shows.
     */
    static String line(String node, int index, long seq) {
        long pid1Ns = 1_800_000_000L + seq * 4_000_000L;
        return "kbprobe v1 seq=" + seq + " up=" + (9000 + seq) + "." + String.format("%02d", index % 100)
                + " hz=100 boot=" + boot(node) + " pid1=20," + (1400 + seq / 2) + "," + (2800 + seq / 2) + ","
                + pid1Ns + " comm1=systemd mounts1=" + (1800 + index) + " ns1=mnt:[4026531841]"
                + " kubelet=2411,mnt:[4026531841] kubeletcpu=1204," + (81000 + seq) + "," + (30000 + seq) + ",-"
                + " runtime=1987,mnt:[4026531841] cpu=" + (700000 + seq * 40) + "," + (1800000 + seq * 200)
                + " self=" + seq / 50 + " probe=" + (18000 + index) + ",916104";
    }

    static String boot(String node) {
        return UUID.nameUUIDFromBytes(node.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    static String name(int i) {
        return String.format("worker-%03d", i);
    }

    private static String pod(String node) {
        return ProbeManifests.NAME + "-" + node;
    }

    static final String READERS = "stream readers (probe-stream-*)";
    static final String WATCHDOGS = "stream watchdogs (probe-stream-watchdog-*)";
    static final String SAMPLERS = "campaign samplers (sampling)";
    static final String HTTP = "HTTP client (HttpClient-*, JdkHttpClientFactory-*)";
    static final String JVM = "other JVM threads";
    static final String SERVER = "API server and mock (vert.x-*)";
    static final String METER = "the meter";

    static String group(String thread) {
        if (thread == null) {
            return JVM;
        } else if (thread.startsWith("probe-stream-watchdog-")) {
            return WATCHDOGS;
        } else if (thread.startsWith("probe-stream-")) {
            return READERS;
        } else if (thread.equals("sampling")) {
            return SAMPLERS;
        } else if (thread.startsWith("HttpClient-") || thread.startsWith("JdkHttpClientFactory-")) {
            return HTTP;
        } else if (thread.startsWith("vert.x-") || thread.startsWith("vertx-")) {
            return SERVER;
        } else if (thread.equals(ThreadCpu.READER)) {
            return METER;
        }
        return JVM;
    }

    /** Prints the harness's CPU per node: a figure to quote, with what it rests on. */
    private static void report(ThreadCpu.Window cpu) {
        double seconds = cpu.nanos() / 1e9;
        long harness = cpu.of(READERS, WATCHDOGS, SAMPLERS, HTTP, JVM);
        double perNodeUs = harness / 1e3 / seconds / NODES;
        StringBuilder out = new StringBuilder(String.format("probe streams at scale: %d nodes, a line a second each,"
                + " over %.1f s%n", NODES, seconds));
        cpu.byGroup().forEach((g, ns) -> out.append(String.format("  %-52s %8.1f ms  %6.2f%% of a core%n", g, ns / 1e6,
                100.0 * ns / cpu.nanos())));
        out.append(String.format("  harness threads: %.1f ms, %.2f%% of a core: %.1f us of CPU per node per second,"
                + " so one core follows %,.0f nodes%n", harness / 1e6, 100.0 * harness / cpu.nanos(), perNodeUs,
                1e6 / perNodeUs));
        out.append(String.format("  whole JVM (harness, API server, JIT, GC): %.2f%% of a core; GC %d ms%n",
                100.0 * cpu.processNs() / cpu.nanos(), cpu.gcMillis()));
        System.out.print(out);
    }

    private static Path kubeconfig(Path dir, String url) throws java.io.IOException {
        return Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n"
                + "  cluster: {server: '" + url + "', insecure-skip-tls-verify: true}\n"
                + "users:\n- name: u\n  user: {token: t}\n"
                + "contexts:\n- name: scale\n  context: {cluster: c, user: u}\ncurrent-context: scale\n");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Whether {@code done} came true within {@code limit}. */
    private static boolean awaitUntil(Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
