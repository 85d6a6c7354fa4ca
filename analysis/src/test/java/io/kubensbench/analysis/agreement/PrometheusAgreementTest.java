package io.kubensbench.analysis.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.analysis.results.AgreementTolerance;
import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.text.AgreementWording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's figures against Prometheus's per node and arm, and how the comparison reads. */
class PrometheusAgreementTest {

    private static final long WINDOW_NS = 20_000_000_000L;
    private static final CampaignRecord.Prometheus SETTINGS = new CampaignRecord.Prometheus("q{{node}}[{{window}}]",
            AgreementTolerance.DEFAULT);

    private final List<RunRecord> runs = new ArrayList<>();

    private PrometheusAgreementTest run(String node, String arm, double harness, Double prometheus, String missing) {
        return run(node, arm, harness, prometheus, missing, true);
    }

    private PrometheusAgreementTest run(String node, String arm, double harness, Double prometheus, String missing,
                                        boolean valid) {
        int i = runs.size();
        runs.add(RunRecord.builder().index(i).attempt("a" + i).level("pods=100").pods(100).arm(arm)
                .encapsulation(arm).node(node).measureNs(WINDOW_NS)
                .systemdSchedNs(Math.round(harness * WINDOW_NS)).valid(valid).invalidReason(valid ? null : "failed: x")
                .prometheusCores(prometheus).prometheusMissing(missing).build());
        return this;
    }

    @Test
    void aRowWithARunBeyondTheToleranceIsFlaggedWithItsFigures() {
        run("worker-a", "off", 0.20, 0.21, null).run("worker-a", "off", 0.30, 0.295, null)
                .run("worker-a", "on", 0.0, 0.001, null).run("worker-a", "on", 0.0, 0.0, null)
                .run("worker-b", "off", 0.20, 0.25, null).run("worker-b", "off", 0.20, 0.20, null)
                .run("worker-b", "on", 0.01, 0.012, null)
                // invalid runs stay out, whatever their figures
                .run("worker-b", "on", 0.01, 0.9, null, false);
        PrometheusAgreement a = PrometheusAgreement.of(runs, "off", "on", SETTINGS);

        assertThat(a.rows()).extracting(NodeAgreement::node, NodeAgreement::arm).containsExactly(
                tuple("worker-a", "off"), tuple("worker-a", "on"),
                tuple("worker-b", "off"), tuple("worker-b", "on"));
        NodeAgreement aOff = a.rows().get(0);
        assertThat(aOff.harnessCores()).isCloseTo(0.25, within(1e-12));
        assertThat(aOff.prometheusCores()).isCloseTo(0.2525, within(1e-12));
        assertThat(aOff.difference()).isCloseTo(0.0025, within(1e-12));
        assertThat(aOff.largestDifference()).isCloseTo(0.01, within(1e-12));
        assertThat(aOff.disagrees()).isFalse();
        // 0.05 off at 0.20: beyond 10% (0.02) of the harness's figure
        NodeAgreement bOff = a.rows().get(2);
        assertThat(bOff.beyond()).isEqualTo(1);
        assertThat(bOff.disagrees()).isTrue();
        assertThat(bOff.relativeDifference()).isCloseTo(0.125, within(1e-12));
        assertThat(AgreementWording.difference(bOff)).isEqualTo("+2.50% (+12.5%)");
        assertThat(AgreementWording.largest(bOff)).isEqualTo("+5.00%");
        assertThat(AgreementWording.flag(bOff)).isEqualTo(AgreementWording.DISAGREES);
        assertThat(a.rows().get(3).runs()).isEqualTo(1);
        assertThat(a.compared()).isEqualTo(7);
        assertThat(a.beyond()).isEqualTo(1);
        assertThat(AgreementWording.sentence(a)).isEqualTo("Prometheus disagrees with the harness by more than 10% of the"
                + " harness's figure or 0.50% of a core, whichever is larger, in 1 of 7 runs compared: worker-b off"
                + " (1 of 2); 7 of 7 valid runs compared.");
    }

    @Test
    void anIdleSystemdIsJudgedByTheFloorAndHasNoRelativeDifference() {
        run("lab-h", "on", 0.0, 0.004, null).run("lab-h", "on", 0.0, 0.0, null);
        NodeAgreement on = PrometheusAgreement.of(runs, "off", "on", SETTINGS).rows().get(0);
        assertThat(on.harnessCores()).isZero();
        assertThat(on.relativeDifference()).isNaN();
        assertThat(on.disagrees()).isFalse();
        assertThat(AgreementWording.difference(on)).isEqualTo("+0.20%");
        assertThat(AgreementWording.flag(on)).isEqualTo(AgreementWording.AGREES);
    }

    @Test
    void runsWithoutAFigureAreCountedByReasonAndARowWithoutAnyIsSaidSo() {
        run("lab-h", "off", 0.2, null, "unreachable: connection refused")
                .run("lab-h", "off", 0.2, null, "not asked (earlier: unreachable: connection refused)")
                .run("lab-h", "on", 0.0, null, null);
        PrometheusAgreement a = PrometheusAgreement.of(runs, "off", "on", SETTINGS);
        NodeAgreement off = a.rows().get(0);
        assertThat(off.compared()).isZero();
        assertThat(off.harnessCores()).isNaN();
        assertThat(off.missing()).isEqualTo(Map.of("unreachable: connection refused", 1,
                "not asked (earlier: unreachable: connection refused)", 1));
        assertThat(AgreementWording.flag(off)).isEqualTo(AgreementWording.NO_FIGURE);
        assertThat(AgreementWording.difference(off)).isEqualTo("-");
        assertThat(AgreementWording.missing(a.rows().get(1))).isEqualTo("no figure in 1 of 1 runs: 1 \u00d7 not asked");
        assertThat(AgreementWording.sentence(a)).isEqualTo("Prometheus gave no figure for any of the 3 valid runs:"
                + " 1 \u00d7 unreachable: connection refused, 1 \u00d7 not asked (earlier: unreachable: connection"
                + " refused), 1 \u00d7 not asked.");
    }

    @Test
    void aCampaignWithoutPrometheusHasNoComparison() {
        run("lab-h", "off", 0.2, null, null).run("lab-h", "on", 0.0, null, null);
        assertThat(PrometheusAgreement.of(runs, "off", "on", null)).isNull();
    }

    @Test
    void figuresWithoutStatedSettingsAreJudgedByTheDefaultTolerance() {
        run("lab-h", "off", 0.2, 0.2, null);
        PrometheusAgreement a = PrometheusAgreement.of(runs, "off", "on", null);
        assertThat(a.tolerance()).isEqualTo(AgreementTolerance.DEFAULT);
        assertThat(a.query()).isNull();
        assertThat(AgreementWording.method(a)).doesNotContain("Prometheus: ");
    }

    @Test
    void theToleranceIsTheLargerOfItsShareAndItsFloor() {
        AgreementTolerance t = new AgreementTolerance(0.1, 0.005);
        assertThat(t.allowed(0.01)).isEqualTo(0.005);
        assertThat(t.allowed(0.5)).isCloseTo(0.05, within(1e-15));
        assertThat(t.exceeded(0.5, 0.549)).isFalse();
        assertThat(t.exceeded(0.5, 0.551)).isTrue();
        assertThat(AgreementWording.tolerance(t)).isEqualTo("10% of the harness's figure or 0.50% of a core,"
                + " whichever is larger");
        assertThatThrownBy(() -> new AgreementTolerance(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AgreementTolerance(-0.1, 0.01)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSummaryKeepsTheComparisonThroughItsFile(@TempDir Path dir) throws Exception {
        run("lab-h", "off", 0.2, 0.21, null).run("lab-h", "off", 0.22, 0.2, null).run("lab-h", "off", 0.21, 0.2, null)
                .run("lab-h", "on", 0.0, 0.0, null).run("lab-h", "on", 0.0, null, "no series").run("lab-h", "on", 0.0,
                        0.0, null);
        Summary summary = new Analyzer().analyze("c", List.of("d"), runs, "off", "on")
                .withPrometheus(PrometheusAgreement.of(runs, "off", "on", SETTINGS));
        Path file = dir.resolve(SummaryJson.FILE);
        SummaryJson.write(summary, file);
        Summary back = SummaryJson.read(file);
        assertThat(back).isEqualTo(summary);
        assertThat(back.prometheus().rows().get(1).missing()).isEqualTo(Map.of("no series", 1));
        assertThat(back.prometheus().rows().get(1).relativeDifference()).isNaN();
    }
}
