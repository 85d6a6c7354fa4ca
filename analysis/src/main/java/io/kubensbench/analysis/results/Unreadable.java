package io.kubensbench.analysis.results;

/**
 * A line of {@code runs.jsonl}, {@code samples.jsonl} or {@code rollouts.jsonl} that could not be read and was left
 * out: said, never dropped silently, so a damaged directory is not mistaken for a complete one.
 *
 * @param file   the file, as the directory was named
 * @param line   its line number, from 1
 * @param reason the first line of the parse error
 */
public record Unreadable(String file, int line, String reason) {

    /** {@code results/runs.jsonl line 3: Unexpected character ...}. */
    public String describe() {
        return file + " line " + line + ": " + reason;
    }
}
