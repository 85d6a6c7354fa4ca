package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.LabCapacity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** A damaged results directory still analyses, and every output says which lines it skipped. */
class DamagedResultsTest {

    @TempDir
    Path tmp;

    private final Cli cli = new Cli();

    private int run(String... args) {
        return cli.run(args);
    }

    private Path results(String name) throws Exception {
        CampaignSpec spec = new CampaignReader(new LabCapacity(LabCapacity.DEFAULT_MOUNT_MAX))
                .parse(CompareCommandTest.CAMPAIGN, "gate.yaml");
        return ResultsFixture.write(tmp.resolve(name), CompareCommandTest.CAMPAIGN, spec, List.of("lab-h"), 5, 0.25,
                0.02);
    }

    /** Puts {@code line} into {@code file} so that it becomes line {@code number}. */
    private static void insert(Path file, int number, String line) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(number - 1, line);
        Files.write(file, lines);
    }

    @Test
    void aGarbageLineInTheMiddleOfTheRunsIsNamedByEveryOutput() throws Exception {
        Path dir = results("damaged");
        Path runs = dir.resolve(ResultsDir.RUNS);
        insert(runs, 3, "garbage");
        String named = runs + " line 3: Unrecognized token 'garbage'";

        assertThat(run("analyze", dir.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("campaign gate: 10 runs, 10 valid", "  1 unreadable line skipped:\n    "
                + named, "reduced");
        JsonNode summary = SummaryJson.mapper().readTree(dir.resolve(SummaryJson.FILE).toFile());
        assertThat(summary.path("unreadable")).hasSize(1);
        assertThat(summary.path("unreadable").get(0).path("file").asString()).isEqualTo(runs.toString());
        assertThat(summary.path("unreadable").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(summary.path("unreadable").get(0).path("reason").asString()).startsWith("Unrecognized token 'garbage'");

        assertThat(run("report", dir.toString())).as(cli.err()).isZero();
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("1 unreadable line skipped: " + named);
        assertThat(Files.readString(dir.resolve("report/index.html")).replace("&#39;", "'"))
                .contains("Damaged results: 1 unreadable line skipped: " + named);

        Path clean = results("clean");
        Path md = tmp.resolve("compare.md");
        assertThat(run("compare", clean.toString(), dir.toString(), "--markdown", md.toString())).isZero();
        assertThat(cli.out()).contains("current: 1 unreadable line skipped:\n  " + named)
                .doesNotContain("baseline: ");
        assertThat(Files.readString(md)).contains("Current results damaged: 1 unreadable line skipped: " + named);
    }

    @Test
    void aDamagedSampleLineIsNamedToo() throws Exception {
        Path dir = results("samples");
        insert(dir.resolve(ResultsDir.SAMPLES), 5, "{\"run\": 1, \"attempt\": }");
        assertThat(run("analyze", dir.toString())).isZero();
        assertThat(cli.out()).contains("1 unreadable line skipped:", dir.resolve(ResultsDir.SAMPLES) + " line 5: ");
    }

    @Test
    void aLastLineCutShortByAKillIsNotDamage() throws Exception {
        Path dir = results("killed");
        Files.writeString(dir.resolve(ResultsDir.RUNS), "{\"index\":10,\"attempt\":\"x\",\"rep",
                StandardOpenOption.APPEND);
        assertThat(run("analyze", dir.toString())).isZero();
        assertThat(cli.out()).contains("campaign gate: 10 runs, 10 valid").doesNotContain("unreadable");
        assertThat(SummaryJson.read(dir.resolve(SummaryJson.FILE)).unreadable()).isEmpty();
    }
}
