package io.kubensbench.analysis.model;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A fitted form's parameters in the units a user reasons in: % of a core, per 1,000 mounts,
 * per 100 events/s, rather than cores per mount·event/s, whose figures have seven zeros.
 */
final class Parameters {

    static final String CORE_SHARE = "% of a core";

    private Parameters() {
    }

    static List<Parameter> of(FormFit fit) {
        double[] beta = fit.fit().coefficients();
        double[][] cov = fit.fit().covariance();
        double t = new TDistribution(null, fit.df(), LoadModels.T_ACCURACY).inverseCumulativeProbability(0.975);
        List<Parameter> parameters = new ArrayList<>();
        String[] names = {"a", "b", "c"};
        for (int j = 0; j < beta.length; j++) {
            double scale = scale(fit.form(), j);
            double half = t * fit.sigma() * Math.sqrt(cov[j][j]) * scale;
            double value = beta[j] * scale;
            parameters.add(new Parameter(names[j], value, value - half, value + half, unit(fit.form(), j)));
        }
        if (fit.form() == ModelForm.SATURATING) {
            parameters.add(new Parameter("K", fit.saturation(), Double.NaN, Double.NaN, "events/s"));
        }
        return List.copyOf(parameters);
    }

    /** Cores to % of a core; per mount to per 1,000 mounts; per event/s to per 100 events/s. */
    private static double scale(ModelForm form, int j) {
        if (j == 0) {
            return 100;
        }
        return switch (form) {
            case MOUNTS, SATURATING -> 100 * 1000;
            case MOUNTS_PLUS_EVENTS -> j == 1 ? 100 * 1000 : 100 * 100;
            case MOUNTS_TIMES_EVENTS -> 100 * 1000 * 100;
        };
    }

    private static String unit(ModelForm form, int j) {
        if (j == 0) {
            return CORE_SHARE;
        }
        return switch (form) {
            case MOUNTS -> CORE_SHARE + " per 1,000 mounts";
            case SATURATING -> CORE_SHARE + " per 1,000 mounts at saturated events/s";
            case MOUNTS_PLUS_EVENTS -> j == 1 ? CORE_SHARE + " per 1,000 mounts" : CORE_SHARE + " per 100 events/s";
            case MOUNTS_TIMES_EVENTS -> CORE_SHARE + " per 1,000 mounts at 100 events/s";
        };
    }
}
