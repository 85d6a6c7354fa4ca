package io.kubensbench.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.model.LevelPoint;
import io.kubensbench.analysis.model.Load;
import io.kubensbench.reports.LoadModelFixtures;
import io.kubensbench.reports.ReportData;
import io.kubensbench.reports.SyntheticResults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The load model's chart: one figure per fitted state, a series per churn, the model and its band. */
class LoadModelChartTest {

    @TempDir
    Path dir;

    @Test
    void aFittedStateGetsOneFigureWithTheLevelsGroupedByEventsAndTheModelPerGroup() throws Exception {
        Summary summary = SyntheticResults.write(dir, "dose", "vm", 3, new int[] {25, 100})
                .withLoadModels(List.of(LoadModelFixtures.off(), LoadModelFixtures.onDegenerate()));
        List<Figure> figures = new LoadModelChart().figures(ReportData.load(dir, summary));

        assertThat(figures).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("load-model-off");
            assertThat(f.section()).isEqualTo(Figure.Section.LOAD_MODEL);
            assertThat(f.caption()).contains("within 10%", "a + b·M·E/(E+K)");
        });
        XYChart chart = (XYChart) figures.get(0).chart();
        // two churns: per churn the level means, the model and its band (the band left out of the legend)
        assertThat(chart.getSeriesCollection()).hasSize(6);
        assertThat(chart.getSeriesCollection().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getLabel))
                .containsExactly("140 events/s: model", "140 events/s: levels", "280 events/s: model",
                        "280 events/s: levels");
        assertThat(series(chart, "levels 0").getXData()).containsExactly(602.0, 1727.0, 2564.0, 3404.0);
        assertThat(series(chart, "model 1").getXData()).startsWith(602.0).endsWith(3404.0);

        RenderedChart rendered = new ChartRenderer().render(figures.get(0));
        assertThat(rendered.svg()).startsWith("<svg").contains("viewBox", "<path").doesNotContain("http://", "<?xml");
        assertThat(rendered.png()).hasSizeGreaterThan(1000);
        assertThat(rendered.png()[1]).isEqualTo((byte) 'P');
    }

    @Test
    void noLoadModelOrOnlyADegenerateOneDrawsNothing() throws Exception {
        Summary summary = SyntheticResults.write(dir, "dose", "vm", 3, new int[] {25});
        assertThat(new LoadModelChart().figures(ReportData.load(dir, summary))).isEmpty();
        Summary degenerate = summary.withLoadModels(List.of(LoadModelFixtures.onDegenerate()));
        assertThat(new LoadModelChart().figures(ReportData.load(dir, degenerate))).isEmpty();
    }

    @Test
    void levelsWithinATenthOfEachOthersEventsShareAGroup() {
        List<EventRateGroup> groups = EventRateGroup.of(List.of(point("a", 150), point("b", 140), point("c", 290),
                point("d", 146), point("e", 270), point("f", 600)));
        assertThat(groups).extracting(g -> g.points().stream().map(LevelPoint::level).toList())
                .containsExactly(List.of("b", "d", "a"), List.of("e", "c"), List.of("f"));
        assertThat(groups.get(1).eventsPerSecond()).isEqualTo(280.0);
    }

    private static XYSeries series(XYChart chart, String name) {
        return chart.getSeriesCollection().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    private static LevelPoint point(String level, double events) {
        return new LevelPoint(level, new Load(1000, events), 0.1, 0.01, 3);
    }
}
