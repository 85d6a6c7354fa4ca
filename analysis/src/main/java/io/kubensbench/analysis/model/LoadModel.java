package io.kubensbench.analysis.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.distribution.TDistribution;

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

    public LoadModel {
        arms = arms == null ? List.of() : List.copyOf(arms);
        points = points == null ? List.of() : List.copyOf(points);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        coefficients = coefficients == null ? new double[0] : coefficients;
        covariance = covariance == null ? new double[0][] : covariance;
    }

    /** systemd's predicted CPU at {@code load}, with its 95% prediction interval. */
    public Prediction predict(Load load) {
        Extrapolation where = Extrapolation.of(range, load);
        if (form == null) {
            return withoutForm(where);
        }
        double[] x = form.row(load, saturation);
        double cores = WeightedFit.dot(x, coefficients);
        return interval(cores, WeightedFit.quadratic(x, covariance) + cores * cores, where);
    }

    /**
     * The sum over several nodes of their predicted CPU, with a 95% prediction interval that
     * counts the parameters' uncertainty once for all (it is shared) and each node's scatter
     * on its own.
     */
    public Prediction predictTotal(List<Load> loads) {
        Extrapolation where = Extrapolation.worst(range, loads);
        if (form == null) {
            return withoutForm(where);
        }
        double[] sum = new double[coefficients.length];
        double cores = 0;
        double scatter = 0;
        for (Load load : loads) {
            double[] x = form.row(load, saturation);
            double y = WeightedFit.dot(x, coefficients);
            for (int j = 0; j < x.length; j++) {
                sum[j] += x[j];
            }
            cores += y;
            scatter += y * y;
        }
        return interval(cores, WeightedFit.quadratic(sum, covariance) + scatter, where);
    }

    /** Equal when every figure is, the arrays' contents included (a record compares arrays by reference). */
    @Override
    public boolean equals(Object o) {
        return o instanceof LoadModel m && state.equals(m.state) && arms.equals(m.arms) && points.equals(m.points)
                && candidates.equals(m.candidates) && form == m.form && parameters.equals(m.parameters)
                && Arrays.equals(coefficients, m.coefficients) && Arrays.deepEquals(covariance, m.covariance)
                && Double.compare(saturation, m.saturation) == 0 && Double.compare(sigma, m.sigma) == 0
                && df == m.df && Double.compare(validationError, m.validationError) == 0
                && Objects.equals(range, m.range) && Double.compare(baseMounts, m.baseMounts) == 0
                && Objects.equals(degenerate, m.degenerate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, arms, points, candidates, form, parameters, Arrays.hashCode(coefficients),
                Arrays.deepHashCode(covariance), saturation, sigma, df, validationError, range, baseMounts, degenerate);
    }

    /** Whether systemd used no measurable CPU at any calibrated level: then it is predicted to use none. */
    public boolean idle() {
        return !points.isEmpty() && points.stream().allMatch(p -> p.cores() <= LoadModels.IDLE_CORES);
    }

    /** ŷ ± t(0.975, df)·sigma·sqrt(relative variance), the low bound not below 0. */
    private Prediction interval(double cores, double relativeVariance, Extrapolation where) {
        double half = new TDistribution(null, df, LoadModels.T_ACCURACY).inverseCumulativeProbability(0.975)
                * sigma * Math.sqrt(relativeVariance);
        return new Prediction(cores, Math.max(0, cores - half), cores + half, where.factor(), where.outside(), null);
    }

    private Prediction withoutForm(Extrapolation where) {
        return new Prediction(idle() ? 0 : Double.NaN, Double.NaN, Double.NaN, where.factor(), where.outside(),
                degenerate);
    }
}
