package io.kubensbench.bench.estimate;

import io.kubensbench.analysis.model.Prediction;
import io.kubensbench.analysis.prediction.Saving;

/**
 * One node's estimate: its load, what the API says of it, and systemd's CPU there as the
 * calibration predicts it with encapsulation off and on, and the difference.
 */
public record NodeEstimate(NodeLoad load, NodeFacts facts, Prediction off, Prediction on, Saving saving) {

    public String node() {
        return load.node();
    }

    /** Whether the load lies outside what either model was calibrated on. */
    public boolean outside() {
        return !off.inside() || !on.inside();
    }
}
