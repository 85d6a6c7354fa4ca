package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.model.Load;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.LoadRange;
import io.kubensbench.analysis.model.Prediction;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.stats.Interval;
import io.kubensbench.analysis.text.Numbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code predict} on the real results of {@code lab-cost-model.yaml}, measured on a lab node:
 * the figures it prints are the load model's, the calibration is named, and loads far outside
 * what was measured are refused unless asked for.
 */
class PredictCommandTest {

    /** The shipped calibration campaign's results as a lab node wrote them. */
    static final Path CALIBRATION = Path.of("src", "test", "resources", "calibration", "lab-cost-model");

    /** A level of 100 pods at 5 pods/s, neither among the calibration's, measured on the same node after it. */
    static final Path HELD_OUT = Path.of("src", "test", "resources", "calibration", "lab-cost-model-held-out");

    private static LoadModel off;
    private static LoadRange range;
    private final Cli cli = new Cli();

    @BeforeAll
    static void fit() throws IOException {
        Summary summary = CampaignAnalysis.analyze(List.of(CALIBRATION));
        off = summary.loadModels().stream().filter(m -> m.state().equals("off")).findFirst().orElseThrow();
        range = off.range();
    }

    private Load middle() {
        return new Load(Math.round((range.minMounts() + range.maxMounts()) / 2),
                Math.round((range.minEvents() + range.maxEvents()) / 2));
    }

    /** A row of the CPU table as far as its figure: name, then the share of a core right-aligned. */
    private static String row(String name, double cores) {
        return String.format(Locale.ROOT, "  %-7s %7s", name, Numbers.coreShare(cores));
    }

    private int predict(Load load, String... more) {
        List<String> args = new ArrayList<>(List.of("predict", CALIBRATION.toString(),
                "--mounts", Numbers.plain(load.mounts()), "--events", Numbers.plain(load.eventsPerSecond())));
        args.addAll(List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void printsTheCalibrationTheModelAndSystemdsCpuOffAndOnAtALoadInsideTheRange() throws IOException {
        Load load = middle();
        assertThat(predict(load)).as(cli.err()).isZero();
        Prediction p = off.predict(load);
        String env = new ResultsDir(CALIBRATION).environment().systemdVersion();
        assertThat(cli.out()).contains("calibration  lab-cost-model (lab)", env,
                "levels " + off.points().stream().map(x -> x.level()).collect(Collectors.joining("; ")),
                "model off    " + off.form().label() + ": " + off.form().formula(),
                "leave-one-level-out error " + Numbers.percent(off.validationError()),
                "inside the calibrated loads",
                row("off", p.cores()) + Numbers.coreShareBracketed(p.cores(), new Interval(p.low(), p.high()))
                        .substring(Numbers.coreShare(p.cores()).length()));
        assertThat(cli.out()).contains(row("on", 0) + " (exactly: no CPU at any calibrated level)",
                row("saving", p.cores()));
        assertThat(cli.out()).doesNotContain("warning");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void theCalibrationPredictsALevelItNeverSawWithin15PercentAndInsideTheInterval() throws IOException {
        List<RunRecord> measured = new ResultsDir(HELD_OUT).runs().stream()
                .filter(r -> r.valid() && r.encapsulation().equals("off")).toList();
        assertThat(measured).hasSize(3);
        Load load = new Load(measured.stream().mapToDouble(RunRecord::systemdMounts).average().orElseThrow(),
                measured.stream().mapToDouble(RunRecord::mountEventsPerSecond).average().orElseThrow());
        double cores = measured.stream().mapToDouble(RunRecord::systemdCores).average().orElseThrow();

        assertThat(predict(load, "-o", "json")).as(cli.err()).isZero();
        JsonNode json = new JsonMapper().readTree(cli.out());
        double predicted = json.path("off").path("cores").asDouble();
        assertThat(Math.abs(predicted / cores - 1)).isLessThan(0.15);
        assertThat(cores).isBetween(json.path("off").path("low").asDouble(), json.path("off").path("high").asDouble());
        assertThat(json.path("extrapolation").path("inside").asBoolean()).isTrue();
    }

    @Test
    void jsonCarriesTheSameFiguresInStableFields() throws IOException {
        Load load = middle();
        assertThat(predict(load, "-o", "json")).as(cli.err()).isZero();
        JsonNode json = new JsonMapper().readTree(cli.out());
        Prediction p = off.predict(load);
        assertThat(json.path("calibration").path("campaign").asString()).isEqualTo("lab-cost-model");
        assertThat(json.path("calibration").path("levels")).hasSize(off.points().size());
        assertThat(json.path("calibration").path("range").path("maxMounts").asDouble()).isEqualTo(range.maxMounts());
        assertThat(json.path("model").path("form").asString()).isEqualTo(off.form().name());
        assertThat(json.path("model").path("validationError").asDouble()).isEqualTo(off.validationError());
        assertThat(json.path("load").path("mounts").asDouble()).isEqualTo(load.mounts());
        assertThat(json.path("off").path("cores").asDouble()).isEqualTo(p.cores());
        assertThat(json.path("off").path("low").asDouble()).isEqualTo(p.low());
        assertThat(json.path("off").path("high").asDouble()).isEqualTo(p.high());
        assertThat(json.path("on").path("cores").asDouble()).isZero();
        assertThat(json.path("on").path("exactlyZero").asBoolean()).isTrue();
        assertThat(json.path("on").path("low").isNull()).isTrue();
        assertThat(json.path("saving").path("cores").asDouble()).isEqualTo(p.cores());
        assertThat(json.path("saving").path("low").asDouble()).isEqualTo(p.low());
        assertThat(json.path("extrapolation").path("inside").asBoolean()).isTrue();
        assertThat(json.path("extrapolation").path("forced").asBoolean()).isFalse();
        assertThat(json.path("warnings")).isEmpty();
    }

    @Test
    void aLoadUpToTwiceBeyondIsPredictedAndSaysHowFar() {
        Load load = new Load(Math.round(1.6 * range.maxMounts()), middle().eventsPerSecond());
        assertThat(predict(load)).as(cli.err()).isZero();
        assertThat(cli.out()).contains("outside the calibrated loads (1.6 times)", "warning: outside the calibrated"
                + " loads: mounts 1.6 times the largest calibrated ("
                + String.format(Locale.ROOT, "%,.0f", range.maxMounts()) + ")");
        assertThat(cli.out()).contains(row("off", off.predict(load).cores()));
    }

    @Test
    void aLoadMoreThanTwiceBeyondIsRefusedInOneLineUnlessAskedFor() {
        Load load = new Load(Math.round(3 * range.maxMounts()), middle().eventsPerSecond());
        assertThat(predict(load)).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).hasLineCount(1).startsWith("kubens-bench: mounts 3.0 times the largest calibrated ("
                        + String.format(Locale.ROOT, "%,.0f", range.maxMounts()) + "), more than 2 times beyond")
                .contains("calibrate at that load", "--extrapolate");

        assertThat(predict(load, "--extrapolate")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("warning: an extrapolation beyond 2 times the calibrated loads",
                row("off", off.predict(load).cores()));
    }

    @Test
    void tooFewEventsAreAsFarOutsideAsTooMany() {
        Load load = new Load(middle().mounts(), Math.floor(range.minEvents() / 3));
        assertThat(predict(load)).isEqualTo(2);
        assertThat(cli.err()).hasLineCount(1).contains("events/s", "of the smallest calibrated");
    }

    @Test
    void badLoadsAndFormatsAreRefusedInOneLine() {
        assertThat(cli.run("predict", CALIBRATION.toString(), "--mounts", "-5", "--events", "100")).isEqualTo(2);
        assertThat(cli.err()).hasLineCount(1).contains("--mounts");
        assertThat(cli.run("predict", CALIBRATION.toString(), "--mounts", "many", "--events", "100")).isEqualTo(2);
        assertThat(cli.err()).hasLineCount(1).contains("--mounts", "many");
        assertThat(cli.run("predict", CALIBRATION.toString(), "--mounts", "1000", "--events", "NaN")).isEqualTo(2);
        assertThat(cli.err()).hasLineCount(1).contains("--events");
        assertThat(cli.run("predict", CALIBRATION.toString(), "--mounts", "1000", "--events", "100", "-o", "xml"))
                .isEqualTo(2);
        assertThat(cli.err()).hasLineCount(1).contains("-o must be one of [text, json]");
        assertThat(cli.run("predict", "no-such-dir", "--mounts", "1000", "--events", "100")).isEqualTo(2);
        assertThat(cli.err()).hasLineCount(1).contains("no such directory");
    }

    @Test
    void aCalibrationOfOneLevelHasNoModelAndIsRefused(@TempDir Path dir) throws IOException {
        for (String f : List.of(ResultsDir.CAMPAIGN, ResultsDir.MANIFEST, ResultsDir.ENVIRONMENT)) {
            Files.copy(CALIBRATION.resolve(f), dir.resolve(f));
        }
        String level = off.points().get(0).level();
        Files.write(dir.resolve(ResultsDir.RUNS), Files.readAllLines(CALIBRATION.resolve(ResultsDir.RUNS)).stream()
                .filter(l -> l.contains("\"level\":\"" + level + "\"")).toList());
        assertThat(cli.run("predict", dir.toString(), "--mounts", "1000", "--events", "100")).isEqualTo(2);
        assertThat(cli.err()).hasLineCount(1).startsWith("kubens-bench: " + dir + ": no load model with encapsulation"
                + " off: ").contains("lab-cost-model.yaml");
    }
}
