package io.kubensbench.bench.estimate;

import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.LoadModels;
import io.kubensbench.analysis.prediction.NodePrediction;
import io.kubensbench.analysis.results.Environment;
import java.nio.file.Path;
import java.util.List;

/**
 * The results an estimate predicts from: a campaign's (or an observation's) load models with
 * encapsulation off and on, and the machine they were measured on, which the nodes estimated
 * may not resemble. An estimate needs a fitted off model (there is nothing to save without
 * one) and an on model, which may be degenerate: a lab's encapsulated systemd uses no
 * measurable CPU.
 *
 * @param dir         the results directory, as given
 * @param campaign    the campaign's name
 * @param environment where it ran; null when the directory does not say
 * @param off         the model with encapsulation off, fitted
 * @param on          the model with encapsulation on
 */
public record Calibration(Path dir, String campaign, Environment environment, LoadModel off, LoadModel on) {

    /** The target a lab campaign names in its environment. */
    public static final String LAB = "lab";

    /**
     * The calibration of campaign {@code campaign} in {@code dir}, its load models
     * {@code models}; a missing or unfitted model is the user's to fix, said in one line (the
     * off model refused as {@code predict} refuses it).
     */
    public static Calibration of(Path dir, String campaign, List<LoadModel> models, Environment environment) {
        LoadModel off = NodePrediction.offModel(models, List.of(dir.toString()));
        LoadModel on = LoadModels.of(models, LoadModels.ON).orElseThrow(() -> new IllegalArgumentException(dir
                + ": no runs with encapsulation on, so no saving can be predicted; calibrate with both arms"));
        return new Calibration(dir, campaign, environment, off, on);
    }

    /** Whether the calibration was measured on a lab node rather than a cluster's nodes. */
    public boolean onLab() {
        return environment != null && LAB.equals(environment.target());
    }
}
