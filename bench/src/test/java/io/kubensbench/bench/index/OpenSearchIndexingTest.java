package io.kubensbench.bench.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import io.kubensbench.bench.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code analyze} and {@code compare} indexing a real recorded campaign into a real OpenSearch
 * node: what a Grafana dashboard or Orion would find there, that indexing twice replaces, that
 * a refusal is one line and exit 4 with every result still written, and that {@code --index-dir}
 * holds exactly what the server got.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSearchIndexingTest {

    private static final Path FIXTURE = Path.of("src/test/resources/calibration/lab-cost-model");

    private OpenSearchNode node;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        node = new OpenSearchNode(dir);
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
    }

    @Test
    void analyzeIndexesEveryRunWindowAndVerdictOnceAndTheDirectoryHoldsTheSameDocuments(@TempDir Path tmp) throws Exception {
        Path results = copy(FIXTURE, tmp.resolve("analyze"));
        Path ndjson = tmp.resolve("analyze-ndjson");
        String index = "kubens-bench-analyze";

        Run first = cli("analyze", results.toString(), "--es-server", node.url().toString(), "--es-index", index,
                "--index-dir", ndjson.toString());
        assertThat(first.code()).as(first.err()).isEqualTo(0);
        assertThat(results.resolve("summary.json")).exists();
        ResultsDir dir = new ResultsDir(results);
        String uuid = IndexedCampaign.of(dir).uuid();
        Map<String, Long> expected = Map.of(
                RunDocuments.METRIC, (long) dir.runs().size(),
                WindowDocuments.METRIC, sampledWindows(dir),
                VerdictDocuments.METRIC, (long) dir.campaign().levels().size());
        assertThat(expected.get(RunDocuments.METRIC)).isEqualTo(36);
        assertThat(expected.get(WindowDocuments.METRIC)).isEqualTo(36);
        assertThat(first.err()).contains("kubens-bench: indexed 78 documents (systemdCpu 36, systemdCpuVerdict 6,"
                + " systemdCpuWindow 36) into " + node.url() + " index " + index);

        assertThat(countsByMetric(index, uuid)).isEqualTo(new TreeMap<>(expected));

        Run second = cli("analyze", results.toString(), "--es-server", node.url().toString(), "--es-index", index,
                "--index-dir", ndjson.toString());
        assertThat(second.code()).as(second.err()).isEqualTo(0);
        assertThat(countsByMetric(index, uuid)).as("indexed twice, still one document each")
                .isEqualTo(new TreeMap<>(expected));

        Map<String, JsonNode> inFiles = documentsIn(ndjson, index);
        assertThat(inFiles).hasSize(78);
        try (Stream<Path> files = Files.list(ndjson)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("systemdCpu.ndjson", "systemdCpuWindow.ndjson", "systemdCpuVerdict.ndjson");
        }
        assertThat(sources(index, uuid)).isEqualTo(inFiles);

        JsonNode verdict = search(index, "uuid:\"" + uuid + "\" AND metricName:\"systemdCpuVerdict\" AND level:\"pods=200,churn=6\"")
                .path("hits").path("hits").get(0).path("_source");
        assertThat(verdict.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(verdict.path("jobName").asString()).isEqualTo("lab-cost-model");
        assertThat(verdict.path("metadata").path("targetKind").asString()).isEqualTo("lab");
        assertThat(verdict.path("metadata").path("systemdVersion").asString()).isEqualTo("systemd 252 (252.38-1~deb12u1)");
        assertThat(verdict.path("verdict").asString()).isEqualTo("reduced");
        assertThat(verdict.path("baselineRuns").asInt()).isEqualTo(3);
    }

    @Test
    void compareIndexesOneDocumentPerLevelUnderTheCurrentCampaignAndKeepsTheGatesExitCode(@TempDir Path tmp) throws Exception {
        Path baseline = copy(FIXTURE, tmp.resolve("compare-baseline"));
        Path current = copy(FIXTURE, tmp.resolve("compare-current"));
        String index = "kubens-bench-compare";

        Run run = cli("compare", baseline.toString(), current.toString(), "--es-server", node.url().toString(),
                "--es-index", index);
        Run again = cli("compare", baseline.toString(), current.toString(), "--es-server", node.url().toString(),
                "--es-index", index);

        assertThat(again.code()).isEqualTo(run.code());
        assertThat(run.err()).contains("indexed 6 documents (systemdCpuComparison 6)");
        String uuid = IndexedCampaign.of(new ResultsDir(current)).uuid();
        assertThat(countsByMetric(index, uuid)).isEqualTo(Map.of(ComparisonDocuments.METRIC, 6L));
        JsonNode doc = search(index, "uuid:\"" + uuid + "\" AND level:\"pods=60,churn=1\"")
                .path("hits").path("hits").get(0).path("_source");
        assertThat(doc.path("baselineUuid").asString()).isEqualTo(uuid);
        assertThat(doc.path("changePoints").asDouble()).isEqualTo(0.0);
        assertThat(doc.path("gateExitCode").asInt()).isEqualTo(run.code());
        assertThat(doc.path("checks").size()).isEqualTo(3);
    }

    @Test
    void aRefusalIsOneLineAndExit3AfterTheSummaryIsWritten(@TempDir Path tmp) throws Exception {
        Path results = copy(FIXTURE, tmp.resolve("refused"));
        String index = "kubens-bench-refused";
        HttpResponse<String> created = node.call("PUT", "/" + index,
                "{\"mappings\":{\"properties\":{\"uuid\":{\"type\":\"integer\"}}}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        Run run = cli("analyze", results.toString(), "--es-server", node.url().toString(), "--es-index", index);

        assertThat(run.code()).isEqualTo(4);
        assertThat(results.resolve("summary.json")).exists();
        assertThat(run.out()).contains("summary: ");
        List<String> errors = run.err().lines().filter(l -> l.contains("error")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("kubens-bench: error: " + node.url() + " refused 78 of 78 documents"
                + " for index " + index + ": 400 Bad Request ").contains("uuid");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void badIndexingOptionsAreRefusedBeforeAnythingIsWritten(@TempDir Path tmp) throws Exception {
        Path results = copy(FIXTURE, tmp.resolve("bad-options"));

        Run upper = cli("analyze", results.toString(), "--es-server", node.url().toString(), "--es-index", "Kubens");
        Run noPassword = cli("analyze", results.toString(), "--es-server", node.url().toString(), "--es-user", "kb");

        assertThat(upper.code()).isEqualTo(2);
        assertThat(upper.err().strip()).isEqualTo("kubens-bench: --es-index: must be an index name: lowercase letters,"
                + " digits and . _ + -, starting with a letter or digit, at most 255 (got 'Kubens')");
        assertThat(noPassword.code()).isEqualTo(2);
        assertThat(noPassword.err().strip()).isEqualTo("kubens-bench: --es-user needs a password: set"
                + " $KUBENS_BENCH_ES_PASSWORD or give --es-password-file FILE (never on the command line)");
        assertThat(results.resolve("summary.json")).doesNotExist();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    /** Runs whose measure window has two samples or more: the windows a directory holds. */
    private static long sampledWindows(ResultsDir dir) throws IOException {
        Map<String, Integer> measured = new HashMap<>();
        dir.samples(s -> {
            if ("measure".equals(s.phase())) {
                measured.merge(s.attempt(), 1, Integer::sum);
            }
        });
        return dir.runs().stream().map(RunRecord::attempt).filter(a -> measured.getOrDefault(a, 0) >= 2).count();
    }

    private Map<String, Long> countsByMetric(String index, String uuid) throws Exception {
        JsonNode hits = search(index, "uuid:\"" + uuid + "\"").path("hits").path("hits");
        Map<String, Long> counts = new TreeMap<>();
        hits.forEach(h -> counts.merge(h.path("_source").path("metricName").asString(), 1L, Long::sum));
        return counts;
    }

    private Map<String, JsonNode> sources(String index, String uuid) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        search(index, "uuid:\"" + uuid + "\"").path("hits").path("hits")
                .forEach(h -> out.put(h.path("_id").asString(), h.path("_source")));
        return out;
    }

    private JsonNode search(String index, String luceneQuery) throws Exception {
        assertThat(node.call("POST", "/" + index + "/_refresh", null).statusCode()).isEqualTo(200);
        String body = json.writeValueAsString(Map.of("size", 1000, "track_total_hits", true,
                "query", Map.of("query_string", Map.of("query", luceneQuery))));
        HttpResponse<String> r = node.call("POST", "/" + index + "/_search", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    /** The documents of an --index-dir by id, each file's action lines naming {@code index}. */
    private Map<String, JsonNode> documentsIn(Path dir, String index) throws IOException {
        Map<String, JsonNode> out = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                List<String> lines = Files.readAllLines(f);
                assertThat(lines.size() % 2).isZero();
                for (int i = 0; i < lines.size(); i += 2) {
                    JsonNode action = json.readTree(lines.get(i)).path("index");
                    assertThat(action.path("_index").asString()).isEqualTo(index);
                    assertThat(out.put(action.path("_id").asString(), json.readTree(lines.get(i + 1)))).isNull();
                }
            }
        }
        return out;
    }
}
