package io.kubensbench.analysis.model;

/**
 * How one candidate form predicted levels it was not fitted on: each level left out in turn,
 * the form fitted on the others, the left-out level's mean CPU predicted.
 *
 * @param rmsError    root mean square of the relative prediction errors, (predicted - mean) /
 *                    mean with the mean taken as at least 0.001 cores, as the fit weighs it
 *                    (0.05 = 5%); NaN when not compared
 * @param maxError    the largest absolute relative error; NaN when not compared
 * @param worstLevel  the level predicted worst; null when not compared
 * @param notCompared why the form was not compared (too few levels for its parameters, loads
 *                    that do not vary in what it needs); null when compared
 */
public record Candidate(ModelForm form, double rmsError, double maxError, String worstLevel, String notCompared) {

    public boolean compared() {
        return notCompared == null;
    }
}
