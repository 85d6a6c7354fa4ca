package io.kubensbench.bench.index;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One document to index. Its id is a function of the campaign's uuid, the metric and the
 * document's key, so indexing the same campaign again replaces its documents instead of adding
 * copies beside them.
 *
 * @param id         the document's {@code _id}
 * @param metricName what the document measures ({@code systemdCpu}, ...), also in its body
 * @param source     the body as sent
 */
public record IndexDocument(String id, String metricName, ObjectNode source) {

    public IndexDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(source, "source");
    }
}
