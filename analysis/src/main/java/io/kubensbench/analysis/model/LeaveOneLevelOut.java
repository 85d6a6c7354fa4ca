package io.kubensbench.analysis.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * How well a form predicts a level it was not fitted on: each level left out in turn, the form
 * fitted on the others (K chosen again within each fold, so the choice is validated too), and
 * the left-out level's mean predicted. This is what a user does with the model (predict a node
 * that was never measured), so the form that does it best is chosen, whatever its fit on the
 * levels it has seen.
 */
final class LeaveOneLevelOut {

    /** Loads that vary less than this share of their mean across levels cannot tell forms apart. */
    static final double MIN_SPREAD = 0.1;
    /** A form is validated only with this many levels beyond its parameters: a fold keeps one residual. */
    static final int SPARE_LEVELS = 2;

    private LeaveOneLevelOut() {
    }

    static Candidate of(ModelForm form, List<LevelPoint> points) {
        String reason = notComparable(form, points);
        if (reason != null) {
            return new Candidate(form, Double.NaN, Double.NaN, null, reason);
        }
        double squares = 0;
        double max = -1;
        String worst = null;
        for (int i = 0; i < points.size(); i++) {
            List<LevelPoint> others = new ArrayList<>(points);
            LevelPoint out = others.remove(i);
            FormFit fit = FormFit.of(form, others);
            if (fit == null) {
                return new Candidate(form, Double.NaN, Double.NaN, null,
                        "its columns are dependent without " + out.level());
            }
            double error = relativeError(fit.predict(out.load()), out.cores());
            squares += error * error;
            if (Math.abs(error) > max) {
                max = Math.abs(error);
                worst = out.level();
            }
        }
        return new Candidate(form, Math.sqrt(squares / points.size()), max, worst, null);
    }

    /** (predicted − mean) / mean, the mean floored as the weights are. */
    static double relativeError(double predicted, double mean) {
        return (predicted - mean) / Math.max(mean, FormFit.WEIGHT_FLOOR);
    }

    /** Why the form cannot be validated on these levels, in words; null when it can. */
    static String notComparable(ModelForm form, List<LevelPoint> points) {
        int needed = form.parameters() + SPARE_LEVELS;
        if (points.size() < needed) {
            return points.size() + (points.size() == 1 ? " level" : " levels") + ": " + form.parameters()
                    + " parameters need " + needed + " to be validated";
        }
        String mounts = steady(points, Load::mounts, "mounts", LoadFigures::count);
        if (mounts != null) {
            return mounts;
        }
        return form.usesEvents() ? steady(points, Load::eventsPerSecond, "events/s", LoadFigures::count) : null;
    }

    private static String steady(List<LevelPoint> points, ToDoubleFunction<Load> value, String name,
                                 DoubleFunction<String> figure) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (LevelPoint p : points) {
            double v = value.applyAsDouble(p.load());
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        double mean = sum / points.size();
        boolean varies = mean == 0 ? max > min : (max - min) / Math.abs(mean) >= MIN_SPREAD;
        return varies ? null : name + " do not vary across the levels (" + figure.apply(min) + " to "
                + figure.apply(max) + ")";
    }
}
