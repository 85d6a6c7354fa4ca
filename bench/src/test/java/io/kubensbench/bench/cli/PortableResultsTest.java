package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.campaign.InvalidCampaignException;
import io.kubensbench.bench.campaign.Order;
import io.kubensbench.bench.campaign.Schedule;
import io.kubensbench.bench.campaign.TargetSpec;
import io.kubensbench.workloads.spec.Churn;
import io.kubensbench.workloads.spec.VolumeCounts;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results analyse, report and compare on any machine: what a campaign asked of the machine it
 * ran on (a lab bigger than this one holds, a cluster this one cannot reach) has no say here,
 * for directories of this version and of version 1 (before {@code results.json}).
 */
class PortableResultsTest {

    static final String BIG_LAB = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: big-lab
            target: {lab: {}}
            workload: {pods: 9000, churn: {podsPerSecond: 5}}
            arms: [off, on]
            schedule: {warmup: 5s, measure: 20s, repetitions: 4}
            """;

    static final String MANUAL_CLUSTER = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: fleet
            target:
              cluster:
                context: perf-lab
                nodeSelector: {node-role.kubernetes.io/worker: ""}
                encapsulation: manual
            workload: {pods: 100, churn: {podsPerSecond: 2}}
            arms: [off, on]
            schedule: {warmup: 30s, measure: 60s, repetitions: 4}
            """;

    private static final List<String> WORKERS = List.of("worker-a", "worker-b");

    @TempDir
    Path tmp;

    private final Cli cli = new Cli();

    private int run(String... args) {
        return cli.run(args);
    }

    /** The big lab campaign as a machine with room for it ran it: the file is not read by this machine's rules. */
    static CampaignSpec bigLab() {
        return new CampaignSpec("big-lab", TargetSpec.onLab(),
                new WorkloadSpec(9000, 2, VolumeCounts.defaults(), new Churn(5)), null,
                List.of(ArmSpec.of(Encapsulation.OFF), ArmSpec.of(Encapsulation.ON)),
                new Schedule(Duration.ofSeconds(5), Duration.ofSeconds(20), 4, Order.INTERLEAVED, 1), null);
    }

    @Test
    void thisMachineWouldRefuseToRunTheBigLabCampaign() {
        assertThatThrownBy(() -> new CampaignReader().parse(BIG_LAB, "big-lab.yaml"))
                .isInstanceOf(InvalidCampaignException.class)
                .hasMessageContaining("lab node");
    }

    @Test
    void aCopiedLabDirectoryBiggerThanThisMachineHoldsAnalysesReportsAndCompares() throws Exception {
        Path dir = ResultsFixture.write(tmp.resolve("big"), BIG_LAB, bigLab(), List.of("lab-h"), 4, 0.9, 0.001);
        analysesReportsAndCompares(dir, "pods=9000");
        assertThat(Files.readString(dir.resolve("results.json"))).contains("\"schemaVersion\" : 2",
                "\"mountsPerPod\" : 15");
    }

    @Test
    void aCopiedVersionOneLabDirectoryBiggerThanThisMachineHoldsAnalysesReportsAndCompares() throws Exception {
        Path dir = ResultsFixture.asVersionOne(
                ResultsFixture.write(tmp.resolve("big-v1"), BIG_LAB, bigLab(), List.of("lab-h"), 4, 0.9, 0.001));
        analysesReportsAndCompares(dir, "pods=9000");
        assertThat(Files.readString(dir.resolve("report/index.html"))).contains("schema version 1 (no results.json)");
    }

    @Test
    void aManualClusterDirectoryAnalysesReportsAndComparesWithoutACluster() throws Exception {
        CampaignSpec spec = new CampaignReader().parse(MANUAL_CLUSTER, "fleet.yaml");
        // --arm off, then the nodes switched by hand and run --resume --arm on into the same directory
        Path dir = ResultsFixture.write(tmp.resolve("fleet"), MANUAL_CLUSTER, spec, WORKERS, 4, 0.3, 0.002);
        analysesReportsAndCompares(dir, "pods=100");
        assertThat(run("analyze", dir.toString())).isZero();
        assertThat(cli.out()).contains("per node", "worker-a", "worker-b", "nodes as blocks");
        assertThat(Files.readString(dir.resolve("report/index.html"))).contains("worker-b",
                "schema version 2; cluster: arms switched by hand, one arm per invocation");

        Path v1 = ResultsFixture.asVersionOne(
                ResultsFixture.write(tmp.resolve("fleet-v1"), MANUAL_CLUSTER, spec, WORKERS, 4, 0.3, 0.002));
        analysesReportsAndCompares(v1, "pods=100");
    }

    @Test
    void theReportSaysWhatItNamesAndRedactWritesACopyThatNamesNone() throws Exception {
        CampaignSpec spec = new CampaignReader().parse(MANUAL_CLUSTER, "fleet.yaml");
        Path dir = ResultsFixture.write(tmp.resolve("fleet"), MANUAL_CLUSTER, spec, WORKERS, 4, 0.3, 0.002);
        String runs = Files.readString(dir.resolve("runs.jsonl"));

        assertThat(run("report", dir.toString())).as(cli.err()).isZero();
        String named = "This report names the harness's host (h), 2 node names (worker-a, worker-b), the kube context"
                + " perf-lab and the host's boot id; node names can be internal IP addresses. Before attaching it"
                + " anywhere, kubens-bench report --redact DIR writes a copy without them.";
        assertThat(Files.readString(dir.resolve("report/index.html"))).contains(named.replace("'", "&#39;"));
        assertThat(Files.readString(dir.resolve("summary.md"))).contains(named);

        assertThat(run("report", dir.toString(), "--redact")).as(cli.err()).isZero();

        Path copy = dir.resolve("redacted");
        assertThat(cli.out()).isEqualTo("report, redacted: " + copy.resolve("report/index.html") + "\n");
        String html = Files.readString(copy.resolve("report/index.html"));
        assertThat(html).contains("This report names no host, node or kube context.", "node-1", "node-2",
                "kube-context").doesNotContain("worker-a", "worker-b", "perf-lab");
        assertThat(Files.readString(copy.resolve("summary.md"))).contains("This report names no host, node or kube"
                + " context.").doesNotContain("worker-");
        for (String file : List.of("campaign.yaml", "environment.json", "runs.jsonl", "samples.jsonl")) {
            assertThat(Files.readString(copy.resolve(file))).as(file).doesNotContain("worker-a", "perf-lab",
                    "\"h\"");
        }
        assertThat(Files.readString(dir.resolve("runs.jsonl"))).as("the original is left as it is").isEqualTo(runs);
        assertThat(run("analyze", copy.toString())).isZero();
        assertThat(cli.out()).contains("node-1", "node-2").doesNotContain("worker-");
    }

    @Test
    void aManualClusterCampaignsArmDirectoriesPool() throws Exception {
        CampaignSpec spec = new CampaignReader().parse(MANUAL_CLUSTER, "fleet.yaml");
        Path off = ResultsFixture.write(tmp.resolve("off"), MANUAL_CLUSTER, spec, WORKERS, List.of("off"), 4, 0.3, 0.002);
        Path on = ResultsFixture.asVersionOne(
                ResultsFixture.write(tmp.resolve("on"), MANUAL_CLUSTER, spec, WORKERS, List.of("on"), 4, 0.3, 0.002));
        assertThat(run("analyze", off.toString(), on.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("campaign fleet: 16 runs, 16 valid", "(nodes as blocks)", "worker-b");

        Path other = ResultsFixture.write(tmp.resolve("aa"), BIG_LAB.replace("[off, on]", "[off-a, off-b]"),
                new CampaignSpec("aa", TargetSpec.onLab(), WorkloadSpec.defaults(), null,
                        List.of(new ArmSpec("off-a", Encapsulation.OFF), new ArmSpec("off-b", Encapsulation.OFF)),
                        null, null), List.of("lab-h"), 3, 0.2, 0.2);
        assertThat(run("analyze", off.toString(), other.toString())).isEqualTo(2);
        assertThat(cli.err().strip()).isEqualTo("kubens-bench: " + other + ": its arms [off-a=off, off-b=off]"
                + " differ from [off=off, on=on] in " + off + "; only one campaign's directories pool");
    }

    private void analysesReportsAndCompares(Path dir, String level) throws Exception {
        assertThat(run("analyze", dir.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains(level, "reduced").doesNotContain("unreadable");
        Summary summary = SummaryJson.read(dir.resolve(SummaryJson.FILE));
        assertThat(summary.cell(level)).isPresent();
        assertThat(summary.unreadable()).isEmpty();

        assertThat(run("report", dir.toString())).as(cli.err()).isZero();
        assertThat(dir.resolve("report/index.html")).exists();
        assertThat(dir.resolve("summary.md")).content().contains(level);

        assertThat(run("compare", dir.toString(), dir.toString())).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("PASS");
    }
}
