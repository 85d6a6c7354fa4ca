package io.kubensbench.analysis.results;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A document a command prints with {@code -o json}: {@value SchemaVersion#FIELD} and
 * {@code kind} first, so a script can check what it holds before it reads a field. Plain JSON
 * has no NaN or infinity, so a figure that does not exist is {@code null}, and the document
 * names why beside it wherever the text says why.
 */
public final class JsonDocument {

    /** The field naming what a document is: "analysis", "comparison", ... */
    public static final String KIND = "kind";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonDocument() {
    }

    /** An empty document of this kind, at {@link SchemaVersion#CURRENT}. */
    public static ObjectNode of(String kind) {
        ObjectNode root = JSON.createObjectNode();
        root.put(SchemaVersion.FIELD, SchemaVersion.CURRENT);
        root.put(KIND, kind);
        return root;
    }

    /** The document as printed: indented, one trailing newline. */
    public static String text(ObjectNode document) {
        return JSON.writeValueAsString(document) + "\n";
    }

    /** A figure, or null where it does not exist (NaN) or is not finite. */
    public static ObjectNode number(ObjectNode out, String field, double value) {
        if (Double.isFinite(value)) {
            out.put(field, value);
        } else {
            out.putNull(field);
        }
        return out;
    }
}
