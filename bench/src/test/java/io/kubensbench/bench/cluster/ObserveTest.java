package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.cli.Cli;
import io.kubensbench.bench.cli.Main;
import io.kubensbench.bench.observe.ObservationFile;
import io.kubensbench.bench.observe.ObservePlan;
import io.kubensbench.bench.observe.Observer;
import io.kubensbench.bench.observe.WindowCheck;
import io.kubensbench.bench.sampling.MountEventWindow;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import io.kubensbench.workloads.pods.PodFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code observe} on fabric8's CRUD mock with two worker nodes: someone else's pods are bound
 * to the nodes (as kube-burner's node-density leaves them), kubens-bench deploys only its probe,
 * whose lines are test data ({@link MockNodes}: PID 1 spends 2 ms per 100 ms line per pod
 * without encapsulation), and the results directory analyses and reports like a campaign's.
 */
@EnableKubernetesMockClient(crud = true)
class ObserveTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final Map<String, Integer> PODS = Map.of("worker-a", 5, "worker-b", 3);

    private final List<String> log = new CopyOnWriteArrayList<>();

    @Test
    void windowsRunUntilCtrlCWhichLeavesAPartialWindowRemovesTheProbeAndTheResultsAnalyse(@TempDir Path dir)
            throws Exception {
        MockMachineConfigOperator operator = MockMachineConfigOperator.serving(server, client);
        ClusterTargetSpec spec = spec(ClusterTargetSpec.MANUAL);
        ObservePlan plan = new ObservePlan("node-density", Encapsulation.OFF, null, null, WINDOW, null, INTERVAL);
        AtomicBoolean stop = new AtomicBoolean();
        try (MockNodes nodes = new MockNodes(client, operator, List.of("worker-a", "worker-b"))) {
            userWorkload();
            ClusterObservation observed = observation(nodes, spec, "obs00001", SwitchOptions.approved(),
                    NodeMountEvents.NOT_COUNTED);
            // Ctrl-C in the middle of the fourth window.
            Observer.Outcome outcome = observe(observed, plan, spec, dir, stop, line -> {
                if (line.startsWith("window 3,")) {
                    new Thread(() -> {
                        sleep(400);
                        stop.set(true);
                    }).start();
                }
            });
            nodes.rethrow();
            assertThat(outcome.stopped()).isTrue();
            assertThat(outcome.windows()).isEqualTo(3);
            assertThat(outcome.partial()).isEqualTo(1);
        }

        assertThat(nothingLabelled("obs00001")).as("the probe and its namespace are removed").isTrue();
        assertThat(userPods()).as("and the user's workload is left alone").isEqualTo(8);
        assertThat(log).anyMatch(l -> l.startsWith("cleanup: "));
        List<RunRecord> runs = new ResultsDir(dir).runs();
        assertThat(runs).hasSize(8);
        assertThat(runs.subList(0, 6)).allSatisfy(r -> {
            assertThat(r.valid()).as(r.invalidReason()).isTrue();
            assertThat(r.level()).isEqualTo("workload=external");
            assertThat(r.pods()).as("no pods of ours").isZero();
            assertThat(r.systemdCores()).as("PID 1 on " + r.node()).isCloseTo(PODS.get(r.node()) * 0.02, within(0.001));
            assertThat(r.systemdMounts()).isEqualTo(300 + MockNodes.MOUNTS_PER_POD * PODS.get(r.node()));
            assertThat(r.mountEvents()).as("this probe counts none").isEqualTo(RunRecord.NOT_COUNTED);
            assertThat(r.kubeletMntNs()).isEqualTo(MockNodes.HOST_NS);
        });
        assertThat(runs.subList(6, 8)).allSatisfy(r -> {
            assertThat(r.valid()).isFalse();
            assertThat(r.invalidReason()).startsWith("partial window: stopped by the user after").endsWith(" of 1s");
        });
        assertThat(new ResultsDir(dir).manifest().traits().mountEvents()).isEqualTo(TargetTraits.MountEvents.TABLE_CHANGES);
        assertThat(new ResultsDir(dir).campaignYaml()).contains("kind: Observation", "arm: off",
                "duration: until stopped");

        Cli cli = new Cli();
        assertThat(cli.run("analyze", dir.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("excluded 2: partial window: stopped by the user after",
                "only off was observed: no comparison is possible",
                "worker-a, off: 10.00% of a core (10.00% to 10.00%) over 3 windows, 375 mounts in systemd's view,"
                        + " mount events not counted; 1 window excluded",
                "worker-b, off: 6.00% of a core");
        assertThat(cli.out()).doesNotContain("blocked design");
        assertThat(cli.run("report", dir.toString())).as(cli.err()).isZero();
        String html = Files.readString(dir.resolve("report/index.html"));
        assertThat(html).contains("<h2>Observation</h2>", "only off was observed: no comparison is possible");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("only off was observed");
    }

    @Test
    void switchingToOnObservesBothArmsCountsEventsWhereTheProbeDoesAndNamesTheBlockedDesign(@TempDir Path dir)
            throws Exception {
        MockMachineConfigOperator operator = MockMachineConfigOperator.serving(server, client);
        ClusterTargetSpec spec = spec(ClusterTargetSpec.MACHINECONFIG);
        ObservePlan plan = new ObservePlan("node-density", Encapsulation.OFF, Encapsulation.ON, Duration.ofSeconds(2),
                WINDOW, null, INTERVAL);
        // A probe that counts: here, a made-up count per line, to show where its figure lands.
        NodeMountEvents counted = (from, to) -> new MountEventWindow.Count(7 * (to.seq() - from.seq()),
                (to.uptimeNs() - from.uptimeNs()), 0);
        SwitchOptions restore = new SwitchOptions(Duration.ofSeconds(60), true, reboots -> { }, () -> false);
        try (MockNodes nodes = new MockNodes(client, operator, List.of("worker-a", "worker-b"))) {
            userWorkload();
            Observer.Outcome outcome = observe(observation(nodes, spec, "obs00002", restore, counted), plan, spec, dir,
                    new AtomicBoolean(), line -> { });
            nodes.rethrow();
            assertThat(outcome.windows()).isEqualTo(4);
            assertThat(nodes.rollouts).as("switched on, and put back with --restore").containsExactly("on", "off");
        }

        assertThat(nothingLabelled("obs00002")).isTrue();
        assertThat(userPods()).isEqualTo(8);
        assertThat(client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).list().getItems()).isEmpty();
        List<RunRecord> runs = new ResultsDir(dir).runs();
        assertThat(runs).hasSize(8).allSatisfy(r -> assertThat(r.valid()).as(r.invalidReason()).isTrue());
        assertThat(runs).extracting(RunRecord::arm).containsExactly("off", "off", "off", "off", "on", "on", "on", "on");
        assertThat(runs).filteredOn(r -> r.arm().equals("on")).allSatisfy(r -> {
            assertThat(r.systemdCores()).isCloseTo(0.001, within(0.0001));
            assertThat(r.kubeletMntNs()).isEqualTo(MockNodes.KUBENS_NS);
            assertThat(r.systemdMounts()).isEqualTo(300);
        });
        assertThat(runs).allSatisfy(r -> assertThat(r.mountEvents()).isPositive().matches(e -> e % 7 == 0));

        Cli cli = new Cli();
        assertThat(cli.run("analyze", dir.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("blocked design: off was observed first, then on",
                "not independent runs", "nodes as blocks", "worker-b, on: 0.10% of a core");
        assertThat(cli.out()).containsPattern("worker-a, off: 10\\.00% of a core .* over 2 windows, 375 mounts in"
                + " systemd's view, [0-9.,]+ mount events/s");
        assertThat(cli.run("report", dir.toString())).as(cli.err()).isZero();
        assertThat(Files.readString(dir.resolve("report/index.html"))).contains("blocked design");
        assertThat(cli.run("compare", dir.toString(), dir.toString())).as("the gate reads it: " + cli.err())
                .isNotIn(Main.FAILED, Main.BAD_INPUT);
    }

    @Test
    void armsSwitchedByHandAreObservedOneDirectoryEachAndPoolIntoOneComparison(@TempDir Path dir) throws Exception {
        MockMachineConfigOperator operator = MockMachineConfigOperator.serving(server, client);
        ClusterTargetSpec spec = spec(ClusterTargetSpec.MANUAL);
        Path off = dir.resolve("off");
        Path on = dir.resolve("on");
        try (MockNodes nodes = new MockNodes(client, operator, List.of("worker-a", "worker-b"))) {
            userWorkload();
            observe(observation(nodes, spec, "obs00004", SwitchOptions.approved(), NodeMountEvents.NOT_COUNTED),
                    new ObservePlan("nd", Encapsulation.OFF, null, Duration.ofSeconds(2), WINDOW, null, INTERVAL),
                    spec, off, new AtomicBoolean(), line -> { });
            // The user switches the nodes, as encapsulation enable does.
            new ClusterEncapsulation(client).enable(List.of("worker"), null);
            while (!nodes.rollouts.contains("on")) {
                sleep(50);
            }
            observe(observation(nodes, spec, "obs00005", SwitchOptions.approved(), NodeMountEvents.NOT_COUNTED),
                    new ObservePlan("nd", Encapsulation.ON, null, Duration.ofSeconds(2), WINDOW, null, INTERVAL),
                    spec, on, new AtomicBoolean(), line -> { });
            nodes.rethrow();
        }

        Cli cli = new Cli();
        assertThat(cli.run("analyze", off.toString(), on.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("campaign nd: 8 runs, 8 valid", "blocked design: off was observed first, then on",
                "worker-a, on: 0.10% of a core");
        assertThat(cli.run("analyze", on.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("only on was observed: no comparison is possible");
    }

    @Test
    void anArmTheNodesContradictIsRefusedNamingThemWithExitCode2AndNothingIsLeft(@TempDir Path dir) throws Exception {
        MockMachineConfigOperator operator = MockMachineConfigOperator.serving(server, client);
        ClusterTargetSpec spec = spec(ClusterTargetSpec.MANUAL);
        ObservePlan plan = new ObservePlan("wrong-arm", Encapsulation.ON, null, Duration.ofSeconds(2), WINDOW, null,
                INTERVAL);
        Path results = dir.resolve("results");
        try (MockNodes nodes = new MockNodes(client, operator, List.of("worker-a", "worker-b"))) {
            ClusterObservation observed = observation(nodes, spec, "obs00003", SwitchOptions.approved(),
                    NodeMountEvents.NOT_COUNTED);
            assertThatThrownBy(() -> observe(observed, plan, spec, results, new AtomicBoolean(), line -> { }))
                    .isInstanceOf(ClusterAccessException.class)
                    .hasMessageStartingWith("--arm on claims encapsulation on, but 2 of 2 nodes disagree: worker-a is"
                            + " not encapsulated")
                    .satisfies(e -> assertThat(Main.exitCode(e)).isEqualTo(Main.BAD_INPUT));
        }
        assertThat(results).doesNotExist();
        assertThat(nothingLabelled("obs00003")).isTrue();
    }

    /** What the session does: start (probe, arm check), the results directory, the windows; always closes. */
    private Observer.Outcome observe(ClusterObservation observed, ObservePlan plan, ClusterTargetSpec spec, Path dir,
            AtomicBoolean stop, Consumer<String> onLine) throws IOException {
        Observer observer = new Observer(observed, plan, stop, line -> {
            log.add(line);
            onLine.accept(line);
        }, WindowCheck.NONE);
        try {
            observer.start();
            ResultsStore store = ResultsStore.create(dir, ObservationFile.yaml(plan, spec), plan.campaign(),
                    observed.traits(), observed.describe());
            return observer.observe(store);
        } finally {
            observed.close();
        }
    }

    private ClusterObservation observation(MockNodes nodes, ClusterTargetSpec spec, String runId,
            SwitchOptions switching, NodeMountEvents events) {
        return new ClusterObservation(client, spec, runId, "kubens-bench test", INTERVAL,
                new ClusterTarget.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(50)),
                switching, log::add, (probe, node, pod) -> nodes.stream(node), events);
    }

    private static ClusterTargetSpec spec(String encapsulation) {
        return new ClusterTargetSpec(null, Map.of("node-role.kubernetes.io/worker", ""), encapsulation, null, null,
                null, null, null);
    }

    /** Pods of someone else's workload, bound to the nodes as a scheduler binds them; none of kubens-bench's labels. */
    private void userWorkload() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("node-density").endMetadata()
                .build()).create();
        PODS.forEach((node, count) -> {
            for (int i = 0; i < count; i++) {
                client.pods().inNamespace("node-density").resource(new PodBuilder().withNewMetadata()
                        .withName("node-density-" + node + "-" + i).addToLabels("kube-burner-job", "node-density")
                        .endMetadata().withNewSpec().withNodeName(node).addNewContainer().withName("pause")
                        .withImage("pause:3.9").endContainer().endSpec().build()).create();
            }
        });
        sleep(300);
    }

    private boolean nothingLabelled(String runId) {
        for (Class<? extends HasMetadata> kind : List.of(io.fabric8.kubernetes.api.model.Pod.class,
                io.fabric8.kubernetes.api.model.ServiceAccount.class,
                io.fabric8.kubernetes.api.model.apps.DaemonSet.class)) {
            if (!client.resources(kind).inAnyNamespace().withLabel(PodFactory.RUN_LABEL, runId).list().getItems()
                    .isEmpty()) {
                return false;
            }
        }
        return client.namespaces().withLabel(PodFactory.RUN_LABEL, runId).list().getItems().isEmpty();
    }

    /** The user's pods still there: an observation deletes only what it labelled itself. */
    private int userPods() {
        return client.pods().inNamespace("node-density").list().getItems().size();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
