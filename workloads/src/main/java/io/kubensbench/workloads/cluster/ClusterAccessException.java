package io.kubensbench.workloads.cluster;

import java.io.IOException;

/**
 * The cluster cannot be used as asked: no kubeconfig, an unknown context, an API server that
 * does not answer, credentials it rejects, a permission the user lacks, or a request the
 * cluster's admission refuses. An unmet precondition (exit code 2), never a failed run, and
 * always one line that says what to fix. It lives beside {@link ApiErrors}, in the lowest
 * module that talks to a cluster, so the deployer, the probe and the CLI share it.
 */
public final class ClusterAccessException extends IOException {

    public ClusterAccessException(String message) {
        super(message);
    }

    public ClusterAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
