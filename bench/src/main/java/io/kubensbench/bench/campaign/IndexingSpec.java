package io.kubensbench.bench.campaign;

import java.nio.file.Path;

/**
 * The campaign file's {@code indexing} block: where a campaign's documents go when it ends, so
 * a scheduled campaign indexes without options. Secrets are never in it (a campaign file is
 * copied into every results directory): credentials come from the command line's options, a
 * file or the environment.
 *
 * @param esServer the OpenSearch or Elasticsearch URL, without credentials; null for none
 * @param esIndex  the index; null for the default
 * @param indexDir a directory for the documents as NDJSON; null for none
 */
public record IndexingSpec(String esServer, String esIndex, Path indexDir) {

    /** A file without the block. */
    public static IndexingSpec none() {
        return new IndexingSpec(null, null, null);
    }
}
