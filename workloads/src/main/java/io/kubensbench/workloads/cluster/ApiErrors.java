package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * Turns a failed Kubernetes API call into the one line a user can act on: log in again, ask
 * for a permission, check the API server address. fabric8's own messages name the HTTP
 * operation and carry the whole Status object, not the remedy, and its connection failures
 * carry no message at all. Every cluster call of kubens-bench, the pods' deployer and the
 * node probe alike, goes through here, so the same failure reads the same and ends with the
 * same exit code wherever it happens.
 *
 * <p>The policy: rejected credentials (401), a refusal (403: a missing permission, or
 * admission such as Pod Security, a quota or a webhook) and an API server that cannot be
 * reached are for the user to fix, a {@link ClusterAccessException} (exit code 2); anything
 * else is a failed run, a plain IOException (exit code 1). The server's own message is kept
 * whenever it says more than the status code, so an admission denial is never dropped.
 *
 * <p>{@code resource} is written the way RBAC and {@code oc} name it, with its scope when that
 * matters for the permission, e.g. {@code "machineconfigs.machineconfiguration.openshift.io
 * (cluster-scoped)"}, {@code "pods in namespace kubens-bench"}, or one object as
 * {@link #describe(HasMetadata)} names it. The exception keeps the original as its cause for
 * {@code --verbose}.
 */
public final class ApiErrors {

    public static final int UNAUTHORIZED = 401;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;

    /** How Kubernetes' RBAC authorizer words a denial: {@code User "dev" cannot create resource "pods" ...}. */
    private static final Pattern RBAC_DENIAL = Pattern.compile("\\bcannot \\S+ resource \"");
    private static final String UNREACHABLE = "cannot reach the API server";

    private ApiErrors() {
    }

    /**
     * Explains {@code e}, the failure of {@code verb} on {@code resource}; a connection failure
     * names no server address (use the overload that has it). A call given up because the
     * thread was interrupted comes back as an InterruptedIOException.
     */
    public static IOException explain(KubernetesClientException e, String verb, String resource) {
        return explain(e, verb, resource, null);
    }

    /** Explains {@code e}; {@code server} (the client's master URL) is named when it cannot be reached. */
    public static IOException explain(KubernetesClientException e, String verb, String resource, URL server) {
        if (interrupted(e)) {
            InterruptedIOException interrupted = new InterruptedIOException(verb + " " + resource + " interrupted");
            interrupted.initCause(e);
            return interrupted;
        }
        String message = oneLine(message(e, verb, resource, server));
        boolean access = e.getCode() == UNAUTHORIZED || e.getCode() == FORBIDDEN || message.startsWith(UNREACHABLE);
        return access ? new ClusterAccessException(message, e) : new IOException(message, e);
    }

    /**
     * As {@link #explain(KubernetesClientException, String, String)}, for callers that pass an
     * interrupt on as such: a call given up because the thread was interrupted is thrown as an
     * InterruptedException.
     */
    public static IOException failure(KubernetesClientException e, String verb, String resource)
            throws InterruptedException {
        if (interrupted(e)) {
            InterruptedException interrupted = new InterruptedException(verb + " " + resource + " interrupted");
            interrupted.initCause(e);
            throw interrupted;
        }
        return explain(e, verb, resource);
    }

    /** {@code Pod bench/kb-r1-3}: how messages name an object. */
    public static String describe(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return object.getKind() + " " + (namespace == null ? "" : namespace + "/") + object.getMetadata().getName();
    }

    /** {@code a=1,b=2}: a label selector as kubectl's {@code -l} takes it, to copy and paste. */
    public static String describe(Map<String, String> selector) {
        return selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    static String message(KubernetesClientException e, String verb, String resource, URL server) {
        int code = e.getCode();
        String said = serverSaid(e);
        String more = said == null ? "" : ": " + said;
        if (code == UNAUTHORIZED) {
            return "unauthorized: the kubeconfig's credentials were rejected (log in again)" + more;
        }
        if (code == FORBIDDEN) {
            boolean permission = said == null || RBAC_DENIAL.matcher(said).find();
            return (permission ? "forbidden: you need permission to " : "forbidden: the cluster refused to ")
                    + verb + " " + resource + more;
        }
        if (code == NOT_FOUND) {
            return resource + " not found" + more;
        }
        if (code <= 0) {
            String reason = unreachable(e, server);
            if (reason != null) {
                return UNREACHABLE + (server == null ? "" : " at " + origin(server)) + ": " + reason;
            }
            return verb + " " + resource + " failed: " + detail(e);
        }
        return "API error " + code + " on " + verb + " " + resource + ": " + detail(e);
    }

    /**
     * The server's own message when it says more than the status: not blank, not only the
     * status's reason ({@code Forbidden}) or the HTTP reason phrase, and for a 404 not only
     * that the object is not found.
     */
    private static String serverSaid(KubernetesClientException e) {
        if (e.getStatus() == null || e.getStatus().getMessage() == null || e.getStatus().getMessage().isBlank()) {
            return null;
        }
        String message = e.getStatus().getMessage().strip();
        String bare = letters(message);
        if (bare.equals(letters(e.getStatus().getReason())) || bare.equals(letters(reasonPhrase(e.getCode())))
                || e.getCode() == NOT_FOUND && bare.endsWith("notfound")) {
            return null;
        }
        return message;
    }

    private static String reasonPhrase(int code) {
        return switch (code) {
            case UNAUTHORIZED -> "Unauthorized";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "Not Found";
            case CONFLICT -> "Conflict";
            default -> "";
        };
    }

    private static String letters(String text) {
        return text == null ? "" : text.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
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

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
