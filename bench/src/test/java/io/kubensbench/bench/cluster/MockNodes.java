package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.pods.PodFactory;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a real cluster does and the CRUD mock does not: kubelets that run pods (DaemonSet pods
 * per node, workload pods set Running, and pods bound to a node by {@code spec.nodeName}, as
 * the scheduler binds someone else's workload), the Machine Config Operator rolling a 99-kubens
 * MachineConfig out, and each node's probe printing lines. What a node does with its pods, a
 * switch and its probe is its {@link Machine}: {@link Synthetic} (test data, below) or a lab node
 * with the real systemd ({@link LabBackedNode}).
 */
final class MockNodes implements AutoCloseable {

    /** One node behind the mock API: it runs the pods it is given and prints probe lines. */
    interface Machine extends AutoCloseable {
        /** The workload pods the node has now (called every 100 ms). */
        void pods(java.util.Set<String> names) throws IOException;

        /** Reboots into encapsulation on or off. */
        void switchTo(boolean encapsulated) throws IOException;

        /** Whether encapsulation is on. */
        boolean encapsulated();

        /** Called every 100 ms; a node that prints its own lines ignores it. */
        void tick(java.util.function.Consumer<String> out);

        /** Lines this node printed on its own since the last call (a real probe's). */
        void drain(java.util.function.Consumer<String> out);

        @Override
        void close();
    }

    static final String HOST_NS = "mnt:[4026531841]";
    static final String KUBENS_NS = "mnt:[4026532901]";
    static final long NS_PER_POD_OFF = 2_000_000;
    static final long NS_ON = 100_000;
    /** Host mounts a node's systemd sees per pod off: the default pod's mount plan. */
    static final int MOUNTS_PER_POD = new MountPlan(WorkloadSpec.defaults()).mountsPerPod();

    private final KubernetesClient client;
    private final MockMachineConfigOperator operator;
    private final List<String> names;
    private final Map<String, Machine> nodes = new ConcurrentHashMap<>();
    private final Map<String, List<Feed>> feeds = new ConcurrentHashMap<>();
    /** Every workload object seen while it existed, with its labels. */
    final Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();
    final List<String> rollouts = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Throwable failure;
    /** While set, a rollout starts (rendered, Updating) and goes no further, as on a cluster whose drain hangs. */
    volatile boolean holdRollouts;
    private int config = 1;
    private boolean held;

    /**
     * Test data for a node: PID 1 spends 2 ms per 100 ms line per workload pod on the node
     * without encapsulation and 0.1 ms with it, so a test can check the figures that come out;
     * PID 1's table holds 300 mounts plus, without encapsulation, each pod's, and the probe
     * counts it on every {@link #COUNT_EVERY}-th line, so a pod that comes or goes is
     * {@link #MOUNTS_PER_POD} events; a switch is a reboot (new boot id, counters from zero).
     */
    static final class Synthetic implements Machine {
        /** How often the probe counts the mount table: every third line, as a budget would space its counts. */
        static final int COUNT_EVERY = 3;
        private volatile String boot = UUID.randomUUID().toString();
        private volatile boolean encapsulated;
        private volatile java.util.Set<String> pods = java.util.Set.of();
        /** Mount events in PID 1's table since boot. */
        private volatile long tableEvents;
        private long seq;
        private long uptimeCs = 100_000;
        private long pid1Ns;
        private String counted = "-";
        private long countedMounts = -1;
        private long countedEvents = -1;

        @Override
        public void pods(java.util.Set<String> names) {
            java.util.Set<String> now = java.util.Set.copyOf(names);
            if (!encapsulated) {
                long changed = now.stream().filter(p -> !pods.contains(p)).count()
                        + pods.stream().filter(p -> !now.contains(p)).count();
                tableEvents += changed * MOUNTS_PER_POD;
            }
            pods = now;
        }

        @Override
        public void switchTo(boolean on) {
            encapsulated = on;
            boot = UUID.randomUUID().toString();
            uptimeCs = 3_000;
            pid1Ns = 0;
            tableEvents = 0;
            counted = "-";
            countedMounts = -1;
            countedEvents = -1;
        }

        @Override
        public boolean encapsulated() {
            return encapsulated;
        }

        @Override
        public void tick(java.util.function.Consumer<String> out) {
            seq++;
            uptimeCs += 10;
            pid1Ns += encapsulated ? NS_ON : NS_PER_POD_OFF * pods.size();
            long ticks = pid1Ns / 10_000_000;
            String kubeletNs = encapsulated ? KUBENS_NS : HOST_NS;
            String up = uptimeCs / 100 + "." + String.format("%02d", uptimeCs % 100);
            if (seq % COUNT_EVERY == 1) {
                counted = seq + "," + up;
                countedMounts = 300 + (encapsulated ? 0 : (long) MOUNTS_PER_POD * pods.size());
                countedEvents = tableEvents;
            }
            out.accept("kbprobe v2 seq=" + seq + " up=" + up
                    + " hz=100 boot=" + boot + " pid1=1," + ticks / 2 + "," + (ticks - ticks / 2) + "," + pid1Ns
                    + " comm1=systemd mounts1=" + countedMounts + " events1=" + countedEvents + " counted=" + counted
                    + " ns1=" + HOST_NS
                    + " kubelet=2000," + kubeletNs + " kubeletcpu=-,-,-,- runtime=2100," + kubeletNs
                    + " cpu=" + seq * 10 + "," + seq * 400 + " self=" + seq / 50 + " probe=3000,500 systemd=252\n");
        }

        @Override
        public void drain(java.util.function.Consumer<String> out) {
        }

        @Override
        public void close() {
        }
    }

    /** Nodes of test data. */
    MockNodes(KubernetesClient client, MockMachineConfigOperator operator, List<String> names) {
        this(client, operator, synthetic(names));
    }

    private static Map<String, Machine> synthetic(List<String> names) {
        Map<String, Machine> out = new java.util.LinkedHashMap<>();
        names.forEach(n -> out.put(n, new Synthetic()));
        return out;
    }

    /** These nodes, by name, in this order. */
    MockNodes(KubernetesClient client, MockMachineConfigOperator operator, Map<String, Machine> backends) {
        this.client = client;
        this.operator = operator;
        this.names = List.copyOf(backends.keySet());
        for (String name : names) {
            nodes.put(name, backends.get(name));
            feeds.put(name, new CopyOnWriteArrayList<>());
            client.nodes().resource(node(name)).create();
        }
        operator.seedPool("worker", names.size(), "rendered-worker-1");
        thread = new Thread(this::loop, "mock-nodes");
        thread.setDaemon(true);
        thread.start();
    }

    private static Node node(String name) {
        return new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("kubernetes.io/hostname", name, "node-role.kubernetes.io/worker", ""))
                .endMetadata()
                .withNewStatus()
                    .addNewCondition().withType("Ready").withStatus("True").endCondition()
                    .withCapacity(Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi")))
                    .withNewNodeInfo().withKernelVersion("5.14.0-427.el9.x86_64")
                        .withOsImage("Red Hat Enterprise Linux CoreOS 416").withContainerRuntimeVersion("cri-o://1.29.1")
                        .withKubeletVersion("v1.29.5").endNodeInfo()
                .endStatus().build();
    }

    /** A probe log for {@code node}: lines from now on, as {@code kubectl logs -f} gives them. */
    ProbeStream stream(String node) {
        return new ProbeStream(node, resume -> {
            Feed feed = new Feed();
            feeds.get(node).add(feed);
            return feed;
        });
    }

    void rethrow() {
        if (failure != null) {
            throw new AssertionError("the mock nodes failed", failure);
        }
    }

    private void loop() {
        long next = System.nanoTime();
        while (!closed) {
            try {
                runPods();
                rollOut();
                for (String name : names) {
                    nodes.get(name).tick(line -> emit(name, line));
                    nodes.get(name).drain(line -> emit(name, line));
                }
            } catch (RuntimeException | IOException e) {
                if (!closed) {
                    failure = e;
                }
            }
            next += 100_000_000;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The garbage collector: pods of a DaemonSet that is gone go too. */
    private void collectOrphans() {
        for (Pod p : client.pods().inAnyNamespace().withLabel(ProbeManifests.NAME_LABEL, ProbeManifests.NAME).list().getItems()) {
            String ns = p.getMetadata().getNamespace();
            if (client.apps().daemonSets().inNamespace(ns).withName(ProbeManifests.NAME).get() == null) {
                racing(() -> client.pods().inNamespace(ns).withName(p.getMetadata().getName()).delete());
            }
        }
    }

    /** The kubelets: a probe pod per node for each DaemonSet, every workload pod Running where it is pinned. */
    private void runPods() throws IOException {
        collectOrphans();
        for (DaemonSet ds : client.apps().daemonSets().inAnyNamespace().list().getItems()) {
            String ns = ds.getMetadata().getNamespace();
            Map<String, String> labels = ds.getSpec().getSelector().getMatchLabels();
            List<Pod> existing = client.pods().inNamespace(ns).withLabels(labels).list().getItems();
            for (String name : names) {
                if (existing.stream().noneMatch(p -> name.equals(p.getSpec().getNodeName()))) {
                    client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata()
                            .withName(ds.getMetadata().getName() + "-" + name).withNamespace(ns).withLabels(labels)
                            .endMetadata().withNewSpec().withNodeName(name).addNewContainer().withName("probe")
                            .withImage("busybox").endContainer().endSpec().build()).create();
                }
            }
            for (Pod p : client.pods().inNamespace(ns).withLabels(labels).list().getItems()) {
                if (p.getStatus() == null || !"Running".equals(p.getStatus().getPhase())) {
                    p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                            .addNewCondition().withType("Ready").withStatus("True").endCondition().build());
                    racing(() -> client.pods().inNamespace(ns).resource(p).updateStatus());
                }
            }
            if (ds.getStatus() == null || ds.getStatus().getNumberReady() == null
                    || ds.getStatus().getNumberReady() != names.size()) {
                ds.setStatus(new DaemonSetStatusBuilder().withDesiredNumberScheduled(names.size())
                        .withCurrentNumberScheduled(names.size()).withNumberReady(names.size())
                        .withNumberAvailable(names.size()).withNumberMisscheduled(0).build());
                racing(() -> client.apps().daemonSets().inNamespace(ns).resource(ds).updateStatus());
            }
        }
        Map<String, java.util.Set<String>> perNode = new ConcurrentHashMap<>();
        for (Pod p : client.pods().inAnyNamespace().withLabel(PodFactory.ATTEMPT_LABEL).list().getItems()) {
            seen.put("Pod " + p.getMetadata().getName(), p.getMetadata().getLabels());
            String node = p.getSpec().getNodeSelector() == null ? null
                    : p.getSpec().getNodeSelector().get(ClusterManifests.HOSTNAME_LABEL);
            if (node != null && p.getMetadata().getDeletionTimestamp() == null) {
                perNode.computeIfAbsent(node, k -> new java.util.TreeSet<>()).add(p.getMetadata().getName());
            }
            if (p.getStatus() == null || !"Running".equals(p.getStatus().getPhase())) {
                p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").build());
                racing(() -> client.pods().inNamespace(p.getMetadata().getNamespace()).resource(p).updateStatus());
            }
        }
        for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
            // Pods the scheduler bound to a node (someone else's workload, as kube-burner's), but not the probe's.
            String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
            Map<String, String> labels = p.getMetadata().getLabels();
            if (node == null || !names.contains(node) || p.getMetadata().getDeletionTimestamp() != null
                    || (labels != null && labels.containsKey(ProbeManifests.NAME_LABEL))) {
                continue;
            }
            perNode.computeIfAbsent(node, k -> new java.util.TreeSet<>()).add(p.getMetadata().getName());
            if (p.getStatus() == null || !"Running".equals(p.getStatus().getPhase())) {
                p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").build());
                racing(() -> client.pods().inNamespace(p.getMetadata().getNamespace()).resource(p).updateStatus());
            }
        }
        client.secrets().inAnyNamespace().withLabel(PodFactory.ATTEMPT_LABEL).list().getItems()
                .forEach(s -> seen.put("Secret " + s.getMetadata().getName(), s.getMetadata().getLabels()));
        client.configMaps().inAnyNamespace().withLabel(PodFactory.ATTEMPT_LABEL).list().getItems()
                .forEach(c -> seen.put("ConfigMap " + c.getMetadata().getName(), c.getMetadata().getLabels()));
        for (String name : names) {
            nodes.get(name).pods(perNode.getOrDefault(name, java.util.Set.of()));
        }
    }

    /** A kubelet's write that lost a race with the harness deleting or changing the object is dropped. */
    private static void racing(Runnable write) {
        try {
            write.run();
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                throw e;
            }
        }
    }

    /** The Machine Config Operator: a created or deleted 99-kubens-worker reboots every node into the new state. */
    private void rollOut() throws IOException {
        GenericKubernetesResource mc = client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG)
                .withName(MachineConfigs.name("worker")).get();
        boolean wanted = mc != null;
        if (nodes.get(names.get(0)).encapsulated() == wanted) {
            return;
        }
        if (holdRollouts) {
            if (!held) {
                operator.render("worker", "rendered-worker-held");
                operator.updating("worker", names.size(), 0, "rendered-worker-" + config);
                held = true;
            }
            return;
        }
        String from = "rendered-worker-" + config;
        String to = "rendered-worker-" + ++config;
        operator.render("worker", to);
        operator.updating("worker", names.size(), 0, from);
        int done = 0;
        for (String name : names) {
            nodes.get(name).switchTo(wanted);
            operator.updating("worker", names.size(), ++done, done == names.size() ? to : from);
        }
        // recorded before the pool says Updated: the harness returns on Updated, and a test then reads this list
        rollouts.add(wanted ? "on" : "off");
        operator.updated("worker", names.size(), to);
    }

    private void emit(String name, String line) {
        String text = line.endsWith("\n") ? line : line + "\n";
        for (Feed f : feeds.get(name)) {
            if (!f.offer(text)) {
                feeds.get(name).remove(f);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(5_000);
        collectOrphans();
        feeds.values().forEach(f -> f.forEach(Feed::close));
        nodes.values().forEach(Machine::close);
    }

    Set<String> names() {
        return Set.copyOf(names);
    }

    /** A followed log: blocks for the next line until closed. */
    static final class Feed extends InputStream {
        private final LinkedBlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int at;
        private volatile boolean closed;

        boolean offer(String line) {
            return !closed && lines.offer(line.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (at >= current.length) {
                if (closed) {
                    return -1;
                }
                try {
                    byte[] next = lines.poll(50, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        current = next;
                        at = 0;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            int n = Math.min(len, current.length - at);
            System.arraycopy(current, at, b, off, n);
            at += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static List<String> sorted(Set<String> s) {
        List<String> out = new ArrayList<>(s);
        out.sort(null);
        return out;
    }
}
