package io.kubensbench.analysis.agreement;

import io.kubensbench.analysis.results.AgreementTolerance;
import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the harness's figure for systemd's CPU compares with Prometheus's over a campaign's
 * valid runs: a row per node and arm. A run is compared when it has both figures; it lies
 * beyond the tolerance when the two differ by more than {@link AgreementTolerance#allowed},
 * and a row with such a run is flagged. Invalid runs are left out, as everywhere in the
 * analysis.
 *
 * @param query     the query Prometheus was asked, as the campaign states it; null when unknown
 * @param tolerance the tolerance the runs were judged by
 * @param rows      per node (in the order nodes first appear) and arm (baseline first)
 */
public record PrometheusAgreement(String query, AgreementTolerance tolerance, List<NodeAgreement> rows) {

    /** What a run's reason reads when no Prometheus was asked for it. */
    public static final String NOT_ASKED = "not asked";

    public PrometheusAgreement {
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /**
     * The comparison of a campaign's runs; null when the campaign did not involve a Prometheus
     * (none configured and no run carries a figure or a reason).
     *
     * @param settings what the campaign states about its Prometheus; null when it states nothing
     *                 (the default tolerance is used when runs still carry figures)
     */
    public static PrometheusAgreement of(List<RunRecord> runs, String baselineArm, String candidateArm,
                                         CampaignRecord.Prometheus settings) {
        boolean asked = runs.stream().anyMatch(r -> r.prometheusCores() != null || r.prometheusMissing() != null);
        if (settings == null && !asked) {
            return null;
        }
        AgreementTolerance tolerance = settings == null || settings.tolerance() == null
                ? AgreementTolerance.DEFAULT : settings.tolerance();
        Set<String> nodes = new LinkedHashSet<>();
        runs.stream().filter(RunRecord::valid).forEach(r -> nodes.add(r.node()));
        List<NodeAgreement> rows = new ArrayList<>();
        for (String node : nodes) {
            for (String arm : List.of(baselineArm, candidateArm)) {
                List<RunRecord> these = runs.stream()
                        .filter(r -> r.valid() && node.equals(r.node()) && arm.equals(r.arm())).toList();
                if (!these.isEmpty()) {
                    rows.add(row(node, arm, these, tolerance));
                }
            }
        }
        return new PrometheusAgreement(settings == null ? null : settings.query(), tolerance, rows);
    }

    private static NodeAgreement row(String node, String arm, List<RunRecord> runs, AgreementTolerance tolerance) {
        Map<String, Integer> missing = new LinkedHashMap<>();
        double harness = 0;
        double prometheus = 0;
        double largest = Double.NaN;
        int compared = 0;
        int beyond = 0;
        for (RunRecord r : runs) {
            if (r.prometheusCores() == null) {
                missing.merge(r.prometheusMissing() == null ? NOT_ASKED : r.prometheusMissing(), 1, Integer::sum);
                continue;
            }
            double h = r.systemdCores();
            double p = r.prometheusCores();
            compared++;
            harness += h;
            prometheus += p;
            if (Double.isNaN(largest) || Math.abs(p - h) > Math.abs(largest)) {
                largest = p - h;
            }
            beyond += tolerance.exceeded(h, p) ? 1 : 0;
        }
        double h = compared == 0 ? Double.NaN : harness / compared;
        double p = compared == 0 ? Double.NaN : prometheus / compared;
        double difference = p - h;
        return new NodeAgreement(node, arm, runs.size(), compared, h, p, difference,
                h > 0 ? difference / h : Double.NaN, largest, beyond, missing);
    }

    /** Runs compared, over every row. */
    public int compared() {
        return rows.stream().mapToInt(NodeAgreement::compared).sum();
    }

    /** Runs beyond the tolerance, over every row. */
    public int beyond() {
        return rows.stream().mapToInt(NodeAgreement::beyond).sum();
    }

    /** Whether any row is flagged. */
    public boolean disagrees() {
        return beyond() > 0;
    }
}
