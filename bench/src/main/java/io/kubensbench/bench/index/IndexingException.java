package io.kubensbench.bench.index;

import java.io.IOException;

/**
 * Documents were not indexed; the message is one line naming the server (never its
 * credentials), the status and the server's reason. The results directory is not affected.
 */
public final class IndexingException extends IOException {

    public IndexingException(String message) {
        super(message);
    }

    public IndexingException(String message, Throwable cause) {
        super(message, cause);
    }
}
