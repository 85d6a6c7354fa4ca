package io.kubensbench.analysis.compare;

/**
 * The answer per level, in the words the report and the CLI print. "No significant
 * difference" is not "no difference": the cell's minimal detectable effect says how large a
 * difference could have gone unseen. "Untestable" is not either: when neither arm varied from
 * run to run there is no noise to measure a difference against, whatever the two values are.
 */
public enum Verdict {
    REDUCED("reduced"),
    NO_SIGNIFICANT_DIFFERENCE("no significant difference"),
    INCREASED("increased"),
    INSUFFICIENT_DATA("insufficient data"),
    /** Both arms constant within the counters' resolution: no test can be made. */
    UNTESTABLE("untestable: both arms constant");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
