package io.kubensbench.analysis.results;

/**
 * The version of every JSON document kubens-bench writes or prints: {@code summary.json}, each
 * command's {@code -o json} and the indexed documents. Scripts check it before they read fields;
 * it goes up when a field is renamed, removed or changes meaning, and stays when one is added.
 */
public final class SchemaVersion {

    /** The version this build writes. */
    public static final int CURRENT = 1;

    /** The JSON field every document carries it in. */
    public static final String FIELD = "schemaVersion";

    private SchemaVersion() {
    }

    /**
     * Refuses a document of a newer version than this build reads, whose fields may have been
     * renamed or changed meaning; a document without one ({@code 0}, written before documents
     * carried it) and any older version read.
     *
     * @param found  the document's {@value #FIELD}, 0 when it has none
     * @param source what to name in the error, e.g. the file
     * @throws IllegalArgumentException one line naming both versions
     */
    public static void requireReadable(int found, String source) {
        if (found > CURRENT) {
            throw new IllegalArgumentException(source + ": " + FIELD + " " + found + " is newer than this kubens-bench"
                    + " reads (" + CURRENT + "); use a newer kubens-bench");
        }
    }
}
