package io.kubensbench.bench.cluster;

import java.io.IOException;

/**
 * The cluster cannot be used as asked: no kubeconfig, an unknown context, an API server that
 * does not answer, credentials it rejects, or a permission the user lacks. An unmet
 * precondition (exit code 2), never a failed run, and always one line that says what to fix.
 */
public final class ClusterAccessException extends IOException {

    public ClusterAccessException(String message) {
        super(message);
    }

    public ClusterAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
