package io.kubensbench.bench.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubensbench.analysis.model.LoadModels;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.RunRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON scripts read: its field names against {@code estimate-fields.txt} (a field renamed
 * or dropped fails here; a new one is added to the file), and an estimate whose on model is
 * fitted (a cluster's encapsulated systemd still reacts a little), whose saving interval
 * then combines both.
 */
class EstimateJsonTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void theFieldNamesStayPutAndASavingOfTwoFittedModelsCombinesBothIntervals() throws IOException {
        Calibration calibration = Calibration.of(Path.of("results/cluster"), "cluster", LoadModels.fit(runs()),
                new Environment("kubens-bench", "cluster", "h", "5.14", null, "cpu", 8, 1L << 34, "java", "boot", "now",
                        "4.16", List.of("worker-0")));
        Node node = new NodeBuilder().withNewMetadata().withName("worker-a").endMetadata().build();
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            pods.add(new PodBuilder().withNewMetadata().withName("p" + i).endMetadata().withNewSpec()
                    .withNodeName("worker-a").addNewContainer().withName("c").endContainer()
                    .addNewVolume().withName("t").withNewProjected().endProjected().endVolume()
                    .addNewVolume().withName("d").withNewPersistentVolumeClaim().withClaimName("d")
                    .endPersistentVolumeClaim().endVolume().endSpec()
                    .withNewStatus().withPhase("Running").withStartTime(i < 10 ? "2026-11-29T11:55:00Z"
                            : "2026-11-29T09:00:00Z")
                    .addNewContainerStatus().withName("c").withNewState().withNewRunning().endRunning().endState()
                    .endContainerStatus().endStatus().build());
        }
        Estimate estimate = new Estimator(calibration, BaseMounts.of(null, calibration.off()), Duration.ofMinutes(10))
                .estimate(new ClusterListing(List.of(node), Map.of("worker-a", pods)), Map.of(), NOW);
        StringWriter text = new StringWriter();
        new EstimateJson().write(estimate, new PrintWriter(text));
        JsonNode root = new JsonMapper().readTree(text.toString());

        TreeSet<String> fields = new TreeSet<>();
        paths("", root, fields);
        try (InputStream in = getClass().getResourceAsStream("estimate-fields.txt")) {
            assertThat(String.join("\n", fields) + "\n").isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        JsonNode n = root.get("nodes").get(0);
        // 50 pods x (projected 1 + sandbox 5 + container 1 + the claim, assumed, 1) = 400, 10 started 5 minutes ago.
        assertThat(n.at("/mounts/pods").asInt()).isEqualTo(400);
        assertThat(n.at("/churn/startedMounts").asInt()).isEqualTo(80);
        assertThat(n.at("/on/degenerate").isNull()).isTrue();
        double saving = n.at("/saving/cores").asDouble();
        assertThat(saving).isEqualTo(n.at("/off/cores").asDouble() - n.at("/on/cores").asDouble());
        assertThat(n.at("/saving/low").asDouble()).isLessThan(saving);
        assertThat(n.at("/saving/high").asDouble()).isGreaterThan(saving);
        assertThat(n.at("/saving/high").asDouble() - saving)
                .as("wider than the off interval alone: the on model's uncertainty adds to it")
                .isGreaterThan(n.at("/off/high").asDouble() - n.at("/off/cores").asDouble());
        assertThat(n.at("/saving/note").isNull()).isTrue();
    }

    /** Six levels of a cluster campaign: off a saturating event cost, on a small one of its own. */
    private static List<RunRecord> runs() {
        List<RunRecord> runs = new ArrayList<>();
        double[][] levels = {{200, 0.3}, {400, 1}, {800, 0.5}, {800, 4}, {1600, 2}, {1200, 0.2}};
        long window = 60_000_000_000L;
        for (int rep = 0; rep < 3; rep++) {
            for (int l = 0; l < levels.length; l++) {
                double mounts = levels[l][0];
                double events = levels[l][1];
                double scatter = (1 + 0.015 * ((l % 3) - 1)) * (1 + 0.01 * ((rep % 3) - 1));
                double off = (0.002 + 1.2e-4 * mounts * events / (events + 1)) * scatter;
                double on = (0.001 + 2e-6 * mounts) * scatter;
                for (String state : List.of("off", "on")) {
                    int index = runs.size();
                    runs.add(RunRecord.builder().index(index).attempt("a" + index).repetition(rep + 1)
                            .level("level-" + l).pods((int) (mounts / 8)).arm(state).encapsulation(state)
                            .node("worker-0").measureNs(window)
                            .systemdSchedNs(Math.round((state.equals("off") ? off : on) * window))
                            .ticksPerSecond(100).mountEvents(state.equals("off") ? Math.round(events * 60) : 0)
                            .systemdMounts(state.equals("off") ? Math.round(mounts) : 60).samples(60).valid(true)
                            .build());
                }
            }
        }
        return runs;
    }

    /** Every field's path, array elements as {@code []}; the assumed volumes' kinds are values, not names. */
    private static void paths(String at, JsonNode node, TreeSet<String> out) {
        if (node.isObject() && !at.endsWith("/assumed") && !at.equals("/selector")) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.add(at + "/" + e.getKey());
                paths(at + "/" + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray() && !node.isEmpty() && node.get(0).isContainer()) {
            paths(at + "[]", node.get(0), out);
        }
    }
}
