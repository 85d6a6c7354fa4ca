package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.SchemaVersion;
import io.kubensbench.workloads.time.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code plan -o json}: one versioned document with the facts the text shows, unrounded. */
class PlanJsonTest {

    private static final Path EXAMPLES = Path.of("..", "workloads", "campaigns");

    private final Cli cli = new Cli();

    @ParameterizedTest
    @ValueSource(strings = {"lab-quick.yaml", "lab-dose-response.yaml", "cluster-node-density-mounts.yaml"})
    void theJsonHasTheSchemaVersionAndTheTextsFigures(String example, @TempDir Path dir) {
        String file = EXAMPLES.resolve(example).toString();
        String kubeconfig = dir.resolve("no-kubeconfig").toString();
        assertThat(cli.run("plan", file, "--kubeconfig", kubeconfig)).as(cli.err()).isZero();
        List<String> text = cli.out().lines().toList();
        assertThat(cli.run("plan", file, "--kubeconfig", kubeconfig, "-o", "json")).as(cli.err()).isZero();
        JsonNode plan = JsonMapper.builder().build().readTree(cli.out());

        assertThat(plan.get(SchemaVersion.FIELD).asInt()).isEqualTo(SchemaVersion.CURRENT);
        assertThat(cli.out()).startsWith("{\n  \"" + SchemaVersion.FIELD + "\" : " + SchemaVersion.CURRENT + ",");
        assertThat(plan.get("kind").asString()).isEqualTo("plan");
        assertThat(text.get(0)).isEqualTo("campaign   " + plan.get("campaign").asString());

        // The level table, row by row.
        for (JsonNode level : plan.get("levels")) {
            assertThat(text).anyMatch(line -> line.matches(level.get("name").asString() + " +"
                    + level.get("pods").asInt() + " +" + level.get("containersPerPod").asInt() + " +"
                    + level.get("volumesPerPod").asInt() + " +\\S+ +" + level.get("mountsPerPod").asInt() + " +"
                    + level.get("mounts").asLong()));
        }
        // The run order, run by run.
        int header = text.indexOf("run order");
        List<String> runs = new ArrayList<>();
        for (JsonNode run : plan.get("runs")) {
            runs.add(run.get("index").asInt() + " " + run.get("repetition").asInt() + " " + run.get("level").asString()
                    + " " + run.get("arm").asString() + " " + run.get("encapsulation").asString()
                    + (plan.at("/schedule/segments").isNull() ? "" : " " + run.get("segment").asInt()));
        }
        assertThat(text.subList(header + 2, header + 2 + runs.size())).extracting(line -> line.strip()
                .replaceAll(" +", " ")).containsExactlyElementsOf(runs);
        assertThat(plan.at("/schedule/runs").asInt()).isEqualTo(runs.size());
        assertThat(text).anyMatch(line -> line.contains(" = " + runs.size() + " runs, arms "
                + plan.at("/schedule/order").asString()));
        // The estimate, rounded as the text rounds it.
        double seconds = plan.at("/estimate/seconds").asDouble();
        assertThat(text).anyMatch(line -> line.startsWith("estimated duration: "
                + (plan.at("/estimate/lowerBound").asBoolean() ? "at least " : "")
                + Durations.rough(Duration.ofNanos(Math.round(seconds * 1e9))) + " "));
        // The warnings, word for word.
        for (JsonNode warning : plan.get("warnings")) {
            assertThat(text).contains(warning.asString());
        }
    }

    @Test
    void aMachineConfigCampaignsRolloutsAndWhatTheCouldNotBeCountedAreThere(@TempDir Path dir) {
        Path none = dir.resolve("no-kubeconfig");

        int code = cli.run("plan", EXAMPLES.resolve("cluster-node-density-mounts.yaml").toString(), "--kubeconfig",
                none.toString(), "-o", "json");

        assertThat(code).as(cli.err()).isZero();
        JsonNode plan = JsonMapper.builder().build().readTree(cli.out());
        assertThat(plan.at("/reboots/counted").asBoolean()).isFalse();
        assertThat(plan.at("/reboots/notCounted").asString()).isEqualTo("the cluster was not reached: " + none
                + ": no such kubeconfig file");
        assertThat(plan.at("/reboots/machineConfigs/0").asString()).isEqualTo("99-kubens-worker");
        assertThat(plan.at("/rollouts/count").asInt()).isEqualTo(2);
        assertThat(plan.at("/rollouts/betweenRuns/0/run").asInt()).isEqualTo(6);
        assertThat(plan.at("/rollouts/betweenRuns/1/run").asInt()).isEqualTo(15);
        assertThat(plan.at("/rollouts/beforeFirstRun").isNull()).isTrue();
        assertThat(plan.at("/rollouts/oneMoreIfNotInFirstState").asBoolean()).isTrue();
        assertThat(plan.at("/estimate/rolloutsIncluded").asBoolean()).isFalse();
        assertThat(plan.at("/estimate/rolloutsSeconds").isNull()).isTrue();
        assertThat(plan.at("/schedule/segments/1/firstRun").asInt()).isEqualTo(6);
        assertThat(plan.at("/schedule/segments/1/lastRun").asInt()).isEqualTo(14);
        assertThat(plan.at("/api/churnWritesPerSecondPerNode").asDouble()).isEqualTo(28.0);
        assertThat(plan.at("/api/nodesServed").asInt()).isEqualTo(7);
        // 18 runs x (30s + 60s + 20s) + 2ms x 15 mounts x 6 x (50 + 100 + 200) pods = 1980s + 63s
        assertThat(plan.at("/estimate/seconds").asDouble()).isEqualTo(2043.0);
    }

    @Test
    void aTooShortCampaignsWarningIsInTheJson(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), PlanCommandTest.TWO_REPETITIONS_ON_A_LAB);

        assertThat(cli.run("plan", file.toString(), "-o", "json")).as(cli.err()).isZero();

        JsonNode plan = JsonMapper.builder().build().readTree(cli.out());
        assertThat(plan.get("warnings")).hasSize(1);
        assertThat(plan.at("/warnings/0").asString()).startsWith("warning: 2 repetitions give each arm 2 runs");
        assertThat(plan.get("reboots").isNull()).isTrue();
        assertThat(plan.get("api").isNull()).isTrue();
    }

    @Test
    void anUnknownFormatIsBadInputInOneLine() {
        int code = cli.run("plan", EXAMPLES.resolve("lab-quick.yaml").toString(), "-o", "yaml");

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().lines()).containsExactly("kubens-bench: -o yaml: write one of text, json");
        assertThat(cli.out()).isEmpty();
    }
}
