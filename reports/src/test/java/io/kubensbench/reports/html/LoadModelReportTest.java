package io.kubensbench.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.model.LevelPoint;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.LoadModels;
import io.kubensbench.analysis.model.Prediction;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.text.Numbers;
import io.kubensbench.reports.LoadModelFixtures;
import io.kubensbench.reports.LoadModelTables;
import io.kubensbench.reports.SyntheticResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A campaign with a load model: its section in the report, its chart beside it and its part of summary.md. */
class LoadModelReportTest {

    @TempDir
    Path dir;

    private String page(Summary summary) throws Exception {
        return Files.readString(new ReportWriter().write(dir, summary)).replace("&#x3D;", "=").replace("&#39;", "'")
                .replace("&quot;", "\"").replace("&amp;", "&");
    }

    private Summary withModels(LoadModel... models) throws Exception {
        return SyntheticResults.write(dir, "dose", "vm", 3, new int[] {25, 100}).withLoadModels(List.of(models));
    }

    @Test
    void theSectionShowsTheChosenFormItsParametersTheCandidatesAndTheLevels() throws Exception {
        LoadModel off = LoadModelFixtures.off();
        String html = page(withModels(off, LoadModelFixtures.onDegenerate()));
        String section = html.substring(html.indexOf("<section id=\"load-model\">"),
                html.indexOf("</section>", html.indexOf("<section id=\"load-model\">")));

        assertThat(section).contains("<h2>Load model</h2>", "<h3>Encapsulation off</h3>",
                "Chosen form: mounts × saturating events/s, <code>a + b·M·E/(E+K)</code>",
                "leave-one-level-out RMS error 3.1%", "calibrated on 602 to 3,404 mounts at 140 to 280 events/s");
        // parameters with their intervals, in the units the analysis gives them
        assertThat(section).contains("<tr><td><code>a</code></td><td class=\"num\">-0.307</td>"
                        + "<td class=\"num\">[-6.31, 5.69]</td><td>% of a core</td>",
                "<td class=\"num\">46.8</td><td class=\"num\">[34.9, 58.7]</td>"
                        + "<td>% of a core per 1,000 mounts at saturated events/s</td>", "<tr><td><code>K</code></td><td class=\"num\">190</td>"
                        + "<td class=\"num\">-</td><td>events/s</td></tr>");
        // every candidate, the chosen one marked
        assertThat(section).contains("<tr class=\"\"><td>mounts</td><td><code>a + b·M</code></td>"
                        + "<td class=\"num\">21.4%</td><td class=\"num\">39.1% at pods=120 churn=10</td><td></td></tr>",
                "<tr class=\"chosen\"><td>mounts × saturating events/s</td><td><code>a + b·M·E/(E+K)</code></td>"
                        + "<td class=\"num\">3.1%</td><td class=\"num\">5.2% at pods=240</td><td>chosen</td></tr>");
        // each level beside the model at its load
        for (LevelPoint p : off.points()) {
            Prediction at = off.predict(p.load());
            assertThat(section).contains("<tr><td>" + p.level() + "</td><td class=\"num\">"
                    + LoadModelTables.mounts(p.load().mounts()) + "</td><td class=\"num\">"
                    + LoadModelTables.events(p.load().eventsPerSecond()) + "</td><td class=\"num\">"
                    + Numbers.coreShare(p.cores()) + " ± " + Numbers.coreShare(p.sd()) + " (4)</td><td class=\"num\">"
                    + Numbers.coreShare(at.cores()) + " [");
        }
        assertThat(section).contains("<td class=\"num\">602</td><td class=\"num\">140</td><td class=\"num\">11.80% ± 0.40% (4)");
        // the chart beside it, its PNG in the report's directory
        assertThat(section).contains("<figure id=\"fig-load-model-off\"><svg", "href=\"load-model-off.png\"")
                .doesNotContain("fig-load-model-on");
        assertThat(dir.resolve("report/load-model-off.png")).exists();
        assertThat(dir.resolve("report/load-model-on.png")).doesNotExist();
        assertThat(html).contains("<li><a href=\"../summary.md\">");
    }

    @Test
    void aDegenerateStateSaysWhyItHasNoForm() throws Exception {
        String html = page(withModels(LoadModelFixtures.off(), LoadModelFixtures.onDegenerate()));
        String on = html.substring(html.indexOf("<h3>Encapsulation on</h3>"));
        assertThat(on).contains("<p class=\"verdict other\">" + LoadModelFixtures.DEGENERATE + "</p>",
                "not compared: systemd's CPU is 0 at every level")
                .doesNotContain("Chosen form: ", "class=\"chosen\"");
        assertThat(on.substring(0, on.indexOf("</section>"))).contains("<td class=\"num\">0.00% ± 0.00% (4)</td>"
                + "<td class=\"num\">0.00%</td><td class=\"num\">-</td></tr>");
    }

    @Test
    void summaryMarkdownHasTheSentencesAndTheLevelsTable() throws Exception {
        LoadModel off = LoadModelFixtures.off();
        page(withModels(off, LoadModelFixtures.onDegenerate()));
        String md = Files.readString(dir.resolve("summary.md"));

        assertThat(md).contains("## Load model", "- off: " + LoadModelTables.sentence(off),
                "- on: " + LoadModelFixtures.DEGENERATE,
                "| state | level | mounts | events/s | measured, % of a core ± sd (runs) |"
                        + " model, % of a core [95% prediction interval] | model against measured |",
                "| off | pods=40 | 602 | 140 | 11.80% ± 0.40% (4) | ",
                "| off | pods=120 churn=10 | 1,727 | 280 | 45.20% ± 1.10% (4) | ",
                "| on | pods=240 | 3,404 | 140 | 0.00% ± 0.00% (4) | 0.00% | - |");
        Prediction at = off.predict(off.points().get(0).load());
        assertThat(md).contains(String.format(java.util.Locale.ROOT, "| %+.1f%% |", 100 * (at.cores() - 0.118) / 0.118));
    }

    @Test
    void aModelFittedOnTheRunsRendersWithItsChartAndEveryLevelInSummaryMarkdown() throws Exception {
        Summary plain = SyntheticResults.write(dir, "fitted", "vm", 3, new int[] {25, 100, 250, 500});
        List<LoadModel> models = LoadModels.fit(new ResultsDir(dir).runs());
        LoadModel off = models.get(0);
        assertThat(off.form()).isNotNull();
        String html = page(plain.withLoadModels(models));

        assertThat(html).contains("<section id=\"load-model\">", "<h3>Encapsulation off</h3>",
                "Chosen form: " + off.form().label(), "<tr class=\"chosen\"><td>" + off.form().label() + "</td>",
                "<figure id=\"fig-load-model-off\"><svg");
        assertThat(dir.resolve("report/load-model-off.png")).exists();
        String md = Files.readString(dir.resolve("summary.md"));
        for (LevelPoint p : off.points()) {
            assertThat(md).contains("| off | " + p.level() + " | " + LoadModelTables.mounts(p.load().mounts()) + " | ");
        }
    }

    @Test
    void aReportWithoutLoadModelsIsAsBefore() throws Exception {
        Summary summary = SyntheticResults.write(dir, "plain", "vm", 3, new int[] {100}).withLoadModels(List.of());
        String html = page(summary);
        assertThat(html).doesNotContain("id=\"load-model\"", "Load model", "tr.chosen", "load-model-");
        assertThat(Files.readString(dir.resolve("summary.md"))).doesNotContain("Load model", "prediction interval");
        try (var files = Files.list(dir.resolve("report"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("load-model"));
        }
    }
}
