package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.Design;
import io.kubensbench.analysis.compare.Drift;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RolloutRecord;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.text.Wording;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Order;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster campaign in the order a MachineConfig target gets by default, {@code aba}, on
 * fabric8's CRUD mock with two worker nodes (see {@link ClusterCampaignTest}): two rollouts
 * instead of one per change of arm, each recorded with what it took, every record with its
 * segment, and the analysis stating the baseline's drift between its segments per level.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterAbaCampaignTest {

    KubernetesMockServer server;
    KubernetesClient client;

    static final String CAMPAIGN = ClusterCampaignTest.CAMPAIGN
            .replace("name: cluster-e2e", "name: cluster-aba")
            .replace("schedule: {warmup: 500ms, measure: 1500ms, repetitions: 2, order: interleaved, seed: 1}",
                    "schedule: {warmup: 500ms, measure: 1500ms, repetitions: 3}");

    @Test
    void anAbaCampaignRollsOutTwiceRecordsEachRolloutAndItsAnalysisStatesTheDrift(@TempDir Path dir)
            throws Exception {
        MockMachineConfigOperator operator = MockMachineConfigOperator.serving(server, client);
        CampaignSpec spec = new CampaignReader().parse(CAMPAIGN, "cluster-aba.yaml");
        assertThat(spec.schedule().order()).as("the default where arms switch by rollout").isEqualTo(Order.ABA);
        List<String> log = new ArrayList<>();
        ClusterTarget.Timeouts timeouts = new ClusterTarget.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofMillis(50));
        SwitchOptions switching = new SwitchOptions(Duration.ofSeconds(60), false, reboots -> { }, () -> false);
        ClusterWorkloadOptions options = new ClusterWorkloadOptions(500, 100, Duration.ofSeconds(30),
                Duration.ofSeconds(30));
        try (MockNodes nodes = new MockNodes(client, operator, List.of("worker-a", "worker-b"))) {
            ClusterTarget target = new ClusterTarget(client, spec.target().cluster(), "aba00001", "kubens-bench test",
                    Duration.ofMillis(100), options, timeouts, switching, log::add,
                    (probe, node, pod) -> nodes.stream(node));
            ClusterCampaignTest.Ran ran = ClusterCampaignTest.run(target, spec, CAMPAIGN, dir);
            nodes.rethrow();

            assertThat(ran.outcome().ran()).isEqualTo(6);
            assertThat(nodes.rollouts).as("off off | on on on | off").containsExactly("on", "off");
        }

        ResultsDir results = new ResultsDir(dir);
        List<RunRecord> runs = results.runs();
        assertThat(runs).hasSize(12).allSatisfy(r -> assertThat(r.valid()).as(r.invalidReason()).isTrue());
        assertThat(runs).filteredOn(r -> r.node().equals("worker-a")).extracting(RunRecord::arm, RunRecord::segment)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("off", 0), org.assertj.core.groups.Tuple.tuple(
                        "off", 0), org.assertj.core.groups.Tuple.tuple("on", 1), org.assertj.core.groups.Tuple.tuple(
                        "on", 1), org.assertj.core.groups.Tuple.tuple("on", 1), org.assertj.core.groups.Tuple.tuple(
                        "off", 2));
        assertThat(results.campaign().schedule().order()).isEqualTo("aba");

        List<RolloutRecord> rollouts = results.rollouts();
        assertThat(rollouts).extracting(RolloutRecord::run, RolloutRecord::from, RolloutRecord::to,
                RolloutRecord::outcome).containsExactly(org.assertj.core.groups.Tuple.tuple(2, "off", "on", "ok"),
                org.assertj.core.groups.Tuple.tuple(5, "on", "off", "ok"));
        assertThat(rollouts).allSatisfy(r -> {
            assertThat(r.machineConfigs()).containsExactly("99-kubens-worker");
            assertThat(r.pools()).containsExactly(new RolloutRecord.Pool("worker", 2));
            assertThat(r.nodes()).isEqualTo(2);
            assertThat(r.durationNs()).isPositive();
            assertThat(java.time.Instant.parse(r.endedAt())).isAfterOrEqualTo(java.time.Instant.parse(r.startedAt()));
        });
        assertThat(Plan.of(spec).switches()).isEqualTo(rollouts.size());

        String order = Design.orderOf(results.campaign(), results.manifest().traits());
        Summary summary = new Analyzer().analyze(spec.name(), List.of(dir.toString()), runs, "off", "on",
                results.unreadable(), order);
        Drift drift = summary.design().drift("pods=6").orElseThrow();
        // the test's nodes print the same counters for the same pods, so their drifts can agree to the tick
        assertThat(drift.kind()).isIn(Drift.Kind.ESTIMATED, Drift.Kind.UNIFORM);
        assertThat(drift.nodes()).as("nodes as blocks, as the verdict").isEqualTo(2);
        assertThat(drift.nFirst()).isEqualTo(4);
        assertThat(drift.nSecond()).isEqualTo(2);
        assertThat(drift.drift()).isFinite();
        assertThat(Wording.drift(summary, drift)).startsWith("off drifted ").containsAnyOf(", 2 nodes as blocks)",
                " on each of 2 nodes alike");
        assertThat(Wording.design(summary)).hasValueSatisfying(t -> assertThat(t).startsWith("design: aba,"));
        assertThat(client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).list().getItems())
                .as("the last run was off: no MachineConfig").isEmpty();
    }
}
