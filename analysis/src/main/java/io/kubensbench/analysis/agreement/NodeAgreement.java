package io.kubensbench.analysis.agreement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The harness's and Prometheus's figures for systemd's CPU on one node in one arm, over the
 * valid runs that have both. Means are over the same runs, so their difference is the mean of
 * the per-run differences.
 *
 * @param node               the node as the runs name it
 * @param arm                the arm
 * @param runs               valid runs of this node and arm
 * @param compared           of which with a Prometheus figure
 * @param harnessCores       the harness's mean over the compared runs, in cores; NaN when none
 * @param prometheusCores    Prometheus's mean over the same runs; NaN when none
 * @param difference         Prometheus minus harness, in cores; NaN when none
 * @param relativeDifference the difference as a fraction of the harness's mean; NaN when that
 *                           mean is 0 (systemd used no CPU) or there is none
 * @param largestDifference  the per-run difference (Prometheus minus harness) of largest size
 * @param beyond             compared runs whose difference exceeds the tolerance
 * @param missing            valid runs without a Prometheus figure, by reason, in the order first met
 */
public record NodeAgreement(String node, String arm, int runs, int compared, double harnessCores,
                            double prometheusCores, double difference, double relativeDifference,
                            double largestDifference, int beyond, Map<String, Integer> missing) {

    public NodeAgreement {
        missing = missing == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(missing));
    }

    /** Whether any compared run lies beyond the tolerance. */
    public boolean disagrees() {
        return beyond > 0;
    }
}
