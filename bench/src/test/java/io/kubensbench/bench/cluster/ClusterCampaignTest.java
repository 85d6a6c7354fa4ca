package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.Verdict;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.bench.run.CampaignRecords;
import io.kubensbench.bench.run.Progress;
import io.kubensbench.bench.run.Runner;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.pods.PodFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole cluster campaign on fabric8's CRUD mock, through the runner: two worker nodes, the
 * probe on each, pods pinned per node and churned, encapsulation switched by the 99-kubens
 * MachineConfig (the test plays kubelets and the Machine Config Operator, see
 * {@link MockNodes}), every node measured in every run, and nothing left at the end.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterCampaignTest {

    KubernetesMockServer server;
    KubernetesClient client;

    static final String CAMPAIGN = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: cluster-e2e
            target:
              cluster:
                nodeSelector: {node-role.kubernetes.io/worker: ""}
                encapsulation: machineconfig
                qps: 500
                burst: 100
            workload:
              pods: 6
              containersPerPod: 2
              volumesPerPod: {secret: 4, projected: 1, configMap: 2, emptyDirMemory: 2, downwardAPI: 1}
              churn: {podsPerSecond: 4}
            arms: [off, on]
            schedule: {warmup: 500ms, measure: 1500ms, repetitions: 2, order: interleaved, seed: 1}
            sampling: {interval: 100ms}
            """;

    /** What a campaign run through a cluster target gave. */
    record Ran(Runner.Outcome outcome, Environment environment) {
    }

    /** Runs a whole campaign on {@code target} into {@code dir}, and closes the target (its cleanup). */
    static Ran run(ClusterTarget target, CampaignSpec spec, String yaml, Path dir) throws Exception {
        return run(target, spec, yaml, dir, new AtomicBoolean());
    }

    /** As above, with the stop flag Ctrl-C sets, shared by the runner and the target as a campaign shares it. */
    static Ran run(ClusterTarget target, CampaignSpec spec, String yaml, Path dir, AtomicBoolean stop)
            throws Exception {
        try {
            target.prepare();
            Environment environment = target.describe();
            ResultsStore store = ResultsStore.create(dir, yaml, CampaignRecords.of(spec), target.traits(), environment);
            return new Ran(new Runner(target, spec, Plan.of(spec), store,
                    Progress.forConsole(new PrintWriter(new StringWriter())), stop).run(), environment);
        } finally {
            target.close();
        }
    }

    @Test
    void everyNodeIsMeasuredInEveryRunAndNothingIsLeftBehind(@TempDir Path dir) throws Exception {
        MockMachineConfigOperator operator = MockMachineConfigOperator.serving(server, client);
        CampaignSpec spec = new CampaignReader().parse(CAMPAIGN, "cluster-e2e.yaml");
        List<String> log = new ArrayList<>();
        ClusterTarget.Timeouts timeouts = new ClusterTarget.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofMillis(50));
        SwitchOptions switching = new SwitchOptions(Duration.ofSeconds(60), false, reboots -> { }, () -> false);
        ClusterWorkloadOptions options = new ClusterWorkloadOptions(500, 100, Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        Runner.Outcome outcome;
        Environment environment;
        try (MockNodes nodes = new MockNodes(client, operator, List.of("worker-a", "worker-b"))) {
            ClusterTarget target = new ClusterTarget(client, spec.target().cluster(), "e2e00001", "kubens-bench test",
                    Duration.ofMillis(100), options, timeouts, switching, log::add,
                    (probe, node, pod) -> nodes.stream(node));
            Ran ran = run(target, spec, CAMPAIGN, dir);
            outcome = ran.outcome();
            environment = ran.environment();
            nodes.rethrow();

            assertThat(nodes.rollouts).as("interleaved off, on, on, off: two switches on, off").containsExactly("on",
                    "off");
            assertThat(nodes.seen).isNotEmpty();
            assertThat(nodes.seen).allSatisfy((object, labels) -> assertThat(labels)
                    .containsEntry(PodFactory.RUN_LABEL, "e2e00001")
                    .containsEntry(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY)
                    .containsKey(PodFactory.ATTEMPT_LABEL));
            assertThat(nodes.seen.keySet()).as("churn replaced pods with fresh names")
                    .anyMatch(name -> name.startsWith("Pod ") && name.endsWith("-g1"));
        }

        assertThat(environment.nodes()).containsExactly("worker-a", "worker-b");
        assertThat(environment.systemdVersion()).isEqualTo("252");
        assertThat(outcome.ran()).isEqualTo(4);
        List<RunRecord> runs = new ResultsDir(dir).runs();
        assertThat(runs).hasSize(8).allSatisfy(r -> assertThat(r.valid()).as(r.invalidReason()).isTrue());
        assertThat(runs).extracting(RunRecord::node).containsExactly("worker-a", "worker-b", "worker-a", "worker-b",
                "worker-a", "worker-b", "worker-a", "worker-b");
        int mountsPerPod = new MountPlan(spec.workload()).mountsPerPod();
        for (RunRecord r : runs) {
            // Counted by the probe in PID 1's table: the churn's pods off, nothing on (systemd does not see them).
            if (r.arm().equals("off")) {
                assertThat(r.mountEvents()).as("churn counted on " + r.node()).isPositive();
                assertThat(r.mountEvents() % mountsPerPod).as("whole pods came and went").isZero();
            } else {
                assertThat(r.mountEvents()).as("no event in systemd's table on " + r.node()).isZero();
            }
            // From the last count at or before the window's start to the last at or before its end:
            // counts every 3 lines of 100 ms, so the span is the window's give or take 300 ms.
            assertThat(r.mountEventsNs()).isBetween(r.measureNs() - 300_000_000L, r.measureNs() + 300_000_000L);
            // The probe's counters: 2 ms of PID 1 per 100 ms line per pod off (a churned pod is
            // briefly missing, so between 4 and 6 pods), 0.1 ms on.
            double rate = (double) r.systemdSchedNs() / r.measureNs();
            if (r.arm().equals("off")) {
                assertThat(rate).as("off on " + r.node()).isBetween(4 * 0.02, 6 * 0.02 * 1.05);
            } else {
                assertThat(rate).as("on on " + r.node()).isCloseTo(0.001, org.assertj.core.data.Offset.offset(0.0001));
            }
            assertThat(r.kubeletMntNs()).isEqualTo(r.arm().equals("on") ? MockNodes.KUBENS_NS : MockNodes.HOST_NS);
        }

        Summary summary = new Analyzer().analyze(spec.name(), List.of(dir.toString()), runs, "off", "on");
        assertThat(summary.nodes()).hasSize(2);
        CellResult cell = summary.cells().get(0);
        assertThat(cell.blocked()).isNotNull();
        assertThat(cell.blocked().k()).isEqualTo(2);

        assertThat(log).anyMatch(l -> l.startsWith("cleanup: "));
        for (Class<? extends HasMetadata> kind : List.of(io.fabric8.kubernetes.api.model.Pod.class,
                io.fabric8.kubernetes.api.model.Secret.class, io.fabric8.kubernetes.api.model.ConfigMap.class,
                io.fabric8.kubernetes.api.model.ServiceAccount.class,
                io.fabric8.kubernetes.api.model.apps.DaemonSet.class)) {
            assertThat(client.resources(kind).inAnyNamespace().withLabel(PodFactory.RUN_LABEL, "e2e00001").list()
                    .getItems()).as(kind.getSimpleName() + " left behind").isEmpty();
        }
        assertThat(client.namespaces().withLabel(PodFactory.RUN_LABEL, "e2e00001").list().getItems()).isEmpty();
        assertThat(client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).list().getItems())
                .as("the last run was off: no MachineConfig").isEmpty();
        assertThat(Map.of("verdict", cell.verdict())).isNotNull();
        assertThat(cell.verdict()).isIn(Verdict.values());
    }
}
