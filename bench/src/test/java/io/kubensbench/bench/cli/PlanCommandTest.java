package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Level;
import io.kubensbench.bench.cluster.ClusterManifests;
import io.kubensbench.bench.cluster.ProbeManifests;
import io.kubensbench.bench.cluster.ProbePrivileges;
import io.kubensbench.workloads.pods.PodFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code kubens-bench plan}: the dry run prints the plan, or the manifests, and refuses bad input in one line. */
class PlanCommandTest {

    private static final Path EXAMPLES = Path.of("..", "workloads", "campaigns");

    /** A lab campaign of 2 repetitions, one fewer than a verdict needs. */
    static final String TWO_REPETITIONS_ON_A_LAB = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: c
            target: {lab: {}}
            workload: {pods: 10}
            arms: [off, on]
            schedule: {warmup: 1s, measure: 2s, repetitions: 2}
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void printsTheRunOrderTheMountsAndTheEstimate() {
        int code = run("plan", EXAMPLES.resolve("lab-quick.yaml").toString());

        assertThat(code).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("campaign   lab-quick", "target     lab", "off (encapsulation off), the baseline",
                "1 level x 2 arms x 3 repetitions = 6 runs, arms interleaved");
        assertThat(text).containsPattern("(?m)^pods=50 +50 +2 +10 +5/s +15 +750$");
        assertThat(text).contains("""
                run order
                  #  rep  level    arm  encapsulation
                  0    1  pods=50  off  off
                  1    1  pods=50  on   on
                  2    2  pods=50  on   on
                  3    2  pods=50  off  off
                  4    3  pods=50  off  off
                  5    3  pods=50  on   on
                """);
        // 6 runs x (2s + 4s + 2s + 750 mounts x 2ms) = 57s
        assertThat(text).contains("estimated duration: 57s");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aLabCampaignTooShortForAVerdictSaysSoAndWhatToSet(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), TWO_REPETITIONS_ON_A_LAB);

        int code = run("plan", file.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines()).last().isEqualTo("warning: 2 repetitions give each arm 2 runs per level,"
                + " and a verdict needs at least 3 valid runs per arm: this campaign can only end in"
                + " 'insufficient data'; set schedule.repetitions: 3");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aClusterCampaignTooShortForAVerdictSaysHowManyNodesWouldMakeUpForIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), """
                apiVersion: kubens-bench/v1
                kind: Campaign
                name: c
                target: {cluster: {encapsulation: manual}}
                workload: {pods: 10}
                arms: [off, on]
                schedule: {repetitions: 1}
                """);

        int code = run("plan", file.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines()).last().isEqualTo("warning: 1 repetition gives each arm 1 run per level"
                + " and node, and a verdict needs at least 3 valid runs per arm over all nodes: on fewer than 3 nodes"
                + " this campaign can only end in 'insufficient data'; set schedule.repetitions: 3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lab-dose-response.yaml", "lab-cost-model.yaml"})
    void enoughRepetitionsGiveNoWarning(String example) {
        int code = run("plan", EXAMPLES.resolve(example).toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("warning");
    }

    @Test
    void aClusterPlanOfflineSaysWhichPoolsEachSwitchRebootsAndCountsTheSwitches(@TempDir Path dir) {
        Path none = dir.resolve("no-kubeconfig");

        int code = run("plan", EXAMPLES.resolve("cluster-node-density-mounts.yaml").toString(), "--kubeconfig",
                none.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("nodes node-role.kubernetes.io/worker=", "18 runs");
        assertThat(out.toString().lines()).contains(
                "reboots    each switch creates or deletes 99-kubens-worker: every node of the worker pool and of"
                        + " every custom pool inheriting from it drains and reboots, one at a time per pool",
                "           not counted, the cluster was not reached: " + none + ": no such kubeconfig file");
        assertThat(out.toString().lines()).contains("rollouts   2, before runs #6 (off -> on), #15 (on -> off); one more"
                + " before run #0 if the cluster is not off when the campaign starts (its state was not read)");
        assertThat(out.toString()).contains("arms aba: off reps 1-2, then on reps 1-3, then off rep 3");
        assertThat(out.toString()).contains(", plus 2 encapsulation rollouts (3 if the cluster is not off when the"
                + " campaign starts), each a MachineConfig rollout of about 2m + 10m per node of the largest pool it"
                + " reboots (not included: the pools were not counted)");
    }

    @Test
    void manifestsReparseIntoEveryObjectOfEveryLevelLabelledWithThePlanRunId() throws Exception {
        Path file = EXAMPLES.resolve("lab-dose-response.yaml");

        int code = run("plan", file.toString(), "--manifests");

        assertThat(code).as(err.toString()).isZero();
        List<JsonNode> documents = documents(out.toString());
        CampaignSpec spec = new CampaignReader().read(file);
        ClusterManifests manifests = new ClusterManifests(ClusterTargetSpec.of(ClusterTargetSpec.MANUAL), "plan");
        int expected = 1 + probe(spec, ClusterTargetSpec.of(ClusterTargetSpec.MANUAL)).objects().size();
        for (Level level : spec.levels()) {
            expected += manifests.factory(level.workload(), "l0-0", null).allObjects().size();
        }
        assertThat(documents).hasSize(expected);
        assertThat(documents).allSatisfy(d ->
                assertThat(d.at("/metadata/labels").get(PodFactory.RUN_LABEL).asString()).isEqualTo("plan"));
        assertThat(documents.stream().filter(d -> d.get("kind").asString().equals("Pod")).count())
                .isEqualTo(25 + 100 + 250 + 500);
        assertThat(documents).filteredOn(d -> d.get("kind").asString().equals("Pod"))
                .allSatisfy(d -> assertThat(d.at("/metadata/namespace").asString()).isEqualTo("kubens-bench-plan"));
    }

    /** The probe as {@code --manifests} shows it: with the SCC, ClusterRole and RoleBinding an OpenShift run adds. */
    static ProbeManifests probe(CampaignSpec spec, ClusterTargetSpec cluster) throws Exception {
        return new ProbeManifests(new ClusterManifests(cluster, "plan").probeNamespaceName(), cluster.image(), "plan",
                spec.sampling().interval(), cluster.nodeSelector(), true, new ProbePrivileges(cluster.probeAsRoot()));
    }

    @Test
    void aMissingFileIsBadInputInOneLine() {
        int code = run("plan", "missing.yaml");

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).isEqualTo("kubens-bench: missing.yaml: no such file" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anInvalidCampaignIsBadInputInOneLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), """
                apiVersion: kubens-bench/v1
                kind: Campaign
                name: c
                target: {lab: {}}
                workload: {pods: many}
                arms: [off, on]
                """);

        int code = run("plan", file.toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString().lines()).containsExactly(
                "kubens-bench: " + file + ": workload.pods: must be an integer (got \"many\")");
    }

    private static List<JsonNode> documents(String yaml) throws Exception {
        ObjectMapper mapper = new YAMLMapper();
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && !doc.isEmpty()) {
                    documents.add(doc);
                }
            }
        }
        return documents;
    }
}
