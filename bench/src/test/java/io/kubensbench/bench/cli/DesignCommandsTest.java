package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RolloutRecord;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Order;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.bench.plan.PlannedRun;
import io.kubensbench.bench.run.CampaignRecords;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code analyze} says about a campaign's design: an aba campaign's drift per level and
 * its rollouts, a blocked one's caveat; and a resumed campaign keeps the order it began with.
 */
class DesignCommandsTest {

    static final String ABA_CLUSTER = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: fleet-aba
            target:
              cluster:
                nodeSelector: {node-role.kubernetes.io/worker: ""}
                encapsulation: machineconfig
            workload: {pods: 100, churn: {podsPerSecond: 2}}
            levels: [{pods: 50}, {pods: 100}]
            arms: [off, on]
            schedule: {warmup: 30s, measure: 60s, repetitions: 4}
            """;

    private static final List<String> WORKERS = List.of("worker-a", "worker-b", "worker-c");

    @TempDir
    Path tmp;

    private final Cli cli = new Cli();

    /** The plan's runs as a cluster would have recorded them, the off arm creeping up 1% a run, with its rollouts. */
    private Path abaResults() throws Exception {
        CampaignSpec spec = new CampaignReader().parse(ABA_CLUSTER, "fleet-aba.yaml");
        Path dir = tmp.resolve("aba");
        ResultsStore store = ResultsStore.create(dir, ABA_CLUSTER, CampaignRecords.of(spec), spec.target().traits(),
                ResultsFixture.environment("cluster", WORKERS));
        Plan plan = Plan.of(spec);
        for (PlannedRun run : plan.runs()) {
            if (plan.switchPoints().contains(run)) {
                store.appendRollout(new RolloutRecord(run.index(), run.index() < 10 ? "off" : "on",
                        run.encapsulation().label(), "2026-11-27T01:00:00Z", "2026-11-27T01:32:05Z", 1_925_000_000_000L,
                        List.of("99-kubens-worker"), List.of(new RolloutRecord.Pool("worker", 3)), 3, RolloutRecord.OK,
                        null));
            }
            for (int n = 0; n < WORKERS.size(); n++) {
                boolean off = run.arm().equals(spec.baseline());
                double cores = off ? 0.3 * (1 + 0.2 * n) * (1 + 0.01 * run.index() + 0.003 * (n - 1)) : 0.002;
                RunRecord r = ResultsFixture.record(run.index(), "a" + run.index() + "-" + n, run.repetition(),
                        run.level(), run.arm(), WORKERS.get(n), cores).toBuilder().segment(run.segment()).build();
                store.append(r, List.of());
            }
        }
        return dir;
    }

    @Test
    void analyzeOfAnAbaCampaignStatesTheDesignTheDriftOfEachLevelAndTheRollouts() throws Exception {
        Path dir = abaResults();

        int code = cli.run("analyze", dir.toString());

        assertThat(code).as(cli.err()).isZero();
        List<String> lines = cli.out().lines().toList();
        assertThat(lines).anyMatch(l -> l.startsWith("design: aba, off runs before and after the on runs"));
        assertThat(lines).filteredOn(l -> l.startsWith("  off drifted +")).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains(", 3 nodes as blocks), ", "% of the effect (sizeable: part of"
                        + " the difference may be time, not encapsulation)"));
        assertThat(lines).as("the flag is on the drift's line").noneMatch(l -> l.contains("caveat"));
        assertThat(lines).contains("rollouts (2, 2 ok)",
                "  rollout off to on before run #4: 32m05s, pool worker 3 (3 nodes; 99-kubens-worker)",
                "  rollout on to off before run #12: 32m05s, pool worker 3 (3 nodes; 99-kubens-worker)");
    }

    @Test
    void analyzeOfACampaignSwitchedByHandSaysItsArmsRanInBlocks() throws Exception {
        CampaignSpec spec = new CampaignReader().parse(PortableResultsTest.MANUAL_CLUSTER, "fleet.yaml");
        assertThat(spec.schedule().order()).isEqualTo(Order.BLOCKED);
        Path dir = ResultsFixture.write(tmp.resolve("fleet"), PortableResultsTest.MANUAL_CLUSTER, spec,
                List.of("worker-a", "worker-b"), 4, 0.3, 0.002);

        assertThat(cli.run("analyze", dir.toString())).as(cli.err()).isZero();

        assertThat(cli.out()).contains("  caveat: the arms ran in blocks, one after the other, so the arm is confounded"
                + " with time; a drift between the blocks would read as this effect.", "design: blocked,");
    }

    @Test
    void aResumedCampaignKeepsTheOrderItBeganWith() {
        CampaignSpec parsed = new CampaignReader().parse(ABA_CLUSTER, "fleet-aba.yaml");
        CampaignRecord began = new CampaignRecord("fleet-aba", "cluster", List.of(), List.of(),
                new CampaignRecord.Schedule(30, 60, 4, "interleaved", 1), 1.0);

        assertThat(RunCommand.sameOrder(parsed, began).schedule().order()).isEqualTo(Order.INTERLEAVED);
        assertThat(RunCommand.sameOrder(parsed, CampaignRecords.of(parsed))).isEqualTo(parsed);
        assertThat(RunCommand.sameOrder(parsed, new CampaignRecord("v1", "cluster", List.of(), List.of(), null, null)))
                .isEqualTo(parsed);
    }
}
