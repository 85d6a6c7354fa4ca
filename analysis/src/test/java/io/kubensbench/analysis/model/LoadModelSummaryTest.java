package io.kubensbench.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.text.LoadModelText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load model as the analysis carries it: in the summary, through summary.json, and in words. */
class LoadModelSummaryTest {

    /** The lab's dose-response with churn varied: six levels, 3 runs an arm, the on arm at 0 ns. */
    private static List<RunRecord> campaign() {
        double[][] levels = {{40, 602, 28}, {120, 1727, 140}, {240, 3404, 140}, {180, 2564, 280}, {120, 1722, 280},
            {80, 1160, 56}};
        double[] scatter = {0.03, -0.02, 0.01, -0.03, 0.02, -0.01};
        CalibrationRuns runs = new CalibrationRuns();
        for (int i = 0; i < levels.length; i++) {
            double[] l = levels[i];
            double cores = (0.004 + 2.6e-4 * l[1] * l[2] / (l[2] + 190)) * (1 + scatter[i]);
            String level = "pods=" + (int) l[0] + ",churn=" + (int) (l[2] / 28);
            for (double run : new double[] {0.96, 1.0, 1.04}) {
                runs.off(level, (int) l[0], l[1], l[2], cores * run).on(level, (int) l[0], 0);
            }
        }
        return runs.list();
    }

    @Test
    void theAnalyzerCarriesOneModelPerStateAndSummaryJsonKeepsThem(@TempDir Path dir) throws IOException {
        List<RunRecord> runs = campaign();
        Summary summary = new Analyzer().analyze("load", List.of("d"), runs, "off", "on", List.of(), null);
        assertThat(summary.loadModels()).isEqualTo(LoadModels.fit(runs));
        assertThat(summary.loadModels()).extracting(LoadModel::state).containsExactly("off", "on");
        Path file = dir.resolve(SummaryJson.FILE);
        SummaryJson.write(summary, file);
        Summary back = SummaryJson.read(file);
        assertThat(back).isEqualTo(summary);
        LoadModel model = summary.loadModels().get(0);
        LoadModel read = back.loadModels().get(0);
        Load load = new Load(2200, 180);
        assertThat(read.predict(load)).isEqualTo(model.predict(load));
        List<Load> nodes = List.of(load, new Load(5000, 20));
        assertThat(read.predictTotal(nodes)).isEqualTo(model.predictTotal(nodes));
        assertThat(back.loadModels().get(1).predict(load)).isEqualTo(summary.loadModels().get(1).predict(load));
    }

    @Test
    void aSummaryWrittenBeforeLoadModelsReadsWithNone(@TempDir Path dir) throws IOException {
        Summary summary = new Analyzer().analyze("old", List.of("d"), campaign(), "off", "on", List.of(), null)
                .withLoadModels(List.of());
        Path file = dir.resolve(SummaryJson.FILE);
        SummaryJson.write(summary, file);
        String text = java.nio.file.Files.readString(file).replace("\"loadModels\" : [ ],", "")
                .replace(",\n  \"loadModels\" : [ ]", "");
        assertThat(text).doesNotContain("loadModels");
        java.nio.file.Files.writeString(file, text);
        assertThat(SummaryJson.read(file).loadModels()).isEmpty();
    }

    @Test
    void eachStateReadsInOneLine() {
        List<String> lines = LoadModelText.lines(LoadModels.fit(campaign()));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("load model, off: ").contains("; a = ", "(95% CI ",
                "; predicts a level it was not fitted on within ", "(RMS over 6 levels left out; worst ",
                "; other forms: ");
        assertThat(lines.get(1)).isEqualTo("load model, on: systemd used no measurable CPU at any calibrated level "
                + "(0 ns in 18 of 18 runs)");
    }

    @Test
    void theLineNamesTheFormItsParametersAndTheOthersErrors() {
        LoadModel m = LoadModels.fit(campaign()).get(0);
        String line = LoadModelText.line(m);
        assertThat(line).startsWith("load model, off: " + m.form().label() + ", cores = " + m.form().formula() + "; ");
        for (Candidate c : m.candidates()) {
            if (c.form() != m.form()) {
                assertThat(line).contains(c.form().label() + " " + String.format(java.util.Locale.ROOT, "%.1f%%",
                        100 * c.rmsError()));
            }
        }
    }
}
