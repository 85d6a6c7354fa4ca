package io.kubensbench.bench.estimate;

import io.fabric8.kubernetes.api.model.Node;
import io.kubensbench.analysis.model.Load;
import io.kubensbench.analysis.model.Prediction;
import io.kubensbench.analysis.prediction.Saving;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Puts an estimate together: each listed node's load ({@link NodeLoads}), systemd's CPU there
 * as the calibration's off and on models predict it, and the totals over the nodes, predicted
 * state by state as one sum ({@link io.kubensbench.analysis.model.LoadModel#predictTotal}), so
 * that the models' shared uncertainty is counted once.
 */
public final class Estimator {

    private final Calibration calibration;
    private final BaseMounts base;
    private final Duration window;

    public Estimator(Calibration calibration, BaseMounts base, Duration window) {
        this.calibration = calibration;
        this.base = base;
        this.window = window;
    }

    /** The estimate of the nodes listed at {@code now}, selected by {@code selector}. */
    public Estimate estimate(ClusterListing listing, Map<String, String> selector, Instant now) {
        NodeLoads loads = new NodeLoads(now, window, base.value());
        List<NodeEstimate> nodes = new ArrayList<>();
        List<Load> all = new ArrayList<>();
        for (Node node : listing.nodes()) {
            String name = node.getMetadata().getName();
            NodeLoad load = loads.of(name, listing.pods(name));
            Prediction off = calibration.off().predict(load.load());
            Prediction on = calibration.on().predict(load.load());
            nodes.add(new NodeEstimate(load, NodeFacts.of(node), off, on, Saving.of(off, on)));
            all.add(load.load());
        }
        Prediction totalOff = calibration.off().predictTotal(all);
        Prediction totalOn = calibration.on().predictTotal(all);
        return new Estimate(calibration, base, selector, window, now, nodes, totalOff, totalOn,
                Saving.of(totalOff, totalOn), Caveats.of(calibration, base, window, nodes));
    }
}
