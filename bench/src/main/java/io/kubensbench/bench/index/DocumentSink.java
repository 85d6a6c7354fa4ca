package io.kubensbench.bench.index;

import java.io.IOException;
import java.util.List;

/**
 * Where documents go: a server's bulk API or a directory of NDJSON files. Both take the same
 * documents, so what a directory holds is what a server would have been sent.
 */
public interface DocumentSink {

    /**
     * Writes every document, replacing those of the same id.
     *
     * @throws IndexingException with one line naming where and why, when any is refused
     */
    void write(List<IndexDocument> documents) throws IOException;

    /** Where the documents go, for a message: a server and index, or a directory. */
    String describe();
}
