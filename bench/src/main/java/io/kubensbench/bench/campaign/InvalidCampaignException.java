package io.kubensbench.bench.campaign;

import java.util.Objects;
import java.util.Optional;

/**
 * A campaign the harness refuses. The message is one line, {@code <source>: <path>: <problem>}
 * (for example {@code c.yaml: levels[1].pods: must be at least 1 (got 0)}), because the CLI
 * prints it as is, with exit code 2, and the user must be able to find the field in the file.
 *
 * <p>Source, path and problem are kept apart so that the part that knows the file and the
 * part that knows a list element's index can each add theirs: the campaign records report
 * paths without a source, and {@link CampaignReader} adds the file name.
 */
public final class InvalidCampaignException extends IllegalArgumentException {

    private final String source;
    private final String path;
    private final String problem;

    /** A problem found without knowing the file, e.g. by a record's constructor. */
    public InvalidCampaignException(String path, String problem) {
        this(null, path, problem);
    }

    /**
     * @param source the file, as the user named it, or null when the campaign was not read
     *     from a file
     */
    public InvalidCampaignException(String source, String path, String problem) {
        super(message(source, path, problem));
        this.source = source == null ? null : oneLine(source);
        this.path = oneLine(Objects.requireNonNull(path, "path"));
        this.problem = oneLine(Objects.requireNonNull(problem, "problem"));
    }

    /** The file the campaign came from, if it came from one. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** Where in the file, e.g. {@code schedule.measure} or {@code (line 3, column 7)}. */
    public String path() {
        return path;
    }

    /** What is wrong, e.g. {@code must be at least 1 (got 0)}. */
    public String problem() {
        return problem;
    }

    /** The same problem, attributed to {@code file}. */
    public InvalidCampaignException in(String file) {
        return new InvalidCampaignException(file, path, problem);
    }

    /**
     * The same problem with its path re-rooted under {@code prefix}: {@code name} under
     * {@code arms[1]} is {@code arms[1].name}.
     */
    public InvalidCampaignException under(String prefix) {
        return new InvalidCampaignException(source, prefix + (path.startsWith("[") ? "" : ".") + path, problem);
    }

    private static String message(String source, String path, String problem) {
        String located = oneLine(String.valueOf(path)) + ": " + oneLine(String.valueOf(problem));
        return source == null ? located : oneLine(source) + ": " + located;
    }

    /** The CLI promises one line; a control character in a key or a value must not break it. */
    private static String oneLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
