package io.kubensbench.analysis.prediction;

import io.kubensbench.analysis.model.Prediction;

/**
 * What encapsulation saves at a load, off less on, in cores, with a 95% interval. When
 * systemd used no CPU at any calibrated level with encapsulation on, the on side is exactly
 * 0 and the saving is the off prediction, interval and all. Otherwise the two predictions
 * come from separate fits on separate runs, so their upper half-widths (the side no bound at
 * 0 clips) add in quadrature.
 *
 * @param cores predicted saving, in cores
 * @param low   lower bound of its 95% interval; NaN when there is none
 * @param high  upper bound; NaN when there is none
 */
public record Saving(double cores, double low, double high) {

    /** The saving with encapsulation on at exactly 0 ({@code onIsZero}) or predicted as {@code on}. */
    public static Saving of(Prediction off, Prediction on, boolean onIsZero) {
        if (onIsZero) {
            return new Saving(off.cores(), off.low(), off.high());
        }
        double cores = off.cores() - on.cores();
        double half = Math.hypot(off.high() - off.cores(), on.high() - on.cores());
        return new Saving(cores, cores - half, cores + half);
    }

    public boolean hasInterval() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }
}
