package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns fabric8's exceptions, whose messages carry the request URL and the whole Status
 * object, into one line a user can act on: what was being done, the HTTP code, and the API
 * server's own message.
 */
final class ApiErrors {

    static final int NOT_FOUND = 404;
    static final int CONFLICT = 409;

    private ApiErrors() {
    }

    /**
     * The failure of {@code action} as an IOException, or an InterruptedException when the
     * client gave up because the calling thread was interrupted.
     */
    static IOException failure(String action, KubernetesClientException e)
            throws InterruptedException {
        if (e.getCause() instanceof InterruptedException) {
            InterruptedException interrupted = new InterruptedException(action + " interrupted");
            interrupted.initCause(e);
            throw interrupted;
        }
        return new IOException(action + " failed: " + reason(e), e);
    }

    static String reason(KubernetesClientException e) {
        if (e.getCode() <= 0) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return oneLine("cannot reach the API server (" + cause + ")");
        }
        Status status = e.getStatus();
        String message = status != null && status.getMessage() != null
                ? status.getMessage() : e.getMessage();
        return oneLine("HTTP " + e.getCode() + ": " + message);
    }

    /** {@code Pod bench/kb-r1-3}: how messages name an object. */
    static String describe(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + " " + (namespace == null ? "" : namespace + "/")
                + object.getMetadata().getName();
    }

    /** {@code a=1,b=2}: a label selector as kubectl's {@code -l} takes it, to copy and paste. */
    static String describe(Map<String, String> selector) {
        return selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }
}
