package io.kubensbench.analysis.prediction;

import io.kubensbench.analysis.model.Candidate;
import io.kubensbench.analysis.model.LevelPoint;
import io.kubensbench.analysis.model.Load;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.LoadModels;
import io.kubensbench.analysis.model.Prediction;
import io.kubensbench.analysis.text.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * systemd's CPU on a node of a given load, off and on, and the saving, as a calibration's
 * load models predict it. A model is only as good as the loads it was fitted on: a little
 * beyond them a form that fitted well usually still holds, far beyond it is a guess (the
 * re-reads saturate, the table outgrows a cache), so a load more than
 * {@value #MAX_REACH} times outside the calibrated range on either axis is refused unless
 * the user asks for it, and any load outside is said.
 *
 * @param calibration   what the models were fitted on
 * @param load          the load asked about
 * @param offModel      the model with encapsulation off
 * @param onModel       the model with encapsulation on; null when the calibration has no on runs
 * @param off           systemd's CPU with encapsulation off
 * @param on            with encapsulation on; null when it cannot be predicted
 * @param onIsZero      whether systemd used no CPU with encapsulation on at any calibrated
 *                      level, so on is exactly 0 (and has no interval)
 * @param saving        off less on; null when on cannot be predicted
 * @param extrapolation how far outside the calibrated loads (1 inside), as {@link Prediction} says
 * @param outside       what lies outside, in words; null inside
 * @param forced        whether the load lies beyond {@value #MAX_REACH} times and the user asked anyway
 * @param warnings      what a reader must know before quoting the figures, one sentence each
 */
public record NodePrediction(Calibration calibration, Load load, LoadModel offModel, LoadModel onModel,
                             Prediction off, Prediction on, boolean onIsZero, Saving saving, double extrapolation,
                             String outside, boolean forced, List<String> warnings) {

    /** How far outside the calibrated loads, on either axis, a prediction reaches without being asked to. */
    public static final double MAX_REACH = 2.0;

    public NodePrediction {
        warnings = List.copyOf(warnings);
    }

    /**
     * Predicts {@code load} from a calibration's models ({@code off} first, as the analysis
     * fits them).
     *
     * @param extrapolate predict also beyond {@value #MAX_REACH} times the calibrated loads
     * @throws IllegalArgumentException with one line when there is no model with
     *     encapsulation off ({@link #offModel}), or the load lies too far outside and
     *     {@code extrapolate} is false
     */
    public static NodePrediction of(Calibration calibration, List<LoadModel> models, Load load, boolean extrapolate) {
        LoadModel offModel = offModel(models, calibration.sources());
        Prediction off = offModel.predict(load);
        boolean forced = off.extrapolation() > MAX_REACH;
        if (forced && !extrapolate) {
            throw new IllegalArgumentException(off.outside() + ", more than " + Numbers.plain(MAX_REACH)
                    + " times beyond the calibrated loads: calibrate at that load (a level of about "
                    + describe(load) + ") or pass --extrapolate to predict anyway");
        }
        List<String> warnings = new ArrayList<>();
        if (forced) {
            warnings.add("an extrapolation beyond " + Numbers.plain(MAX_REACH) + " times the calibrated loads,"
                    + " made because --extrapolate asked for it: " + off.outside()
                    + "; the form was never measured there, so the figures and intervals are a guess");
        } else if (!off.inside()) {
            warnings.add("outside the calibrated loads: " + off.outside()
                    + "; the prediction assumes the form holds there");
        }
        LoadModel onModel = model(models, LoadModels.ON);
        boolean onIsZero = onModel != null && onModel.form() == null && onModel.idle();
        Prediction on = null;
        if (onIsZero) {
            on = onModel.predict(load);
        } else if (onModel == null) {
            warnings.add("the calibration has no valid run with encapsulation on, so no saving");
        } else if (onModel.form() == null || onModel.degenerate() != null) {
            warnings.add("no load model with encapsulation on ("
                    + (onModel.degenerate() == null ? "no form could be fitted" : onModel.degenerate())
                    + "), so no saving");
        } else {
            on = onModel.predict(load);
        }
        Saving saving = on == null ? null : Saving.of(off, on);
        return new NodePrediction(calibration, load, offModel, onModel, off, on, onIsZero, saving,
                off.extrapolation(), off.outside(), forced, warnings);
    }

    /**
     * The model with encapsulation off among a calibration's, fitted.
     *
     * @throws IllegalArgumentException with one line, naming {@code sources}, when there is none
     */
    public static LoadModel offModel(List<LoadModel> models, List<String> sources) {
        LoadModel offModel = model(models, LoadModels.OFF);
        String where = String.join(", ", sources);
        if (offModel == null) {
            throw new IllegalArgumentException(where + ": no valid run with encapsulation off, so no load model to"
                    + " predict from; calibrate with a campaign whose arms include off");
        }
        if (offModel.degenerate() != null || offModel.form() == null) {
            throw new IllegalArgumentException(where + ": no load model with encapsulation off: "
                    + (offModel.degenerate() == null ? "no form could be fitted" : offModel.degenerate())
                    + "; calibrate with a campaign such as lab-cost-model.yaml, whose levels vary pods and churn");
        }
        return offModel;
    }

    /** The chosen form's leave-one-level-out comparison, with encapsulation off. */
    public Candidate validation() {
        return offModel.candidates().stream().filter(c -> c.form() == offModel.form()).findFirst()
                .orElse(new Candidate(offModel.form(), offModel.validationError(), Double.NaN, null, null));
    }

    /** Levels the model with encapsulation off was fitted on. */
    public int levels() {
        return offModel.points().size();
    }

    /** Valid runs with encapsulation off over those levels. */
    public int offRuns() {
        return offModel.points().stream().mapToInt(LevelPoint::runs).sum();
    }

    private static LoadModel model(List<LoadModel> models, String state) {
        return LoadModels.of(models, state).orElse(null);
    }

    private static String describe(Load load) {
        return String.format(Locale.ROOT, "%,.0f mounts and %,.0f mount events/s", load.mounts(),
                load.eventsPerSecond());
    }
}
