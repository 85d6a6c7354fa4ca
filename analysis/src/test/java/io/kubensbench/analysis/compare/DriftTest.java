package io.kubensbench.analysis.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.text.Wording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an {@code aba} campaign's analysis says about the drift between the baseline's runs
 * before and after the candidate, on runs made up for the purpose, and what the other designs
 * say instead.
 */
class DriftTest {

    private static final String LEVEL = "pods=100";
    private final Analyzer analyzer = new Analyzer();

    /** Off before on (segment 0), on (1), off after on (2), on one node unless the runs say otherwise. */
    private static List<RunRecord> aba(double[] before, double[] on, double[] after) {
        Runs runs = new Runs().add(LEVEL, "off", before).add(LEVEL, "on", on).add(LEVEL, "off", after);
        return segments(runs.list(), before.length, on.length, after.length);
    }

    private static List<RunRecord> segments(List<RunRecord> runs, int... sizes) {
        List<RunRecord> out = new ArrayList<>();
        int at = 0;
        for (int segment = 0; segment < sizes.length; segment++) {
            for (int i = 0; i < sizes[segment]; i++) {
                out.add(runs.get(at++).toBuilder().segment(segment).build());
            }
        }
        return out;
    }

    private Summary analyze(List<RunRecord> runs, String order) {
        return analyzer.analyze("drift", List.of("results/drift"), runs, "off", "on", List.of(), order);
    }

    @Test
    void theDriftIsTheSecondBaselineSegmentMinusTheFirstWithItsPooledCvInterval() {
        Summary s = analyze(aba(new double[] {0.20, 0.22}, new double[] {0.010, 0.012, 0.011},
                new double[] {0.25}), Design.ABA);

        Drift d = s.design().drift(LEVEL).orElseThrow();
        assertThat(d.kind()).isEqualTo(Drift.Kind.ESTIMATED);
        assertThat(d.nFirst()).isEqualTo(2);
        assertThat(d.nSecond()).isEqualTo(1);
        assertThat(d.nodes()).isZero();
        assertThat(d.drift()).isCloseTo(0.04, within(1e-12));
        // cv^2 pooled over 1 df: (0.02^2 / 2) / 0.21^2 from the first segment, nothing from a single run
        double cv2 = 0.0002 / (0.21 * 0.21);
        double half = new TDistribution(1).inverseCumulativeProbability(0.975)
                * Math.sqrt(cv2 * (0.21 * 0.21 / 2 + 0.25 * 0.25));
        assertThat(d.df()).isEqualTo(1);
        assertThat(d.ciLow()).isCloseTo(0.04 - half, within(1e-9));
        assertThat(d.ciHigh()).isCloseTo(0.04 + half, within(1e-9));
        double effect = 0.011 - (0.20 + 0.22 + 0.25) / 3;
        assertThat(d.effect()).isCloseTo(effect, within(1e-12));
        assertThat(d.share()).isCloseTo(0.04 / -effect, within(1e-12));
        assertThat(d.flagged()).as("19% of the effect").isTrue();
        assertThat(Wording.drift(s, d)).isEqualTo("off drifted +4.00% of a core (95% CI " + pct(0.04 - half)
                + " to " + pct(0.04 + half) + ", 2 runs before on and 1 after), 18.8% of the effect (sizeable: part of"
                + " the difference may be time, not encapsulation)");
        assertThat(Wording.caveat(s, s.cells().get(0))).hasValue("caveat: off drifted +4.00% of a core between its"
                + " segments, 18.8% of the effect; part of the difference may be time, not encapsulation.");
    }

    private static String pct(double cores) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", 100 * cores);
    }

    @Test
    void aDriftSmallBesideTheEffectIsShownAndNotFlagged() {
        Summary s = analyze(aba(new double[] {0.20, 0.22}, new double[] {0.010, 0.012, 0.011},
                new double[] {0.215}), Design.ABA);

        Drift d = s.design().drift(LEVEL).orElseThrow();
        assertThat(d.drift()).isCloseTo(0.005, within(1e-12));
        assertThat(d.share()).isLessThan(Drift.SIZEABLE_SHARE);
        assertThat(d.flagged()).isFalse();
        assertThat(d.ci().contains(0)).isTrue();
        assertThat(Wording.caveat(s, s.cells().get(0))).isEmpty();
    }

    @Test
    void oneRunInEachSegmentGivesADriftWithoutAnInterval() {
        Summary s = analyze(aba(new double[] {0.20}, new double[] {0.01, 0.01}, new double[] {0.21}), Design.ABA);

        Drift d = s.design().drift(LEVEL).orElseThrow();
        assertThat(d.kind()).isEqualTo(Drift.Kind.NO_INTERVAL);
        assertThat(d.drift()).isCloseTo(0.01, within(1e-12));
        assertThat(d.ci().defined()).isFalse();
        assertThat(Wording.drift(s, d)).startsWith("off drifted +1.00% of a core from its run before on to its run"
                + " after (one run each: no interval), ");
    }

    @Test
    void aSegmentWithoutAValidRunHasNoDriftAndABaselineThatNeverMovedHasNoneToMeasure() {
        List<RunRecord> runs = new ArrayList<>(aba(new double[] {0.20, 0.21}, new double[] {0.01, 0.01},
                new double[] {0.22}));
        runs.set(4, runs.get(4).toBuilder().valid(false).invalidReason("failed: test").build());
        Drift missing = analyze(runs, Design.ABA).design().drift(LEVEL).orElseThrow();
        assertThat(missing.kind()).isEqualTo(Drift.Kind.MISSING);
        assertThat(missing.flagged()).isFalse();

        Summary idle = analyzer.analyze("drift", List.of(), segments(new Runs().add(LEVEL, "on", 0, 0)
                .add(LEVEL, "off", 0.2, 0.2).add(LEVEL, "on", 0).list(), 2, 2, 1), "on", "off", List.of(), Design.ABA);
        Drift constant = idle.design().drift(LEVEL).orElseThrow();
        assertThat(constant.kind()).isEqualTo(Drift.Kind.CONSTANT);
        assertThat(Wording.drift(idle, constant)).isEqualTo("on did not move between its runs before and after off"
                + " beyond the counters' resolution: no drift to estimate");
    }

    @Test
    void withSeveralNodesEachNodeIsABlockOfItsOwnDrift() {
        List<RunRecord> runs = new ArrayList<>();
        double[][] before = {{0.10, 0.12}, {0.30, 0.32}, {0.50, 0.54}};
        double[] after = {0.13, 0.33, 0.55};
        for (int j = 0; j < 3; j++) {
            Runs node = new Runs().node("node-" + j).add(LEVEL, "off", before[j]).add(LEVEL, "on", 0.01, 0.01, 0.01)
                    .add(LEVEL, "off", after[j]);
            runs.addAll(segments(node.list(), 2, 3, 1));
        }
        Summary s = analyze(runs, Design.ABA);

        Drift d = s.design().drift(LEVEL).orElseThrow();
        // per node 0.13 - 0.11, 0.33 - 0.31, 0.55 - 0.52
        double[] per = {0.02, 0.02, 0.03};
        double mean = (per[0] + per[1] + per[2]) / 3;
        double sd = Math.sqrt(((per[0] - mean) * (per[0] - mean) + (per[1] - mean) * (per[1] - mean)
                + (per[2] - mean) * (per[2] - mean)) / 2);
        double half = new TDistribution(2).inverseCumulativeProbability(0.975) * sd / Math.sqrt(3);
        assertThat(d.nodes()).isEqualTo(3);
        assertThat(d.drift()).isCloseTo(mean, within(1e-12));
        assertThat(d.ciLow()).isCloseTo(mean - half, within(1e-9));
        assertThat(d.df()).isEqualTo(2);
        assertThat(d.effect()).as("the blocked effect").isCloseTo(s.cells().get(0).blocked().difference(),
                within(1e-15));
        assertThat(Wording.drift(s, d)).contains(", 3 nodes as blocks)");
    }

    @Test
    void nodesThatAllDriftedAlikeGiveTheDriftWithoutAnInterval() {
        List<RunRecord> runs = new ArrayList<>();
        runs.addAll(segments(new Runs().node("node-0").add(LEVEL, "off", 0.10, 0.10).add(LEVEL, "on", 0.01, 0.01)
                .add(LEVEL, "off", 0.12).list(), 2, 2, 1));
        runs.addAll(segments(new Runs().node("node-1").add(LEVEL, "off", 0.30, 0.30).add(LEVEL, "on", 0.01, 0.01)
                .add(LEVEL, "off", 0.32).list(), 2, 2, 1));
        Summary s = analyze(runs, Design.ABA);

        Drift d = s.design().drift(LEVEL).orElseThrow();
        assertThat(d.kind()).isEqualTo(Drift.Kind.UNIFORM);
        assertThat(d.drift()).isCloseTo(0.02, within(1e-12));
        assertThat(d.ci().defined()).isFalse();
        assertThat(d.flagged()).as("a tenth of the effect").isTrue();
        assertThat(Wording.drift(s, d)).startsWith("off drifted +2.00% of a core on each of 2 nodes alike (within the"
                + " counters' resolution: no spread, no interval), ");
    }

    @Test
    void eachDesignSaysWhatItSeparatesAndBlockedPutsACaveatBesideEveryVerdict() {
        List<RunRecord> runs = new Runs().add(LEVEL, "off", 0.20, 0.21, 0.22).add(LEVEL, "on", 0.01, 0.02, 0.01)
                .list();

        Summary blocked = analyze(runs, Design.BLOCKED);
        assertThat(blocked.design().drifts()).isEmpty();
        assertThat(Wording.design(blocked)).hasValueSatisfying(t -> assertThat(t).startsWith("design: blocked,")
                .contains("the arm is confounded with time"));
        assertThat(Wording.caveat(blocked, blocked.cells().get(0))).hasValue("caveat: the arms ran in blocks, one"
                + " after the other, so the arm is confounded with time; a drift between the blocks would read as this"
                + " effect.");

        Summary interleaved = analyze(runs, Design.INTERLEAVED);
        assertThat(Wording.design(interleaved)).hasValueSatisfying(t -> assertThat(t).contains("a drift over time"
                + " falls on both arms alike: it is spread over them, not separated from the effect"));
        assertThat(Wording.caveat(interleaved, interleaved.cells().get(0))).isEmpty();
        assertThat(Wording.design(analyze(runs, Design.ABA))).hasValueSatisfying(t -> assertThat(t)
                .contains("the mean of off's second segment minus its first, with a 95% interval"));

        Summary unknown = analyzer.analyze("drift", List.of(), runs, "off", "on");
        assertThat(unknown.design()).isNull();
        assertThat(Wording.design(unknown)).isEmpty();
        assertThat(unknown.cells()).isEqualTo(blocked.cells());
    }

    @Test
    void theDesignAndItsDriftsSurviveSummaryJson(@TempDir Path dir) throws IOException {
        Summary s = analyze(aba(new double[] {0.20, 0.22}, new double[] {0.010, 0.012, 0.011},
                new double[] {0.25}), Design.ABA);
        Path file = dir.resolve(SummaryJson.FILE);

        SummaryJson.write(s, file);

        assertThat(SummaryJson.read(file)).isEqualTo(s);
    }
}
