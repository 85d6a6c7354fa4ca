package io.kubensbench.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubensbench.analysis.stats.LinearFit;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cost model against {@code golden/cost-model.json}, written by {@code golden/cost_model.py}
 * from the matrix formulas (numpy's least squares, the HC3 sandwich as statsmodels defines it,
 * scipy's t): the robust standard error of the slope, its interval and the residual check per
 * level, to 1e-9 relative.
 */
class CostModelGoldenTest {

    static Stream<JsonNode> datasets() throws IOException {
        try (InputStream in = CostModelGoldenTest.class.getResourceAsStream("/golden/cost-model.json")) {
            JsonNode root = new JsonMapper().readTree(in);
            return StreamSupport.stream(root.get("datasets").spliterator(), false).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void matchesTheMatrixFormulas(JsonNode d) {
        CostModel model = CostModel.fit("off", CostModel.MOUNTS, doubles(d.get("x")), doubles(d.get("y")),
                strings(d.get("levels"))).orElseThrow();
        LinearFit fit = model.fit();
        double scale = Math.abs(d.get("slope").asDouble());
        assertThat(fit.n()).isEqualTo(d.get("n").asInt());
        assertThat(fit.slope()).isCloseTo(d.get("slope").asDouble(), within(1e-9 * scale));
        assertThat(fit.intercept()).isCloseTo(d.get("intercept").asDouble(), within(1e-12));
        // standard errors to 1e-9 of themselves; an exact line's are rounding noise, below 1e-8 of the slope
        double se = d.get("robustStdErr").asDouble();
        assertThat(fit.slopeStdErr()).isCloseTo(d.get("slopeStdErr").asDouble(),
                within(1e-9 * d.get("slopeStdErr").asDouble() + 1e-8 * scale));
        assertThat(fit.robustStdErr()).isCloseTo(se, within(1e-9 * se + 1e-8 * scale));
        assertThat(fit.robustCiLow()).isCloseTo(d.get("robustCiLow").asDouble(), within(1e-9 * scale));
        assertThat(fit.robustCiHigh()).isCloseTo(d.get("robustCiHigh").asDouble(), within(1e-9 * scale));

        JsonNode expected = d.get("residuals");
        assertThat(model.residuals()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            LevelResidual r = model.residuals().get(i);
            assertThat(r.level()).isEqualTo(e.get("level").asString());
            assertThat(r.n()).isEqualTo(e.get("n").asInt());
            assertThat(r.meanResidual()).isCloseTo(e.get("meanResidual").asDouble(), within(1e-12));
            assertThat(r.missed()).as(r.level()).isEqualTo(e.get("missed").asBoolean());
            if (e.get("t").isNull()) {
                assertThat(r.checked()).isFalse();
                continue;
            }
            assertThat(r.t()).isCloseTo(e.get("t").asDouble(), within(1e-6 * Math.max(1, Math.abs(r.t()))));
            assertThat(r.critical()).isCloseTo(e.get("critical").asDouble(), within(1e-9 * r.critical()));
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }

    private static List<String> strings(JsonNode array) {
        List<String> v = new ArrayList<>();
        array.forEach(n -> v.add(n.asString()));
        return v;
    }
}
