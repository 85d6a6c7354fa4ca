package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns a failed Kubernetes API call into the one line a user can act on: log in again, ask
 * for a permission, check the API server address. fabric8's own messages name the HTTP
 * operation, not the remedy, and its connection failures carry no message at all.
 *
 * <p>{@code resource} is written the way RBAC and {@code oc} name it, with its scope when
 * that matters for the permission, e.g. {@code "machineconfigs.machineconfiguration.openshift.io
 * (cluster-scoped)"} or {@code "pods in namespace kubens-bench"}. The returned exception keeps
 * the original as its cause for {@code --verbose}.
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** Explains {@code e}; a connection failure names no server address (use the overload that has it). */
    public static IOException explain(KubernetesClientException e, String verb, String resource) {
        return explain(e, verb, resource, null);
    }

    /** Explains {@code e}; {@code server} (the client's master URL) is named when the server cannot be reached. */
    public static IOException explain(KubernetesClientException e, String verb, String resource, URL server) {
        String message = message(e, verb, resource, server);
        // Rejected credentials, a missing permission or an unreachable server are for the user to fix (exit 2).
        boolean access = e.getCode() == 401 || e.getCode() == 403 || message.startsWith("cannot reach the API server");
        return access ? new ClusterAccessException(message, e) : new IOException(message, e);
    }

    static String message(KubernetesClientException e, String verb, String resource, URL server) {
        int code = e.getCode();
        if (code == 401) {
            return "unauthorized: the kubeconfig's credentials were rejected (log in again)";
        }
        if (code == 403) {
            return "forbidden: you need permission to " + verb + " " + resource;
        }
        if (code == 404) {
            return resource + " not found";
        }
        if (code <= 0) {
            String reason = unreachable(e, server);
            if (reason != null) {
                return "cannot reach the API server" + (server == null ? "" : " at " + origin(server)) + ": " + reason;
            }
            return verb + " " + resource + " failed: " + detail(e);
        }
        return "API error " + code + " on " + verb + " " + resource + ": " + detail(e);
    }

    /** Why the server could not be reached, or null when the failure was not a connection failure. */
    private static String unreachable(Throwable e, URL server) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host" + (server == null ? "" : " " + server.getHost());
            }
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException) {
                return "timed out";
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed (" + said(t) + ")";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                // The JDK's HTTP client reports a refused connection as a ConnectException
                // without a message (its cause is a ClosedChannelException).
                String message = deepestMessage(t);
                return message == null ? "connection refused" : message;
            }
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                String message = deepestMessage(t);
                return message == null ? t.getClass().getSimpleName() : message;
            }
        }
        return null;
    }

    private static String detail(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
            return e.getStatus().getMessage();
        }
        return said(e);
    }

    private static String deepestMessage(Throwable t) {
        String message = null;
        for (Throwable at = t; at != null; at = at.getCause()) {
            if (at.getMessage() != null && !at.getMessage().isBlank()) {
                message = at.getMessage();
            }
        }
        return message;
    }

    private static String said(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String origin(URL server) {
        String url = server.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
