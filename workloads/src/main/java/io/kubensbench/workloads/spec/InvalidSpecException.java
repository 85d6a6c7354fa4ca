package io.kubensbench.workloads.spec;

/**
 * A workload field out of range. The message is one line, {@code <path>: <problem>}, because
 * the CLI prints it as is and the user must be able to find the field in the campaign file.
 * Path and problem are kept apart so that a caller can re-root the path (for example onto a
 * dose-response level).
 */
public class InvalidSpecException extends IllegalArgumentException {

    private final String path;
    private final String problem;

    public InvalidSpecException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /** Dotted field path, e.g. {@code workload.volumesPerPod.secret}. */
    public String path() {
        return path;
    }

    /** What is wrong, e.g. {@code must be between 0 and 256 (got -1)}. */
    public String problem() {
        return problem;
    }
}
