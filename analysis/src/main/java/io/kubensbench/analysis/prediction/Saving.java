package io.kubensbench.analysis.prediction;

import io.kubensbench.analysis.model.Prediction;

/**
 * What encapsulation would save: systemd's predicted CPU off less on, in cores, with a 95%
 * interval. The two predictions come from models fitted on separate runs, so their errors are
 * taken as independent and their half-widths combine in quadrature, each side on its own (an
 * interval cut at 0 is not symmetric). Where the encapsulated systemd used no measurable CPU
 * at any calibrated level (the on model is degenerate at 0), the saving is the off figure, with
 * its interval.
 *
 * @param cores the saving, in cores
 * @param low   lower bound of its 95% interval; NaN when there is none
 * @param high  upper bound; NaN when there is none
 * @param note  how the interval was made when not by quadrature, or why there is none; null otherwise
 */
public record Saving(double cores, double low, double high, String note) {

    public static Saving of(Prediction off, Prediction on) {
        double cores = off.cores() - on.cores();
        if (on.degenerate() != null && on.cores() == 0) {
            return new Saving(off.cores(), off.low(), off.high(),
                    "the off interval, as the on model predicts 0: " + on.degenerate());
        }
        if (on.degenerate() != null || off.degenerate() != null) {
            return new Saving(cores, Double.NaN, Double.NaN, "no interval: "
                    + (off.degenerate() != null ? off.degenerate() : on.degenerate()));
        }
        double below = Math.hypot(off.cores() - off.low(), on.high() - on.cores());
        double above = Math.hypot(off.high() - off.cores(), on.cores() - on.low());
        return new Saving(cores, cores - below, cores + above, null);
    }

    public boolean hasInterval() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }
}
