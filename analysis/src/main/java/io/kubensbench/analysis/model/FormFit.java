package io.kubensbench.analysis.model;

import java.util.List;

/**
 * One form fitted on some levels' means by weighted least squares, weights 1 / mean² so that
 * the errors are relative (systemd's spread and the levels' departures from any form grow
 * with the load). The saturating form's K is not linear: it is profiled on a log-spaced grid
 * and the K with the smallest weighted sum of squares kept.
 *
 * @param saturation K in events/s for {@link ModelForm#SATURATING}; NaN for the others
 */
record FormFit(ModelForm form, double saturation, WeightedFit fit, int levels) {

    /** Means below this (in cores) weigh as this: a level at 0 would otherwise take all the weight. */
    static final double WEIGHT_FLOOR = 0.001;
    /** K is looked for from 1 to 10,000 events/s, {@value #GRID_POINTS} points evenly spaced in log. */
    static final double GRID_LOW = 1;
    static final double GRID_HIGH = 10_000;
    static final int GRID_POINTS = 81;

    /** The fit on these levels, or null when their columns are linearly dependent. */
    static FormFit of(ModelForm form, List<LevelPoint> points) {
        if (form != ModelForm.SATURATING) {
            WeightedFit fit = linear(form, points, Double.NaN);
            return fit == null ? null : new FormFit(form, Double.NaN, fit, points.size());
        }
        FormFit best = null;
        for (int i = 0; i < GRID_POINTS; i++) {
            double k = GRID_LOW * Math.pow(GRID_HIGH / GRID_LOW, (double) i / (GRID_POINTS - 1));
            WeightedFit fit = linear(form, points, k);
            if (fit != null && (best == null || fit.sse() < best.fit().sse())) {
                best = new FormFit(form, k, fit, points.size());
            }
        }
        return best;
    }

    static double weight(double cores) {
        double m = Math.max(cores, WEIGHT_FLOOR);
        return 1 / (m * m);
    }

    private static WeightedFit linear(ModelForm form, List<LevelPoint> points, double k) {
        double[][] x = new double[points.size()][];
        double[] y = new double[points.size()];
        double[] w = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            LevelPoint p = points.get(i);
            x[i] = form.row(p.load(), k);
            y[i] = p.cores();
            w[i] = weight(p.cores());
        }
        return WeightedFit.of(x, y, w);
    }

    /**
     * The parameters' unscaled covariance, (J'WJ)^-1 with J the gradient at each level: the
     * linear coefficients' (X'WX)^-1 for the linear forms; for the saturating form over a, b
     * and K, linearised at the fitted K. Null when K is not determined by these levels (its
     * gradient is a combination of the others').
     */
    double[][] covariance(List<LevelPoint> points) {
        if (form != ModelForm.SATURATING) {
            return fit.covariance();
        }
        double[][] j = new double[points.size()][];
        double[] w = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            j[i] = form.gradient(points.get(i).load(), fit.coefficients(), saturation);
            w[i] = weight(points.get(i).cores());
        }
        return WeightedFit.covariance(j, w);
    }

    double predict(Load load) {
        return WeightedFit.dot(form.row(load, saturation), fit.coefficients());
    }

    /** Levels less parameters, K counted. */
    int df() {
        return levels - form.parameters();
    }

    /** The relative residual standard deviation of the level means about the form. */
    double sigma() {
        return df() > 0 ? Math.sqrt(fit.sse() / df()) : Double.NaN;
    }
}
