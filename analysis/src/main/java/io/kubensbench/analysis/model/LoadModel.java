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
 * the load. The prediction interval is for a level mean: the parameters' uncertainty (K's
 * included, linearised), the levels' own scatter about the form, and the chosen form's
 * leave-one-level-out error for having been chosen, t on {@code df} degrees of freedom.
 *
 * @param state        {@code off} or {@code on}: the encapsulation state of the runs fitted
 * @param arms         the campaign's arms in that state, whose runs were pooled
 * @param points       one per level with a valid run in the state and a load, in the order
 *                     levels first appear in the runs
 * @param candidates   every form, compared or not, in {@link ModelForm} order
 * @param form         the chosen form; null when the model is degenerate or no form could be fitted
 * @param parameters   the chosen form's, in formula order
 * @param coefficients the chosen form's linear coefficients (a, b[, c]), K being fixed
 * @param covariance   the parameters' unscaled covariance, (J'WJ)^-1 with J the prediction's
 *                     gradient at each level, row by row: (X'WX)^-1 of the linear
 *                     coefficients; for the saturating form over a, b and K, linearised at the
 *                     fitted K (over a and b alone where the levels do not determine K)
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
        double cores = WeightedFit.dot(form.row(load, saturation), coefficients);
        return interval(cores, WeightedFit.quadratic(gradient(load), covariance) + cores * cores, where);
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
        double[] sum = new double[covariance.length];
        double cores = 0;
        double scatter = 0;
        for (Load load : loads) {
            double y = WeightedFit.dot(form.row(load, saturation), coefficients);
            double[] g = gradient(load);
            for (int j = 0; j < g.length; j++) {
                sum[j] += g[j];
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

    /** The prediction's gradient in the parameters the covariance is over (K among them where it is). */
    private double[] gradient(Load load) {
        return covariance.length > coefficients.length ? form.gradient(load, coefficients, saturation)
                : form.row(load, saturation);
    }

    /**
     * ŷ ± t(0.975, df)·sqrt(sigma²·(g'Cg + Σŷ²) + (validationError·ŷ)²), the low bound not
     * below 0: the chosen form's own prediction variance (its parameters', K's included, and
     * each node's scatter about the form), plus its leave-one-level-out error as the price of
     * having chosen it. The form won because its residuals were the smallest, so they
     * understate its error on a load it has not seen; how it did on the levels it had not seen
     * says it, and counts as one error for all nodes (a wrong form errs the same way on them).
     *
     * @param parameterAndScatter g'Cg + Σŷ², in cores² per sigma²
     */
    private Prediction interval(double cores, double parameterAndScatter, Extrapolation where) {
        double choice = validationError * cores;
        double half = new TDistribution(null, df, LoadModels.T_ACCURACY).inverseCumulativeProbability(0.975)
                * Math.sqrt(sigma * sigma * parameterAndScatter + choice * choice);
        return new Prediction(cores, Math.max(0, cores - half), cores + half, where.factor(), where.outside(), null);
    }

    private Prediction withoutForm(Extrapolation where) {
        return new Prediction(idle() ? 0 : Double.NaN, Double.NaN, Double.NaN, where.factor(), where.outside(),
                degenerate);
    }
}
