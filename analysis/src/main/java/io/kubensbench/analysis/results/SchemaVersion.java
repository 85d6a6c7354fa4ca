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
}
