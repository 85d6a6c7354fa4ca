package io.kubensbench.analysis.model;

import java.util.List;

/**
 * systemd's CPU in one encapsulation state as a function of the load, fitted on a campaign's
 * level means. Every candidate form was fitted with each level left out in turn; the one that
 * predicted the left-out levels best was chosen, and its error there is the validation error
 * a user can expect on a load like the calibration's.
 *
 * <p>The fit is weighted least squares on level means with weights 1 / mean², so that
 * errors are relative: systemd's spread and the levels' departures from any form grow with
 * the load. The prediction interval is for a level mean: the parameters' uncertainty plus
 * the levels' own scatter about the form, t on {@code df} degrees of freedom.
 *
 * @param state        {@code off} or {@code on}: the encapsulation state of the runs fitted
 * @param arms         the campaign's arms in that state, whose runs were pooled
 * @param points       one per level with a valid run in the state and a load, in the order
 *                     levels first appear in the runs
 * @param candidates   every form, compared or not, in {@link ModelForm} order
 * @param form         the chosen form; null when the model is degenerate or no form could be fitted
 * @param parameters   the chosen form's, in formula order
 * @param coefficients the chosen form's linear coefficients (a, b[, c]), K being fixed
 * @param covariance   their unscaled covariance, (X'WX)^-1, row by row
 * @param saturation   K of the saturating form, in events/s; NaN for the other forms
 * @param sigma        the relative residual standard deviation of the level means about the form
 * @param df           degrees of freedom of sigma: levels less parameters (K counted)
 * @param validationError the chosen form's leave-one-level-out RMS relative error
 * @param range        the calibrated loads
 * @param baseMounts   mounts in systemd's view without any pods, estimated from the levels
 *                     (the intercept of mounts against pods); NaN when the levels do not tell
 * @param degenerate   why no form was fitted, in words; null when one was
 */
public record LoadModel(String state, List<String> arms, List<LevelPoint> points, List<Candidate> candidates,
                        ModelForm form, List<Parameter> parameters, double[] coefficients, double[][] covariance,
                        double saturation, double sigma, int df, double validationError, LoadRange range,
                        double baseMounts, String degenerate) {

    /** systemd's predicted CPU at {@code load}, with its 95% prediction interval. */
    public Prediction predict(Load load) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The sum over several nodes of their predicted CPU, with a 95% prediction interval that
     * counts the parameters' uncertainty once for all (it is shared) and each node's scatter
     * on its own.
     */
    public Prediction predictTotal(List<Load> loads) {
        throw new UnsupportedOperationException("not yet");
    }
}
