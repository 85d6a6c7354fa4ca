package io.kubensbench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every statistic against scipy/numpy, from {@code golden/expected.json} (written by
 * {@code golden/golden.py}; see its header for the conventions): every figure must agree to
 * 1e-6 relative.
 */
class GoldenTest {

    private static final double RELATIVE = 1e-6;

    static Stream<Named<JsonNode>> datasets() throws IOException {
        try (InputStream in = GoldenTest.class.getResourceAsStream("/golden/expected.json")) {
            JsonNode root = new JsonMapper().readTree(in);
            List<Named<JsonNode>> out = new ArrayList<>();
            root.get("datasets").forEach(d -> out.add(Named.of(d.get("name").asString(), d)));
            assertThat(out).hasSizeGreaterThanOrEqualTo(5);
            return out.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void descriptive(JsonNode d) {
        check(Descriptive.of(array(d, "baseline")), d.get("descriptiveBaseline"));
        check(Descriptive.of(array(d, "candidate")), d.get("descriptiveCandidate"));
    }

    private static void check(Descriptive actual, JsonNode e) {
        assertThat(actual.n()).isEqualTo(e.get("n").asInt());
        close("mean", actual.mean(), e);
        close("median", actual.median(), e);
        close("sd", actual.sd(), e);
        close("ciLow", actual.ciLow(), e);
        close("ciHigh", actual.ciHigh(), e);
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void welch(JsonNode d) {
        double[] a = array(d, "baseline");
        double[] b = array(d, "candidate");
        JsonNode e = d.get("welch");
        WelchTest.Result r = WelchTest.of(b, a);
        close("t", r.t(), e);
        close("df", r.df(), e);
        close("p", r.p(), e);
        Interval ci = WelchTest.differenceInterval(b, a, 0.95);
        close("ciLow", ci.low(), e);
        close("ciHigh", ci.high(), e);
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void mannWhitney(JsonNode d) {
        JsonNode e = d.get("mannWhitney");
        MannWhitney.Result r = MannWhitney.of(array(d, "candidate"), array(d, "baseline"));
        close("u", r.u(), e);
        close("p", r.p(), e);
        close("smallestP", r.smallestP(), e);
        assertThat(r.exact()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void effectSizes(JsonNode d) {
        double[] a = array(d, "baseline");
        double[] b = array(d, "candidate");
        close("hedgesG", EffectSize.hedgesG(a, b), d);
        close("cliffsDelta", EffectSize.cliffsDelta(a, b), d);
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void power(JsonNode d) {
        double[] a = array(d, "baseline");
        double[] b = array(d, "candidate");
        JsonNode e = d.get("power");
        Descriptive da = Descriptive.of(a);
        Descriptive db = Descriptive.of(b);
        close("minimalDetectableEffect", Power.minimalDetectableEffect(da.sd(), db.sd(), da.n(), db.n()), e);
        assertThat(Power.repetitionsPerArm(da.sd(), db.sd(), da.mean(), 0.10, 3))
                .isEqualTo(e.get("repetitionsForTenPercent").asInt());
        assertThat(Power.repetitionsPerArm(da.sd(), db.sd(), da.mean(), 0.50, 3))
                .isEqualTo(e.get("repetitionsForFiftyPercent").asInt());
    }

    /** Fieller's interval of the ratio, solved in closed form here and by test inversion in scipy. */
    @ParameterizedTest
    @MethodSource("datasets")
    void fieller(JsonNode d) {
        JsonNode e = d.get("fieller");
        Fieller.Result r = Fieller.ofIndependent(Descriptive.of(array(d, "candidate")),
                Descriptive.of(array(d, "baseline")), 0.95);
        assertThat(r.shape().name()).isEqualTo(e.get("shape").asString());
        close("reduction", 1 - r.ratio(), e);
        close("df", r.df(), e);
        close("reductionCiLow", 1 - r.interval().high(), e);
        close("reductionCiHigh", 1 - r.interval().low(), e);
    }

    /** Lenth's series for the noncentral t against scipy's noncentral t on a grid, to 1e-9 absolute. */
    @Test
    void noncentralT() throws IOException {
        try (InputStream in = GoldenTest.class.getResourceAsStream("/golden/expected.json")) {
            JsonNode grid = new JsonMapper().readTree(in).get("noncentralT");
            assertThat(grid.size()).isGreaterThan(100);
            for (JsonNode g : grid) {
                double cdf = NoncentralT.cdf(g.get("t").asDouble(), g.get("df").asDouble(), g.get("ncp").asDouble());
                assertThat(cdf).as("t %s df %s ncp %s", g.get("t"), g.get("df"), g.get("ncp"))
                        .isCloseTo(g.get("cdf").asDouble(), Offset.offset(1e-9));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void linearFit(JsonNode d) {
        JsonNode e = d.get("fit");
        LinearFit fit = LinearFit.of(array(e, "x"), array(e, "y"));
        assertThat(fit.n()).isEqualTo(e.get("n").asInt());
        close("slope", fit.slope(), e);
        close("intercept", fit.intercept(), e);
        close("r2", fit.r2(), e);
        close("slopeStdErr", fit.slopeStdErr(), e);
        close("slopeCiLow", fit.slopeCiLow(), e);
        close("slopeCiHigh", fit.slopeCiHigh(), e);
    }

    private static double[] array(JsonNode d, String field) {
        JsonNode a = d.get(field);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static void close(String field, double actual, JsonNode expected) {
        JsonNode node = expected.get(field);
        if (node == null) {
            fail("no expected value for " + field);
        }
        double e = node.asDouble();
        if (Double.isNaN(e)) {
            assertThat(actual).as("%s", field).isNaN();
            return;
        }
        if (Double.isInfinite(e)) {
            assertThat(actual).as(field).isEqualTo(e);
            return;
        }
        double tolerance = RELATIVE * Math.abs(e) + 1e-15;
        assertThat(Math.abs(actual - e)).as("%s: %s against expected %s", field, actual, e).isLessThanOrEqualTo(tolerance);
    }
}
