package io.kubensbench.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.Unreadable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryJsonTest {

    @Test
    void roundTripKeepsEveryFigureIncludingNaNAndInfinity(@TempDir Path dir) throws IOException {
        Runs runs = new Runs()
                // constant arms: untestable, Welch's t and Hedges' g NaN
                .add("pods=100", "off", 0.25, 0.25, 0.25).add("pods=100", "on", 0.02, 0.02, 0.02)
                // an off mean that could be 0: the reduction's interval is unbounded, -Infinity to Infinity
                .add("pods=50", "off", 0.001, 0.050, 0.0005).add("pods=50", "on", 0.010, 0.012, 0.011)
                // one run per arm: intervals are NaN
                .add("pods=10", "off", 0.1).add("pods=10", "on", 0.01)
                .invalid("pods=10", "on", 0.3, "interrupted by the user")
                .run("pods=400", "off", 0.8, 4000, 200, true, null)
                .run("pods=400", "on", 0.03, 40, 200, true, null);
        Summary summary = new Analyzer().analyze("round-trip", List.of("a", "b"), runs.list(), "off", "on");
        CellResult constant = summary.cell("pods=100").orElseThrow();
        assertThat(constant.verdict()).isEqualTo(Verdict.UNTESTABLE);
        assertThat(constant.welch().t()).isNaN();
        assertThat(constant.hedgesG()).isNaN();
        CellResult unbounded = summary.cell("pods=50").orElseThrow();
        assertThat(unbounded.reductionInterval()).isEqualTo(IntervalKind.UNBOUNDED);
        assertThat(unbounded.reductionCiLow()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(summary.cell("pods=10").orElseThrow().differenceCiLow()).isNaN();
        assertThat(summary.costModels()).isNotEmpty();

        Path file = dir.resolve(SummaryJson.FILE);
        SummaryJson.write(summary, file);
        String text = Files.readString(file);
        assertThat(text).contains("\"NaN\"", "\"-Infinity\"", "\"Infinity\"", "\"verdict\" : \"UNTESTABLE\"",
                "\"reductionInterval\" : \"UNBOUNDED\"", "\"holmP\"").doesNotContain(": NaN");
        Summary back = SummaryJson.read(file);
        assertThat(back).isEqualTo(summary);
        assertThat(back.cell("pods=10").orElseThrow().reductionCiLow()).isNaN();
        assertThat(back.cell("pods=50").orElseThrow().reductionCiHigh()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void readsAPlainObjectMapperOutputToo(@TempDir Path dir) throws IOException {
        Summary summary = new Analyzer().analyze("plain", List.of("d"),
                new Runs().add("pods=1", "off", 0.2, 0.3).add("pods=1", "on", 0.1).list(), "off", "on");
        Path file = dir.resolve("plain.json");
        // a default ObjectMapper quotes non-numeric numbers the same way
        new tools.jackson.databind.ObjectMapper().writeValue(file.toFile(), summary);
        assertThat(SummaryJson.read(file)).isEqualTo(summary);
    }

    @Test
    void multiNodeSummaryKeepsNodesAndBlockedResults(@TempDir Path dir) throws IOException {
        Runs runs = new Runs()
                .node("node-a").add("pods=100", "off", 0.10, 0.11, 0.12).add("pods=100", "on", 0.02, 0.025, 0.03)
                .node("node-b").add("pods=100", "off", 0.30, 0.31, 0.32).add("pods=100", "on", 0.20, 0.21, 0.22)
                .node("node-c").add("pods=100", "off", 0.50, 0.52).invalid("pods=100", "on", 0.4, "failed: boom");
        Summary summary = new Analyzer().analyze("nodes", List.of("a"), runs.list(), "off", "on");
        assertThat(summary.nodes()).hasSize(3);
        assertThat(summary.cells().get(0).blocked().dropped()).containsExactly("node-c");

        Path file = dir.resolve(SummaryJson.FILE);
        SummaryJson.write(summary, file);
        assertThat(Files.readString(file)).contains("\"blocked\" : {", "\"dropped\" : [ \"node-c\" ]",
                "\"pairedT\" : {", "\"node\" : \"node-a\"");
        Summary back = SummaryJson.read(file);
        assertThat(back).isEqualTo(summary);
        // two blocks, both differences negative: the exact Wilcoxon p is 2 / 2^2
        assertThat(back.cells().get(0).blocked().wilcoxon().p()).isEqualTo(0.5);
    }

    @Test
    void singleNodeSummaryHasEmptyNodesAndNullBlocked(@TempDir Path dir) throws IOException {
        Summary summary = new Analyzer().analyze("one", List.of("d"),
                new Runs().add("pods=1", "off", 0.2, 0.3, 0.25).add("pods=1", "on", 0.1, 0.12, 0.11).list(), "off", "on");
        Path file = dir.resolve(SummaryJson.FILE);
        SummaryJson.write(summary, file);
        String text = Files.readString(file);
        assertThat(text).contains("\"nodes\" : [ ]", "\"blocked\" : null");

        // a summary.json written before nodes existed has neither field
        Path old = dir.resolve("old.json");
        Files.writeString(old, text.replace("\"nodes\" : [ ],", "").replace(",\n    \"blocked\" : null", "")
                .replace("\"reductionInterval\" : \"ESTIMATED\",", ""));
        assertThat(Files.readString(old)).doesNotContain("\"nodes\"", "\"blocked\"", "\"reductionInterval\"");
        Summary back = SummaryJson.read(old);
        // nor the interval's kind, which was then always a bootstrap interval
        assertThat(back.cells().get(0).reductionInterval()).isEqualTo(IntervalKind.ESTIMATED);
        assertThat(back.nodes()).isEmpty();
        assertThat(back.cells().get(0).blocked()).isNull();
        assertThat(back).isEqualTo(summary);
    }

    @Test
    void unreadableLinesAreCountedAndNamedAndAnOlderSummaryHasNone(@TempDir Path dir) throws IOException {
        Unreadable garbage = new Unreadable("r/runs.jsonl", 3, "Unrecognized token 'garbage'");
        Summary summary = new Analyzer().analyze("damaged", List.of("r"),
                new Runs().add("pods=1", "off", 0.2, 0.3).add("pods=1", "on", 0.1).list(), "off", "on",
                List.of(garbage));
        Path file = dir.resolve(SummaryJson.FILE);
        SummaryJson.write(summary, file);
        tools.jackson.databind.JsonNode json = SummaryJson.mapper().readTree(file.toFile());
        assertThat(json.path("unreadable")).hasSize(1);
        assertThat(json.path("unreadable").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(SummaryJson.read(file)).isEqualTo(summary);

        ((tools.jackson.databind.node.ObjectNode) json).remove("unreadable");
        SummaryJson.mapper().writeValue(file.toFile(), json);
        assertThat(SummaryJson.read(file).unreadable()).isEmpty();
    }
}
