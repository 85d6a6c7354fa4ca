package io.kubensbench.bench.cli;

import static io.kubensbench.bench.cli.CompareCommandTest.results;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.analysis.results.SchemaVersion;
import io.kubensbench.bench.cli.CompareCommandTest.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code -o json} as a CI job reads it: one document on stdout, schemaVersion and kind first,
 * the figures the text shows for the same results, field names kept in golden files
 * ({@code analysis-fields.txt}, {@code comparison-fields.txt}).
 */
class JsonOutputTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Cli cli = new Cli();

    @Test
    void analyzePrintsSummaryJsonItselfAndTheTextsFigures(@TempDir Path dir) throws Exception {
        Path r = results(dir.resolve("r"), 5, 0.25, 0.02);
        assertThat(cli.run("analyze", r.toString())).isZero();
        String text = cli.out();

        assertThat(cli.run("analyze", r.toString(), "-o", "json")).as(cli.err()).isZero();
        String json = cli.out();
        assertThat(json).isEqualTo(Files.readString(r.resolve(SummaryJson.FILE)));
        assertThat(cli.err()).isEqualTo("kubens-bench: summary: " + r.resolve(SummaryJson.FILE) + System.lineSeparator());
        JsonNode doc = JSON.readTree(json);
        assertThat(doc.propertyNames()).startsWith(SchemaVersion.FIELD, "kind");
        assertThat(doc.get(SchemaVersion.FIELD).asInt()).isEqualTo(SchemaVersion.CURRENT);
        assertThat(doc.get("kind").asString()).isEqualTo("analysis");
        JsonNode cell = doc.at("/cells/0");
        assertThat(cell.get("level").asString()).isEqualTo("pods=200");
        assertThat(cell.get("verdict").asString()).isEqualTo("REDUCED");
        assertThat(cell.at("/baseline/n").asInt()).isEqualTo(5);
        assertThat(cell.at("/candidate/n").asInt()).isEqualTo(5);
        // the text rounds the off arm's mean to 2 decimals in % of a core; the document keeps the double
        double offMean = cell.at("/baseline/cores/mean").asDouble();
        assertThat(text).contains(String.format(Locale.ROOT, "%.2f%%", 100 * offMean), "reduced",
                "n = 5 off, 5 on valid runs");
        assertThat(JsonFields.of(doc, Set.of("invalidReasons", "exclusions")))
                .isEqualTo(JsonFields.golden("analysis-fields.txt"));
    }

    @Test
    void compareCarriesEachLevelsChangeWithItsIntervalTheChecksAndTheExitCode(@TempDir Path dir) throws Exception {
        Path base = results(dir.resolve("base"), new Level("pods=200", 5, 0.25, 0.02), new Level("pods=50", 5, 0.06, 0.005));
        Path cur = results(dir.resolve("cur"), new Level("pods=200", 5, 0.25, 0.06), new Level("pods=50", 2, 0.06, 0.005));
        assertThat(cli.run("compare", base.toString(), cur.toString())).isEqualTo(10);
        List<String> text = cli.out().lines().toList();

        assertThat(cli.run("compare", base.toString(), cur.toString(), "--output", "json")).isEqualTo(10);
        JsonNode doc = JSON.readTree(cli.out());
        assertThat(doc.propertyNames()).startsWith(SchemaVersion.FIELD, "kind");
        assertThat(doc.get(SchemaVersion.FIELD).asInt()).isEqualTo(SchemaVersion.CURRENT);
        assertThat(doc.get("kind").asString()).isEqualTo("comparison");
        assertThat(doc.get("exitCode").asInt()).isEqualTo(10);
        assertThat(doc.get("result").asString()).isEqualTo("REGRESSION");
        assertThat(doc.get("verdict").asString()).isEqualTo(text.get(text.size() - 1));
        assertThat(doc.get("maxRegressionPoints").asDouble()).isEqualTo(10);
        // every check the text prints, in its order, with the same message and outcome
        JsonNode checks = doc.get("checks");
        assertThat(checks.size()).isEqualTo(text.size() - 1);
        for (int i = 0; i < checks.size(); i++) {
            JsonNode c = checks.get(i);
            assertThat(text.get(i)).startsWith(c.get("passed").asBoolean() ? "ok" : "FAIL")
                    .contains(c.get("level").asString(), c.get("metric").asString())
                    .endsWith(c.get("message").asString());
        }
        assertThat(checks.valueStream().filter(c -> c.get("exitCode").asInt() == 12).map(c -> c.get("level").asString()))
                .containsExactly("pods=50");
        // the level the gate judged: its change of the reduction as the text prints it, unrounded here
        JsonNode judged = doc.get("levels").valueStream().filter(l -> l.get("level").asString().equals("pods=200"))
                .findFirst().orElseThrow();
        JsonNode change = judged.get("reductionChange");
        String points = String.format(Locale.ROOT, "change %+.1f points (90%% CI %+.1f to %+.1f points",
                100 * change.get("estimate").asDouble(),
                100 * change.get("low").asDouble(), 100 * change.get("high").asDouble());
        assertThat(text).anySatisfy(line -> assertThat(line).contains("pods=200", "reduction", points));
        assertThat(change.get("confidence").asDouble()).isEqualTo(0.9);
        assertThat(change.get("exact").asBoolean()).isFalse();
        assertThat(judged.at("/baseline/verdict").asString()).isEqualTo("REDUCED");
        assertThat(judged.at("/current/candidateArm/n").asInt()).isEqualTo(5);
        JsonNode unjudged = doc.get("levels").valueStream().filter(l -> l.get("level").asString().equals("pods=50"))
                .findFirst().orElseThrow();
        assertThat(unjudged.get("reductionChange").isNull()).isTrue();
        assertThat(unjudged.at("/current/verdict").asString()).isEqualTo("INSUFFICIENT_DATA");
        assertThat(JsonFields.of(doc, Set.of())).isEqualTo(JsonFields.golden("comparison-fields.txt"));
    }

    @Test
    void aPassingCompareIsExit0InTheDocumentToo(@TempDir Path dir) throws Exception {
        Path r = results(dir.resolve("r"), 5, 0.25, 0.02);
        assertThat(cli.run("compare", r.toString(), r.toString(), "-o", "json")).isZero();
        JsonNode doc = JSON.readTree(cli.out());
        assertThat(doc.get("exitCode").asInt()).isZero();
        assertThat(doc.get("result").asString()).isEqualTo("PASS");
        assertThat(doc.at("/levels/0/reductionChange/estimate").asDouble()).isZero();
    }

    @Test
    void predictsDocumentStartsWithSchemaVersionAndKindToo() {
        assertThat(cli.run("predict", "src/test/resources/calibration/lab-cost-model", "--mounts", "1544", "--events",
                "150.4", "-o", "json")).as(cli.err()).isZero();
        JsonNode doc = JSON.readTree(cli.out());
        assertThat(doc.propertyNames()).startsWith(SchemaVersion.FIELD, "kind");
        assertThat(doc.get(SchemaVersion.FIELD).asInt()).isEqualTo(SchemaVersion.CURRENT);
        assertThat(doc.get("kind").asString()).isEqualTo("prediction");
    }

    @Test
    void anUnknownFormatIsOneLineNamingTheValidOnesAndExit2(@TempDir Path dir) throws Exception {
        Path r = results(dir.resolve("r"), 3, 0.25, 0.02);
        for (List<String> args : List.of(List.of("analyze", r.toString()), List.of("compare", r.toString(), r.toString()),
                List.of("encapsulation", "verify"), List.of("lab", "verify"))) {
            String[] argv = Stream.concat(args.stream(), Stream.of("-o", "yaml")).toArray(String[]::new);
            assertThat(cli.run(argv)).as(String.join(" ", args)).isEqualTo(Main.BAD_INPUT);
            assertThat(cli.out()).isEmpty();
            assertThat(cli.err().lines()).singleElement().asString().startsWith("kubens-bench: ")
                    .contains("write one of text, json (got 'yaml')");
        }
    }

    @Test
    void jsonGoesWithStatusAndVerifyOnly() {
        assertThat(cli.run("encapsulation", "enable", "-o", "json")).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().lines()).containsExactly("kubens-bench: -o json goes with status and verify only");
    }

    @Test
    void encapsulationHelpNamesVerifysExitCodes() {
        assertThat(cli.run("encapsulation", "--help")).isZero();
        assertThat(cli.out()).contains("Exit codes:", "   3   verify: a node checked disagrees with the state expected of it",
                "   1   error (verify: the check could not be made)", "-o, --output=text|json");
    }
}
