package io.kubensbench.bench.index;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code _bulk} API's NDJSON: per document an {@code index} action naming the index and the
 * id, then the body, each on one line. The server sink sends it and the directory sink stores
 * it, so a stored file can be sent with {@code curl --data-binary @FILE SERVER/_bulk} as it is.
 */
public final class BulkLines {

    private final JsonMapper json;

    public BulkLines(JsonMapper json) {
        this.json = json;
    }

    /** The action line of one document. */
    public String action(String index, IndexDocument document) {
        ObjectNode action = json.createObjectNode();
        action.putObject("index").put("_index", index).put("_id", document.id());
        return json.writeValueAsString(action);
    }

    /** The body line of one document. */
    public String source(IndexDocument document) {
        return json.writeValueAsString(document.source());
    }

    /** Action and body lines of every document, each line ending with a newline as {@code _bulk} wants. */
    public String of(String index, List<IndexDocument> documents) {
        StringBuilder out = new StringBuilder();
        for (IndexDocument d : documents) {
            out.append(action(index, d)).append('\n').append(source(d)).append('\n');
        }
        return out.toString();
    }
}
