package io.kubensbench.analysis.model;

/**
 * systemd's CPU predicted at a load, with its 95% prediction interval: where a level
 * measured at that load, as the calibration measured its levels, should fall.
 *
 * @param cores         predicted mean CPU, in cores
 * @param low           lower bound of the 95% prediction interval (not below 0); NaN when there is none
 * @param high          upper bound, likewise
 * @param extrapolation how far outside the calibrated loads: 1 inside; otherwise the largest
 *                      ratio of the load to the nearest calibrated bound (2.0 = twice the largest
 *                      mounts, or half the smallest events/s)
 * @param outside       what lies outside, in words ("mounts 2.0 times the largest calibrated
 *                      (3,404)"); null inside
 * @param degenerate    why there is no interval, in words ("systemd used no measurable CPU
 *                      at any calibrated level"); null when there is one
 */
public record Prediction(double cores, double low, double high, double extrapolation, String outside,
                         String degenerate) {

    public boolean inside() {
        return outside == null;
    }
}
