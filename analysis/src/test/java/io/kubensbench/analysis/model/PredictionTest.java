package io.kubensbench.analysis.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionTest {

    /** The lab's A/A campaign with churn varied at two more levels, scattered a few percent about a saturating truth. */
    private static LoadModel model() {
        double[][] levels = {{40, 602, 28}, {120, 1727, 140}, {240, 3404, 140}, {180, 2564, 280}, {120, 1722, 280},
            {80, 1160, 56}};
        double[] scatter = {0.03, -0.02, 0.01, -0.03, 0.02, -0.01};
        CalibrationRuns runs = new CalibrationRuns();
        for (int i = 0; i < levels.length; i++) {
            double[] l = levels[i];
            double cores = (0.004 + 2.6e-4 * l[1] * l[2] / (l[2] + 190)) * (1 + scatter[i]);
            runs.off("pods=" + (int) l[0] + "/" + (int) l[2], (int) l[0], l[1], l[2], cores * 0.97)
                    .off("pods=" + (int) l[0] + "/" + (int) l[2], (int) l[0], l[1], l[2], cores * 1.03);
        }
        return LoadModels.fit(runs.list()).get(0);
    }

    @Test
    void insideTheCalibrationThePredictionHasAnInterval() {
        LoadModel m = model();
        Prediction p = m.predict(new Load(2000, 150));
        assertThat(p.inside()).isTrue();
        assertThat(p.extrapolation()).isEqualTo(1);
        assertThat(p.low()).isLessThan(p.cores()).isGreaterThanOrEqualTo(0);
        assertThat(p.high()).isGreaterThan(p.cores());
        assertThat(p.degenerate()).isNull();
    }

    @Test
    void outsideTheCalibrationTheFactorAndWordsSayHowFar() {
        LoadModel m = model();
        Prediction more = m.predict(new Load(3404 * 2.4, 140));
        assertThat(more.extrapolation()).isCloseTo(2.4, within(1e-9));
        assertThat(more.outside()).isEqualTo("mounts 2.4 times the largest calibrated (3,404)");
        Prediction fewer = m.predict(new Load(1000, 28 * 0.2));
        assertThat(fewer.extrapolation()).isCloseTo(5, within(1e-9));
        assertThat(fewer.outside()).isEqualTo("events/s 0.2 of the smallest calibrated (28/s)");
        Prediction none = m.predict(new Load(1000, 0));
        assertThat(none.extrapolation()).isInfinite();
        assertThat(none.outside()).isEqualTo("events/s 0, below the smallest calibrated (28/s)");
        Prediction both = m.predict(new Load(3404 * 3, 28 * 0.5));
        assertThat(both.extrapolation()).isCloseTo(3, within(1e-9));
        assertThat(both.outside()).isEqualTo("mounts 3.0 times the largest calibrated (3,404) and events/s 0.5 of "
                + "the smallest calibrated (28/s)");
    }

    @Test
    void aLoadAtACalibratedBoundIsInsideThoughItsMeanCameOutABitBeyond() {
        LoadModel m = model();
        // the calibration's largest level measured 3,404 mounts; a node at 3,500 is that level
        assertThat(m.predict(new Load(3500, 140)).inside()).isTrue();
        assertThat(m.predict(new Load(3404 * 1.06, 140)).outside())
                .isEqualTo("mounts 1.1 times the largest calibrated (3,404)");
        assertThat(m.predict(new Load(1000, 28 * 0.96)).inside()).isTrue();
        assertThat(m.predict(new Load(1000, 28 * 0.94)).inside()).isFalse();
    }

    @Test
    void theTotalOfOneNodeIsItsPrediction() {
        LoadModel m = model();
        Load load = new Load(2500, 200);
        assertThat(m.predictTotal(List.of(load))).isEqualTo(m.predict(load));
    }

    @Test
    void theTotalSharesTheParametersUncertaintyAndAddsEachNodesScatter() {
        LoadModel m = model();
        Load a = new Load(1000, 60);
        Load b = new Load(3000, 250);
        Prediction total = m.predictTotal(List.of(a, b, new Load(9000, 250)));
        Prediction pa = m.predict(a);
        Prediction pb = m.predict(b);
        Prediction pc = m.predict(new Load(9000, 250));
        assertThat(total.cores()).isCloseTo(pa.cores() + pb.cores() + pc.cores(), within(1e-12));
        double halfSum = (pa.high() - pa.cores()) + (pb.high() - pb.cores()) + (pc.high() - pc.cores());
        assertThat(total.high() - total.cores()).isLessThan(halfSum);
        assertThat(total.extrapolation()).isEqualTo(pc.extrapolation());
        assertThat(total.outside()).isEqualTo(pc.outside());
    }
}
