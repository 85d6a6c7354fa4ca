package io.kubensbench.bench.index;

import io.kubensbench.bench.http.TlsFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenSearch or Elasticsearch server's {@code _bulk} API over the JDK's HTTP client: the
 * documents in batches of {@value #BATCH} with the {@code index} action and their own ids, so a
 * second indexing of a campaign replaces its documents. A busy server (429, 502, 503, 504, or
 * no connection) is retried with a doubling pause; documents the server refuses one by one are
 * read from its answer; a refusal (400, 401, 403, ...) is one line naming the server, the status
 * and the server's own reason.
 */
public final class BulkSink implements DocumentSink {

    /** Documents per request: about a megabyte of kubens-bench documents, far below any server's limit. */
    public static final int BATCH = 500;
    private static final Set<Integer> RETRIED = Set.of(429, 502, 503, 504);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int REASON_CHARS = 300;

    /** Waits between attempts; tests pass one that does not. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * How often and how patiently a busy server is retried.
     *
     * @param attempts tries per batch, the first included
     * @param first    the pause after the first failure; each next pause is twice the last
     */
    public record Backoff(int attempts, Duration first, Pause pause) {

        /** Five attempts over about 15 seconds. */
        public static Backoff standard() {
            return new Backoff(5, Duration.ofSeconds(1), d -> Thread.sleep(d.toMillis()));
        }
    }

    private final EsServer server;
    private final String index;
    private final EsAuth auth;
    private final HttpClient http;
    private final Backoff backoff;
    private final BulkLines lines;
    private final JsonMapper json;

    public BulkSink(EsServer server, String index, EsAuth auth, HttpClient http, Backoff backoff, JsonMapper json) {
        this.server = server;
        this.index = index;
        this.auth = auth;
        this.http = http;
        this.backoff = backoff;
        this.json = json;
        this.lines = new BulkLines(json);
    }

    @Override
    public String describe() {
        return server.shown() + " index " + index;
    }

    @Override
    public void write(List<IndexDocument> documents) throws IOException {
        for (int from = 0; from < documents.size(); from += BATCH) {
            send(documents.subList(from, Math.min(documents.size(), from + BATCH)));
        }
    }

    private void send(List<IndexDocument> batch) throws IOException {
        List<IndexDocument> pending = batch;
        String problem = null;
        for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
            if (attempt > 1) {
                pause(backoff.first().multipliedBy(1L << Math.min(attempt - 2, 10)));
            }
            HttpResponse<String> response;
            try {
                response = http.send(request(pending), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (untrusted(e)) {
                    throw new IndexingException("cannot index into " + server.shown() + ": TLS: "
                            + TlsFailure.explain(e, "--es-ca-cert"));
                }
                problem = "cannot reach it: " + unreachable(e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IndexingException("indexing into " + server.shown() + " was interrupted");
            }
            int status = response.statusCode();
            if (RETRIED.contains(status) || status == 500 && attempt < backoff.attempts() && transientError(response)) {
                problem = status(status) + reason(response.body());
                continue;
            }
            if (status / 100 != 2) {
                throw new IndexingException(server.shown() + " refused the documents for index " + index + ": "
                        + status(status) + reason(response.body()));
            }
            Items items = items(response.body(), pending);
            if (items.refused().isEmpty() && items.busy().isEmpty()) {
                return;
            }
            if (!items.refused().isEmpty()) {
                throw new IndexingException(server.shown() + " refused " + items.refused().size() + " of "
                        + batch.size() + " documents for index " + index + ": " + items.firstRefusal());
            }
            pending = items.busy();
            problem = pending.size() + " documents refused as too many requests (429)";
        }
        throw new IndexingException(server.shown() + " did not take the documents for index " + index + " after "
                + backoff.attempts() + " attempts: " + problem);
    }

    private HttpRequest request(List<IndexDocument> batch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint("_bulk"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(lines.of(index, batch)));
        auth.header().ifPresent(h -> b.header("Authorization", h));
        return b.build();
    }

    /**
     * The answer's items: refused for good (any status but 429), or refused as busy (429),
     * which are sent again.
     */
    private record Items(List<IndexDocument> busy, List<String> refused) {
        String firstRefusal() {
            return refused.get(0) + (refused.size() > 1 ? " (and " + (refused.size() - 1) + " more)" : "");
        }
    }

    private Items items(String body, List<IndexDocument> sent) throws IndexingException {
        JsonNode answer;
        try {
            answer = json.readTree(body);
        } catch (JacksonException e) {
            throw new IndexingException(server.shown() + " answered the bulk request with something that is not"
                    + " JSON: " + firstLine(body));
        }
        List<IndexDocument> busy = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        if (!answer.path("errors").asBoolean(false)) {
            return new Items(busy, refused);
        }
        JsonNode list = answer.path("items");
        for (int i = 0; i < list.size() && i < sent.size(); i++) {
            JsonNode item = list.get(i).path("index");
            int status = item.path("status").asInt(0);
            if (status / 100 == 2) {
                continue;
            }
            if (status == 429) {
                busy.add(sent.get(i));
            } else {
                JsonNode error = item.path("error");
                refused.add(status(status) + " " + error.path("type").asString("") + ": "
                        + clip(error.path("reason").asString(error.asString(""))));
            }
        }
        return new Items(busy, refused);
    }

    /** A 500 worth another try: the server said it was unavailable or timed out, not that the request was wrong. */
    private static boolean transientError(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        return body.contains("unavailable") || body.contains("timeout") || body.contains("circuit_breaking");
    }

    /** The server's own words from an error answer: {@code error.reason}, else its first line. */
    private String reason(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode error = json.readTree(body).path("error");
            String reason = error.isObject() ? error.path("reason").asString("") : error.asString("");
            if (!reason.isBlank()) {
                return ": " + clip(reason);
            }
        } catch (JacksonException e) {
            // not JSON: its first line says it
        }
        return ": " + firstLine(body);
    }

    private void pause(Duration d) throws IndexingException {
        try {
            backoff.pause().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexingException("indexing into " + server.shown() + " was interrupted");
        }
    }

    static String status(int code) {
        String phrase = switch (code) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
        return phrase.isEmpty() ? "status " + code : code + " " + phrase;
    }

    private static boolean untrusted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    private static String unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer within " + TIMEOUT.toSeconds() + " s";
            }
        }
        return firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return clip((nl < 0 ? s : s.substring(0, nl)).strip());
    }

    private static String clip(String s) {
        return s.length() <= REASON_CHARS ? s : s.substring(0, REASON_CHARS) + "...";
    }
}
