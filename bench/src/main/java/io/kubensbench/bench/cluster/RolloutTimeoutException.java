package io.kubensbench.bench.cluster;

import java.io.IOException;

/**
 * A rollout that did not finish within its timeout: told apart from a degraded pool or an API
 * error because the pools may still get there, and the campaign records it as a timeout.
 */
public final class RolloutTimeoutException extends IOException {

    RolloutTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
