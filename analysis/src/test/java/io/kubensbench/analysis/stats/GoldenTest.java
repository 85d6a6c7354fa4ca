package io.kubensbench.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statistic against scipy/numpy, from {@code golden/expected.json} (written once by
 * {@code golden/golden.py}; see its header for the conventions). Deterministic figures must
 * agree to 1e-6 relative. Bootstrap bounds come from a different generator (numpy's), so they
 * can only agree up to Monte Carlo error: see {@link #bootstrapTolerance} for the documented
 * tolerance.
 */
class GoldenTest {

    private static final double RELATIVE = 1e-6;

    static Stream<Named<JsonNode>> datasets() throws IOException {
        try (InputStream in = GoldenTest.class.getResourceAsStream("/golden/expected.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Named<JsonNode>> out = new ArrayList<>();
            root.get("datasets").forEach(d -> out.add(Named.of(d.get("name").asText(), d)));
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
        close("zAlpha", Power.zAlpha(), e);
        close("zBeta", Power.zBeta(), e);
        close("minimalDetectableEffect", Power.minimalDetectableEffect(da.sd(), db.sd(), da.n(), db.n()), e);
        assertThat(Power.repetitionsPerArm(da.sd(), db.sd(), da.mean(), 0.10))
                .isEqualTo(e.get("repetitionsForTenPercent").asInt());
        assertThat(Power.repetitionsPerArm(da.sd(), db.sd(), da.mean(), 0.50))
                .isEqualTo(e.get("repetitionsForFiftyPercent").asInt());
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

    /**
     * Java's bootstrap (Well19937c) against numpy's (PCG64), both 200000 resamples. The point
     * estimate is exact; each bound must agree within {@link #bootstrapTolerance}.
     */
    @ParameterizedTest
    @MethodSource("datasets")
    void bootstrapAgreesWithNumpyWithinMonteCarloError(JsonNode d) {
        JsonNode e = d.get("bootstrap");
        Bootstrap.Result r = new Bootstrap(1, e.get("resamples").asInt()).of(array(d, "baseline"), array(d, "candidate"));
        close("reduction", r.reduction(), e);
        double reductionTolerance = bootstrapTolerance(e.get("reductionCiLow").asDouble(), e.get("reductionCiHigh").asDouble());
        assertThat(r.reductionCi().low()).isCloseTo(e.get("reductionCiLow").asDouble(), Offset.offset(reductionTolerance));
        assertThat(r.reductionCi().high()).isCloseTo(e.get("reductionCiHigh").asDouble(), Offset.offset(reductionTolerance));
        double differenceTolerance = bootstrapTolerance(e.get("differenceCiLow").asDouble(), e.get("differenceCiHigh").asDouble());
        assertThat(r.differenceCi().low()).isCloseTo(e.get("differenceCiLow").asDouble(), Offset.offset(differenceTolerance));
        assertThat(r.differenceCi().high()).isCloseTo(e.get("differenceCiHigh").asDouble(), Offset.offset(differenceTolerance));
    }

    /**
     * The documented tolerance for bootstrap bounds from two different generators: 2% of the
     * reference interval's width (for the reductions here, 0.0002 to 0.004 absolute, well under
     * 0.02). At 200000 resamples the Monte Carlo standard error of a 2.5% percentile is about
     * 0.15% of the width for a normal-shaped statistic, so this is some 9 standard errors of
     * the difference of two runs; with n = 3 or ties the resampled means take few distinct
     * values and a bound can jump between them (1% of the width observed, the ties dataset).
     * An implementation error (wrong percentile, wrong resampling) moves a bound by far more.
     */
    static double bootstrapTolerance(double low, double high) {
        return 0.02 * (high - low);
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
        if (Double.isNaN(e) || Double.isInfinite(e)) {
            assertThat(actual).as(field).isEqualTo(e);
            return;
        }
        double tolerance = RELATIVE * Math.abs(e) + 1e-15;
        assertThat(Math.abs(actual - e)).as("%s: %s against expected %s", field, actual, e).isLessThanOrEqualTo(tolerance);
    }
}
