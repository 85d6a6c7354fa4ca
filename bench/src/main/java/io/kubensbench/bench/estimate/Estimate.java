package io.kubensbench.bench.estimate;

import io.kubensbench.analysis.model.Prediction;
import io.kubensbench.analysis.prediction.Saving;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code kubens-bench estimate} found: per node its load and predictions, the totals over
 * the nodes, and the caveats every output prints with them.
 *
 * @param calibration the results predicted from
 * @param base        the base mounts added to every node
 * @param selector    the nodes' label selector
 * @param window      how far back churn was counted
 * @param at          when the cluster was read: the window's end
 * @param nodes       one per node, by name
 * @param totalOff    systemd's CPU summed over the nodes with encapsulation off
 * @param totalOn     likewise with it on
 * @param totalSaving their difference
 * @param caveats     what the figures rest on and where they may mislead, one sentence each
 */
public record Estimate(Calibration calibration, BaseMounts base, Map<String, String> selector, Duration window,
                       Instant at, List<NodeEstimate> nodes, Prediction totalOff, Prediction totalOn,
                       Saving totalSaving, List<String> caveats) {

    public Estimate {
        selector = Map.copyOf(selector);
        nodes = List.copyOf(nodes);
        caveats = List.copyOf(caveats);
    }
}
