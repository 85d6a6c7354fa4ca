package io.kubensbench.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubensbench.analysis.results.RunRecord;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class LoadModelsTest {

    /** Six levels like a lab campaign: pods and churn both varied, so every form can be told apart. */
    private static final double[][] LEVELS = {
        {40, 615, 28}, {120, 1815, 140}, {240, 3615, 140}, {180, 2715, 280}, {120, 1815, 280}, {80, 1215, 56},
    };

    private static List<RunRecord> exact(ToDoubleFunction<Load> truth) {
        CalibrationRuns runs = new CalibrationRuns();
        for (double[] l : LEVELS) {
            double cores = truth.applyAsDouble(new Load(l[1], l[2]));
            String level = "pods=" + (int) l[0] + ",events=" + (int) l[2];
            runs.off(level, (int) l[0], l[1], l[2], cores).off(level, (int) l[0], l[1], l[2], cores);
        }
        return runs.list();
    }

    private static LoadModel off(List<RunRecord> runs) {
        return LoadModels.fit(runs).get(0);
    }

    @Test
    void mountsRecoversItsLineAndIsChosen() {
        LoadModel m = off(exact(l -> 0.004 + 2e-4 * l.mounts()));
        assertThat(m.form()).isEqualTo(ModelForm.MOUNTS);
        assertThat(m.coefficients()[0]).isCloseTo(0.004, within(1e-6));
        assertThat(m.coefficients()[1]).isCloseTo(2e-4, within(1e-9));
        assertThat(m.parameters().get(1).value()).isCloseTo(20, within(1e-4));
        assertThat(m.parameters().get(1).unit()).isEqualTo("% of a core per 1,000 mounts");
    }

    @Test
    void mountsPlusEventsRecoversItsCoefficientsAndIsChosen() {
        LoadModel m = off(exact(l -> 0.01 + 1.5e-4 * l.mounts() + 6e-4 * l.eventsPerSecond()));
        assertThat(m.form()).isEqualTo(ModelForm.MOUNTS_PLUS_EVENTS);
        assertThat(m.coefficients()).containsExactly(new double[] {0.01, 1.5e-4, 6e-4}, within(1e-8));
        assertThat(m.parameters().get(2).value()).isCloseTo(6, within(1e-4));
    }

    @Test
    void mountsTimesEventsRecoversItsCoefficientsAndIsChosen() {
        LoadModel m = off(exact(l -> 0.02 + 1e-6 * l.mounts() * l.eventsPerSecond()));
        assertThat(m.form()).isEqualTo(ModelForm.MOUNTS_TIMES_EVENTS);
        assertThat(m.coefficients()).containsExactly(new double[] {0.02, 1e-6}, within(1e-10));
    }

    @Test
    void saturatingRecoversKOnTheGridAndIsChosen() {
        LoadModel m = off(exact(l -> 0.005 + 3e-4 * l.mounts() * l.eventsPerSecond() / (l.eventsPerSecond() + 100)));
        assertThat(m.form()).isEqualTo(ModelForm.SATURATING);
        assertThat(m.saturation()).isCloseTo(100, within(1e-9));
        assertThat(m.coefficients()).containsExactly(new double[] {0.005, 3e-4}, within(1e-9));
        assertThat(m.parameters()).extracting(Parameter::name).containsExactly("a", "b", "K");
        assertThat(m.parameters().get(2).low()).isNaN();
        assertThat(m.df()).isEqualTo(LEVELS.length - 3);
        assertThat(m.validationError()).isLessThan(1e-9);
        assertThat(m.candidates()).allMatch(Candidate::compared);
        assertThat(m.candidates().get(0).rmsError()).isGreaterThan(0.01);
        assertThat(m.baseMounts()).isCloseTo(15, within(1e-6));
        Prediction p = m.predict(new Load(2000, 100));
        assertThat(p.cores()).isCloseTo(0.005 + 3e-4 * 1000, within(1e-9));
        assertThat(p.inside()).isTrue();
        assertThat(p.extrapolation()).isEqualTo(1);
    }

    @Test
    void onStateWithoutMeasurableCpuIsDegenerate() {
        CalibrationRuns runs = new CalibrationRuns();
        for (double[] l : LEVELS) {
            String level = "pods=" + (int) l[0] + ",events=" + (int) l[2];
            for (int k = 0; k < 3; k++) {
                runs.off(level, (int) l[0], l[1], l[2], 2e-4 * l[1] * (1 + 0.02 * k)).on(level, (int) l[0], 0);
            }
        }
        List<LoadModel> models = LoadModels.fit(runs.list());
        assertThat(models).extracting(LoadModel::state).containsExactly("off", "on");
        LoadModel on = models.get(1);
        assertThat(on.arms()).containsExactly("on");
        assertThat(on.form()).isNull();
        assertThat(on.degenerate())
                .isEqualTo("systemd used no measurable CPU at any calibrated level (0 ns in 18 of 18 runs)");
        Prediction p = on.predict(new Load(2000, 100));
        assertThat(p.cores()).isZero();
        assertThat(p.low()).isNaN();
        assertThat(p.high()).isNaN();
        assertThat(p.degenerate()).isEqualTo(on.degenerate());
        assertThat(on.points()).hasSize(LEVELS.length);
        assertThat(on.points().get(0).load()).isEqualTo(models.get(0).points().get(0).load());
    }

    @Test
    void tooFewLevelsLeaveNoForm() {
        CalibrationRuns runs = new CalibrationRuns();
        for (int i = 0; i < 3; i++) {
            double[] l = LEVELS[i];
            runs.off("level" + i, (int) l[0], l[1], l[2], 2e-4 * l[1]);
        }
        LoadModel m = off(runs.list());
        assertThat(m.form()).isNull();
        assertThat(m.degenerate()).isEqualTo("3 levels: the simplest form needs 4 to be validated");
        assertThat(m.candidates()).noneMatch(Candidate::compared);
        assertThat(m.candidates().get(0).notCompared()).isEqualTo("3 levels: 2 parameters need 4 to be validated");
        assertThat(m.points().get(0).sd()).isNaN();
        Prediction p = m.predict(new Load(1000, 100));
        assertThat(p.cores()).isNaN();
        assertThat(p.degenerate()).isEqualTo(m.degenerate());
    }

    @Test
    void formsNeedingEventsAreNotComparedWhenEventsDoNotVary() {
        CalibrationRuns runs = new CalibrationRuns();
        double[] mounts = {602, 1727, 3404, 2564, 1100};
        double[] events = {141, 140, 139, 140, 140};
        for (int i = 0; i < mounts.length; i++) {
            runs.off("level" + i, 40 * (i + 1), mounts[i], events[i], 0.01 + 2e-4 * mounts[i]);
        }
        LoadModel m = off(runs.list());
        assertThat(m.form()).isEqualTo(ModelForm.MOUNTS);
        assertThat(m.candidates().get(1).notCompared()).isEqualTo("events/s do not vary across the levels (139 to 141)");
        assertThat(m.candidates().get(3).compared()).isFalse();
    }

    @Test
    void levelsWithoutAnOffRunAreLeftOut() {
        List<RunRecord> base = exact(l -> 0.004 + 2e-4 * l.mounts());
        CalibrationRuns extra = new CalibrationRuns();
        extra.on("pods=500", 500, 0.001).run("pods=500", 500, "off", "off", 7000, 300, 1.4, false)
                .run("pods=600", 600, "off", "off", -1, 300, 1.6, true);
        List<RunRecord> runs = new java.util.ArrayList<>(base);
        runs.addAll(extra.list());
        List<LoadModel> models = LoadModels.fit(runs);
        assertThat(models.get(0).points()).extracting(LevelPoint::level).doesNotContain("pods=500", "pods=600")
                .hasSize(LEVELS.length);
        assertThat(models).hasSize(1);
    }

    @Test
    void noLoadNoModels() {
        assertThat(LoadModels.fit(new CalibrationRuns().on("pods=10", 10, 0.01).list())).isEmpty();
    }
}
