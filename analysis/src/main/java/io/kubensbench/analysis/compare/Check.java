package io.kubensbench.analysis.compare;

/**
 * One comparison the CI gate made, with its numbers, so a failed job says what moved and by
 * how much. A level/metric pair maps to one JUnit test case.
 *
 * @param level   the level compared, or {@code *} for checks about the summaries as a whole
 * @param metric  one of the constants below
 * @param message what was compared, with the figures and the threshold
 */
public record Check(String level, String metric, boolean passed, String message) {

    public static final String ALL_LEVELS = "*";
    public static final String LEVELS = "levels";
    public static final String VALID_RUNS = "valid runs";
    public static final String REDUCTION = "reduction";
    public static final String CANDIDATE_CPU = "candidate CPU";
    /** The candidate CPU check of summaries of several nodes: per-node differences, nodes as blocks. */
    public static final String DIFFERENCE = "per-node difference";
}
