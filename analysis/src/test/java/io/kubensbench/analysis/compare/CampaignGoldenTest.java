package io.kubensbench.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.kubensbench.analysis.results.RunRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Crafted campaigns, from their raw runs to every figure and verdict of every level, against
 * {@code golden/campaigns.json}, which {@code golden/campaigns.py} computed with scipy from
 * the same runs (see its header for the methods): ties, an outlier, a clear reduction and no
 * change judged together over four levels; the lab's on arm at 0 ns; arms constant to the
 * last bit, at tick resolution, or idle; 2 runs; an unbounded ratio; three nodes as blocks.
 */
class CampaignGoldenTest {

    private static final double RELATIVE = 1e-6;

    static Stream<Named<JsonNode>> campaigns() throws IOException {
        try (InputStream in = CampaignGoldenTest.class.getResourceAsStream("/golden/campaigns.json")) {
            List<Named<JsonNode>> out = new ArrayList<>();
            new JsonMapper().readTree(in).get("campaigns").forEach(c -> out.add(Named.of(c.get("name").asString(), c)));
            assertThat(out).hasSizeGreaterThanOrEqualTo(4);
            return out.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("campaigns")
    void everyLevelMatchesScipy(JsonNode campaign) {
        Summary s = new Analyzer().analyze(campaign.get("name").asString(), List.of("golden"), runs(campaign.get("runs")),
                "off", "on");
        JsonNode levels = campaign.get("levels");
        assertThat(s.cells()).hasSize(levels.size());
        for (int i = 0; i < levels.size(); i++) {
            check(s.cells().get(i), levels.get(i));
        }
    }

    private static void check(CellResult c, JsonNode e) {
        String level = e.get("level").asString();
        assertThat(c.level()).isEqualTo(level);
        arm(level + " off", c.baseline(), e.get("baseline"));
        arm(level + " on", c.candidate(), e.get("candidate"));
        close(level, "difference", c.difference(), e);
        close(level, "differenceCiLow", c.differenceCiLow(), e);
        close(level, "differenceCiHigh", c.differenceCiHigh(), e);
        close(level, "welch t", c.welch().t(), e.get("welch").get("t"));
        close(level, "welch df", c.welch().df(), e.get("welch").get("df"));
        close(level, "welch p", c.welch().p(), e.get("welch").get("p"));
        close(level, "reduction", c.reduction(), e);
        assertThat(c.reductionInterval().name()).as(level + " reductionInterval").isEqualTo(e.get("reductionInterval").asString());
        close(level, "reductionCiLow", c.reductionCiLow(), e);
        close(level, "reductionCiHigh", c.reductionCiHigh(), e);
        close(level, "mannWhitney u", c.mannWhitney().u(), e.get("mannWhitney").get("u"));
        close(level, "mannWhitney p", c.mannWhitney().p(), e.get("mannWhitney").get("p"));
        close(level, "mannWhitney smallestP", c.mannWhitney().smallestP(), e.get("mannWhitney").get("smallestP"));
        close(level, "hedgesG", c.hedgesG(), e);
        close(level, "cliffsDelta", c.cliffsDelta(), e);
        close(level, "minimalDetectableEffect", c.minimalDetectableEffect(), e);
        assertThat(c.repetitionsForTenPercent()).as(level + " runs for 10%").isEqualTo(e.get("repetitionsForTenPercent").asInt());
        assertThat(c.repetitionsForFiftyPercent()).as(level + " runs for 50%")
                .isEqualTo(e.get("repetitionsForFiftyPercent").asInt());
        close(level, "p", c.p(), e);
        close(level, "holmP", c.holmP(), e);
        assertThat(c.holmLevels()).as(level + " holmLevels").isEqualTo(e.get("holmLevels").asInt());
        assertThat(c.fragile()).as(level + " fragile").isEqualTo(e.get("fragile").asBoolean());
        assertThat(c.verdict().name()).as(level + " verdict").isEqualTo(e.get("verdict").asString());
        JsonNode b = e.get("blocked");
        if (b == null) {
            assertThat(c.blocked()).as(level + " blocked").isNull();
            return;
        }
        BlockedResult k = c.blocked();
        assertThat(k.k()).isEqualTo(b.get("k").asInt());
        close(level, "blocked difference", k.difference(), b.get("difference"));
        close(level, "paired t", k.pairedT().t(), b.get("pairedT").get("t"));
        close(level, "paired t p", k.pairedT().p(), b.get("pairedT").get("p"));
        close(level, "wilcoxon p", k.wilcoxon().p(), b.get("wilcoxonP"));
        assertThat(k.constantDifferences()).isEqualTo(b.get("constantDifferences").asBoolean());
        close(level, "blocked reduction", k.reduction(), b.get("reduction"));
        assertThat(k.reductionInterval().name()).as(level + " blocked interval").isEqualTo(b.get("reductionInterval").asString());
        close(level, "blocked reductionCiLow", k.reductionCiLow(), b.get("reductionCiLow"));
        close(level, "blocked reductionCiHigh", k.reductionCiHigh(), b.get("reductionCiHigh"));
    }

    private static void arm(String what, ArmStats a, JsonNode e) {
        assertThat(a.n()).as(what + " n").isEqualTo(e.get("n").asInt());
        close(what, "mean", a.cores().mean(), e.get("mean"));
        close(what, "sd", a.cores().sd(), e.get("sd"));
        close(what, "resolution", a.resolution(), e.get("resolution"));
        assertThat(a.zeroRuns()).as(what + " zeroRuns").isEqualTo(e.get("zeroRuns").asInt());
        assertThat(a.constant()).as(what + " constant").isEqualTo(e.get("constant").asBoolean());
    }

    private static List<RunRecord> runs(JsonNode runs) {
        List<RunRecord> out = new ArrayList<>();
        for (JsonNode r : runs) {
            int index = out.size();
            String level = r.get("level").asString();
            out.add(RunRecord.builder().index(index).attempt("a" + index).repetition(1).level(level)
                    .pods(Integer.parseInt(level.replaceAll("\\D", ""))).arm(r.get("arm").asString())
                    .encapsulation(r.get("arm").asString()).node(r.get("node").asString())
                    .startedAt("2026-01-01T00:00:00Z").endedAt("2026-01-01T00:00:25Z")
                    .measureNs(r.get("measureNs").asLong()).systemdSchedNs(r.get("schedNs").asLong())
                    .systemdStatTicks(r.get("statTicks").asLong()).ticksPerSecond(100)
                    .mountEvents(1000).systemdMounts(1000).kubeletMounts(1000)
                    .systemdMntNs("mnt:[1]").kubeletMntNs("mnt:[2]").runtimeMntNs("mnt:[2]")
                    .samples(20).valid(true).build());
        }
        return out;
    }

    private static void close(String level, String field, double actual, JsonNode expected) {
        JsonNode node = expected.isObject() ? expected.get(field) : expected;
        if (node == null) {
            fail(level + ": no expected value for " + field);
        }
        // the golden file writes undefined figures as the strings "NaN" and "Infinity", as summary.json does
        double e = node.isString() ? Double.parseDouble(node.stringValue()) : node.asDouble();
        if (Double.isNaN(e)) {
            assertThat(actual).as("%s", field).isNaN();
            return;
        }
        if (Double.isInfinite(e)) {
            assertThat(actual).as("%s %s", level, field).isEqualTo(e);
            return;
        }
        double tolerance = RELATIVE * Math.abs(e) + 1e-15;
        assertThat(Math.abs(actual - e)).as("%s %s: %s against expected %s", level, field, actual, e)
                .isLessThanOrEqualTo(tolerance);
    }
}
