package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.lab.LabAssumptions;
import io.kubensbench.bench.lab.LabNode;
import io.kubensbench.bench.run.Runner;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster code path measuring a real systemd: the API server is fabric8's mock, the node
 * behind it a lab node ({@link LabBackedNode}), so pods created through the API become real
 * mounts in the node, the MachineConfig switch starts kubens.service there, and the probe's
 * own script reads the node's PID 1. Runs as root on Linux, like the other lab tests.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterOnLabNodeTest {

    KubernetesMockServer server;
    KubernetesClient client;

    static final String CAMPAIGN = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: cluster-on-a-lab-node
            target:
              cluster:
                nodeSelector: {node-role.kubernetes.io/worker: ""}
                encapsulation: machineconfig
                qps: 1000
                burst: 200
            workload:
              pods: 150
              containersPerPod: 2
              volumesPerPod: {secret: 4, projected: 1, configMap: 2, emptyDirMemory: 2, downwardAPI: 1}
              churn: {podsPerSecond: 4}
            arms: [off, on]
            schedule: {warmup: 2s, measure: 6s, repetitions: 2, order: interleaved, seed: 1}
            sampling: {interval: 500ms}
            """;

    @BeforeEach
    void lab() {
        LabAssumptions.assumeLab();
    }

    @Test
    void theClusterPathMeasuresTheNodesSystemdOffAndOn(@TempDir Path dir) throws Exception {
        MockMachineConfigOperator operator = MockMachineConfigOperator.serving(server, client);
        CampaignSpec spec = new CampaignReader().parse(CAMPAIGN, "cluster-on-a-lab-node.yaml");
        ClusterTarget.Timeouts timeouts = new ClusterTarget.Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofMillis(100));
        SwitchOptions switching = new SwitchOptions(Duration.ofSeconds(120), false, reboots -> { }, () -> false);
        Runner.Outcome outcome;
        LabBackedNode labNode;
        try (LabNode lab = LabNode.start();
             MockNodes nodes = new MockNodes(client, operator,
                     Map.of("lab-node", labNode = new LabBackedNode(lab, spec.workload(), "0.5")))) {
            ClusterTarget target = new ClusterTarget(client, spec.target().cluster(), "onlab001", "kubens-bench test",
                    spec.sampling().interval(), new ClusterWorkloadOptions(1000, 200, Duration.ofSeconds(60),
                            Duration.ofSeconds(60)), timeouts, switching, line -> { },
                    (probe, node, pod) -> nodes.stream(node));
            outcome = ClusterCampaignTest.run(target, spec, CAMPAIGN, dir).outcome();
            nodes.rethrow();
        }

        assertThat(outcome.ran()).isEqualTo(4);
        List<RunRecord> runs = new ResultsDir(dir).runs();
        assertThat(runs).hasSize(4).allSatisfy(r -> assertThat(r.valid()).as(r.invalidReason()).isTrue());
        double off = runs.stream().filter(r -> r.arm().equals("off")).mapToDouble(r -> (double) r.systemdSchedNs()
                / r.measureNs()).average().orElseThrow();
        double on = runs.stream().filter(r -> r.arm().equals("on")).mapToDouble(r -> (double) r.systemdSchedNs()
                / r.measureNs()).average().orElseThrow();
        System.out.printf("cluster path on a lab node: systemd off %.2f%%, on %.2f%% of a core%n", 100 * off, 100 * on);
        assertThat(runs).filteredOn(r -> r.arm().equals("off"))
                .allSatisfy(r -> assertThat(r.systemdMounts()).as("the pods' mounts in systemd's view").isGreaterThan(
                        new MountPlan(WorkloadSpec.defaults()).expectedMounts(150)));
        assertThat(runs).filteredOn(r -> r.arm().equals("on"))
                .allSatisfy(r -> assertThat(r.systemdMounts()).isLessThan(150));
        assertThat(runs).filteredOn(r -> r.arm().equals("on")).as("systemd sees none of the pods' mounts")
                .allSatisfy(r -> assertThat(r.mountEvents()).isZero());
        for (RunRecord r : runs.stream().filter(r -> r.arm().equals("off")).toList()) {
            countedOnTheNodeAsTheKubeletMadeThem(r, new ResultsDir(dir), labNode);
        }
        assertThat(off).as("systemd pays for the mounts it sees").isGreaterThan(0.01);
        assertThat(on).as("and not for the ones it does not").isLessThan(off / 5);
    }

    /**
     * The run's mount events, counted by the probe in PID 1's table, against the mounts the
     * kubelet stand-in made and removed between the same two counts: every operation that
     * surely fell between them is in the count, and nothing that surely fell outside. Which
     * side an operation under way during a count's read falls on cannot be told (the count is
     * made between the line's uptime and the line's arrival), and that is the only leeway.
     */
    private static void countedOnTheNodeAsTheKubeletMadeThem(RunRecord r, ResultsDir dir, LabBackedNode node)
            throws Exception {
        List<SampleRecord> window = new ArrayList<>();
        dir.samples(s -> {
            if (s.run() == r.index() && s.attempt().equals(r.attempt()) && s.phase().equals("measure")) {
                window.add(s);
            }
        });
        LabBackedNode.Arrival first = node.arrival(window.get(0).seq());
        LabBackedNode.Arrival last = node.arrival(window.get(window.size() - 1).seq());
        assertThat(r.mountEvents()).as("the record is the difference of the lines' counters")
                .isEqualTo(last.line().events1() - first.line().events1());
        assertThat(r.mountEventsNs()).isEqualTo(last.line().countedUptimeNs() - first.line().countedUptimeNs());
        long t0 = first.line().countedUptimeNs();
        long a0 = node.arrival(first.line().countedSeq()).arrivedNs();
        long t1 = last.line().countedUptimeNs();
        long a1 = node.arrival(last.line().countedSeq()).arrivedNs();
        long tick = 10_000_000L;
        long surely = node.ops().stream().filter(op -> op.beforeNs() > a0 && op.afterNs() < t1)
                .mapToLong(LabBackedNode.MountOp::mounts).sum();
        long maybe = node.ops().stream().filter(op -> op.afterNs() + tick >= t0 && op.beforeNs() <= a1 + tick)
                .mapToLong(LabBackedNode.MountOp::mounts).sum();
        System.out.printf("run %d (off): the probe counted %d mount events over %.2f s; the kubelet made %d for"
                + " sure, %d at most%n", r.index(), r.mountEvents(), r.mountEventsNs() / 1e9, surely, maybe);
        assertThat(r.mountEvents()).as("run %d: counted on the node", r.index()).isPositive().isBetween(surely, maybe);
    }
}
