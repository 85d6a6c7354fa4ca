package io.kubensbench.analysis.compare;

/**
 * The answer per level, in the words the report and the CLI print. "No significant
 * difference" is not "no difference": the cell's minimal detectable effect says how large a
 * difference could have gone unseen.
 */
public enum Verdict {
    REDUCED("reduced"),
    NO_SIGNIFICANT_DIFFERENCE("no significant difference"),
    INCREASED("increased"),
    INSUFFICIENT_DATA("insufficient data");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
