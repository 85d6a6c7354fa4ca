package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.model.Load;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.Prediction;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.lab.LabAssumptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load model against a load it never saw, on a real lab node: a campaign whose levels vary
 * pods and churn, one of them held out of the fit, its pods and churn both unlike every fitted
 * level's. Its measured mounts and events/s, given to the model fitted on the others, must
 * predict its measured CPU within 15% and inside the 95% prediction interval: what a user of
 * {@code kubens-bench predict} is promised for a node like the calibration's. The held-out
 * level runs interleaved with the calibration's, so a drift of the machine over the minutes
 * falls on both alike rather than between them (the same levels measured an hour apart on one
 * machine differed by 12% to 25%). Both arms are off (an A/A design) so every run feeds the
 * model with encapsulation off.
 */
class LabLoadModelValidationTest {

    private static final String CAMPAIGN = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: %s
            target: {lab: {}}
            workload:
              containersPerPod: 2
              volumesPerPod: {secret: 4, projected: 1, configMap: 2, emptyDirMemory: 2, downwardAPI: 1}
              churn: {podsPerSecond: 5}
            levels:
            %s
            arms:
              - {name: off-a, encapsulation: off}
              - {name: off-b, encapsulation: off}
            schedule: {warmup: 1s, measure: 5s, repetitions: %d, order: interleaved, seed: 1}
            sampling: {interval: 1s}
            """;

    /** Few and many mounts at a low and a high churn, and between: lab-cost-model.yaml's shape, smaller. */
    private static final List<String> CALIBRATION = List.of(
            "{pods: 60, churn: {podsPerSecond: 1}}",
            "{pods: 180, churn: {podsPerSecond: 1}}",
            "{pods: 120, churn: {podsPerSecond: 3}}",
            "{pods: 60, churn: {podsPerSecond: 8}}",
            "{pods: 180, churn: {podsPerSecond: 6}}",
            "{pods: 150, churn: {podsPerSecond: 8}}");

    /** Pods and churn both unlike any calibrated level's, inside their range. */
    private static final int HELD_OUT_PODS = 100;
    private static final String HELD_OUT = "{pods: " + HELD_OUT_PODS + ", churn: {podsPerSecond: 4}}";

    private final Cli cli = new Cli();

    @BeforeEach
    void requireLab() {
        LabAssumptions.assumeLab();
    }

    @Test
    void theModelPredictsAHeldOutLevelWithin15PercentAndInsideItsInterval(@TempDir Path dir) throws Exception {
        List<String> levels = new ArrayList<>(CALIBRATION);
        levels.add(3, HELD_OUT);
        Path results = run(dir, "lab-model-validation", levels, 1);
        List<RunRecord> runs = new ResultsDir(results).runs();
        String heldOut = runs.stream().filter(r -> r.pods() == HELD_OUT_PODS).findFirst().orElseThrow().level();
        Path calibration = withoutLevel(results, heldOut, dir.resolve("calibration"));

        Summary summary = CampaignAnalysis.analyze(List.of(calibration));
        assertThat(summary.loadModels().stream().flatMap(m -> m.points().stream()))
                .noneMatch(p -> p.level().equals(heldOut));
        LoadModel off = summary.loadModels().stream().filter(m -> m.state().equals("off")).findFirst().orElseThrow();
        assertThat(off.degenerate()).as("the model with encapsulation off").isNull();
        List<RunRecord> measured = runs.stream().filter(r -> r.level().equals(heldOut)).toList();
        assertThat(measured).hasSize(2).allMatch(RunRecord::valid);
        Load load = new Load(measured.stream().mapToDouble(RunRecord::systemdMounts).average().orElseThrow(),
                measured.stream().mapToDouble(RunRecord::mountEventsPerSecond).average().orElseThrow());
        double cores = measured.stream().mapToDouble(RunRecord::systemdCores).average().orElseThrow();
        Prediction predicted = off.predict(load);
        double error = predicted.cores() / cores - 1;

        System.out.printf(Locale.ROOT, "load model validation: form %s, leave-one-level-out error %.1f%%;"
                        + " held-out %s at %.0f mounts, %.1f events/s: measured %.2f%% of a core (runs %s),"
                        + " predicted %.2f%% [%.2f, %.2f], error %+.1f%%%n",
                off.form().label(), 100 * off.validationError(), HELD_OUT, load.mounts(), load.eventsPerSecond(),
                100 * cores, measured.stream().map(r -> String.format(Locale.ROOT, "%.2f", 100 * r.systemdCores()))
                        .toList(), 100 * predicted.cores(), 100 * predicted.low(), 100 * predicted.high(),
                100 * error);
        assertThat(predicted.inside()).as("the held-out load lies inside the calibrated range").isTrue();
        assertThat(Math.abs(error)).as("relative error of the prediction").isLessThan(0.15);
        assertThat(cores).as("measured CPU inside the 95%% prediction interval [%s, %s]", predicted.low(),
                predicted.high()).isBetween(predicted.low(), predicted.high());

        // The same prediction as the command prints it.
        int code = cli.run("predict", calibration.toString(), "--mounts", Double.toString(load.mounts()),
                "--events", Double.toString(load.eventsPerSecond()), "-o", "json");
        assertThat(code).as(cli.err()).isZero();
        JsonNode json = new JsonMapper().readTree(cli.out());
        assertThat(json.path("off").path("cores").asDouble()).isEqualTo(predicted.cores());
        assertThat(json.path("model").path("form").asString()).isEqualTo(off.form().name());
        assertThat(json.path("extrapolation").path("inside").asBoolean()).isTrue();
    }

    /** A copy of the results directory {@code results} without the runs of {@code level}: the calibration. */
    private static Path withoutLevel(Path results, String level, Path copy) throws IOException {
        Files.createDirectories(copy);
        for (String f : List.of(ResultsDir.CAMPAIGN, ResultsDir.MANIFEST, ResultsDir.ENVIRONMENT)) {
            Files.copy(results.resolve(f), copy.resolve(f));
        }
        ObjectMapper json = new JsonMapper();
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(results.resolve(ResultsDir.RUNS))) {
            if (!json.readTree(line).path("level").asString().equals(level)) {
                kept.add(line);
            }
        }
        Files.write(copy.resolve(ResultsDir.RUNS), kept);
        return copy;
    }

    private Path run(Path dir, String name, List<String> levels, int repetitions) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, CAMPAIGN.formatted(name,
                String.join("\n", levels.stream().map(l -> "  - " + l).toList()), repetitions));
        Path results = dir.resolve(name);
        int code = cli.run("run", file.toString(), "--out", results.toString());
        assertThat(code).as(cli.err()).isZero();
        return results;
    }
}
