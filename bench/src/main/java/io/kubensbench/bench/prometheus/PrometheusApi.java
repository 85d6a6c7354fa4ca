package io.kubensbench.bench.prometheus;

import io.kubensbench.bench.http.TlsFailure;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus's HTTP API, the one call kubens-bench needs: an instant query
 * ({@code GET /api/v1/query}) evaluated at a given time, expected to give one number. Every
 * way it can fail becomes an {@link Answer} with a {@link Problem} and a few words, never an
 * exception: a monitoring server that is down must not fail a campaign. Redirects are not
 * followed, so a bearer token goes nowhere but the URL given.
 */
public final class PrometheusApi {

    /** How long a connection may take to open; an unreachable server costs at most this. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** How long an answer may take. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    /** Why there is no number, grouped by what it means for the next query. */
    public enum Problem {
        /** The server could not be reached (refused, unknown host): the next query may fare better. */
        UNREACHABLE,
        /** No connection or no answer in time. */
        TIMED_OUT,
        /** The server refused the credentials (401, 403) or is not a Prometheus (404): asking again will not help. */
        REFUSED,
        /** Its TLS certificate is not trusted: asking again will not help. */
        UNTRUSTED,
        /** The server rejected the query itself (400, 422). */
        BAD_QUERY,
        /** The query matched no series over the window. */
        NO_SERIES,
        /** Any other answer that is not one number (several series, NaN, a server error). */
        BAD_ANSWER
    }

    /**
     * One query's outcome.
     *
     * @param value   the number when {@code problem} is null
     * @param problem what went wrong; null on success
     * @param reason  a few words on what went wrong, naming no host; null on success
     */
    public record Answer(double value, Problem problem, String reason) {

        static Answer of(double value) {
            return new Answer(value, null, null);
        }

        static Answer failed(Problem problem, String reason) {
            return new Answer(Double.NaN, problem, reason);
        }

        public boolean ok() {
            return problem == null;
        }
    }

    private final PrometheusEndpoint endpoint;
    private final HttpClient http;
    private final Duration answerTimeout;
    private final ObjectMapper json = JsonMapper.builder().build();

    public PrometheusApi(PrometheusEndpoint endpoint) {
        this(endpoint, CONNECT_TIMEOUT, ANSWER_TIMEOUT);
    }

    public PrometheusApi(PrometheusEndpoint endpoint, Duration connectTimeout, Duration answerTimeout) {
        this.endpoint = endpoint;
        this.answerTimeout = answerTimeout;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (endpoint.tls() != null) {
            b.sslContext(endpoint.tls());
        }
        this.http = b.build();
    }

    public PrometheusEndpoint endpoint() {
        return endpoint;
    }

    /** Evaluates {@code promql} at {@code at}; a vector must hold exactly one sample. */
    public Answer query(String promql, Instant at) {
        URI uri = URI.create(base() + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + String.format(Locale.ROOT, "%d.%03d", at.getEpochSecond(), at.getNano() / 1_000_000));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(answerTimeout).GET()
                .header("Accept", "application/json");
        if (endpoint.bearerToken() != null) {
            request.header("Authorization", "Bearer " + endpoint.bearerToken());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            return Answer.failed(Problem.TIMED_OUT, "no connection within " + Durations.exact(CONNECT_TIMEOUT));
        } catch (HttpTimeoutException e) {
            return Answer.failed(Problem.TIMED_OUT, "no answer within " + Durations.exact(answerTimeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed(Problem.UNREACHABLE, "interrupted");
        } catch (IOException | UnresolvedAddressException e) {
            return unreachable(e);
        }
        return answer(response.statusCode(), response.body());
    }

    private String base() {
        String s = endpoint.url().toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The outcome of an HTTP answer: its status and body. */
    Answer answer(int status, String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            root = null;
        }
        String error = root == null || root.path("error").isMissingNode() ? null : root.path("error").asString("");
        switch (status) {
            case 401 -> {
                return Answer.failed(Problem.REFUSED, "refused: 401 Unauthorized (credentials missing or rejected)");
            }
            case 403 -> {
                return Answer.failed(Problem.REFUSED, "refused: 403 Forbidden (the credentials may not query it)");
            }
            case 404 -> {
                return Answer.failed(Problem.REFUSED, "404 Not Found: no Prometheus API at this URL");
            }
            case 400, 422 -> {
                return Answer.failed(Problem.BAD_QUERY, "the query was rejected: " + (error == null ? status : error));
            }
            default -> {
                if (status != 200) {
                    return Answer.failed(Problem.BAD_ANSWER, "HTTP " + status + (error == null ? "" : ": " + error));
                }
            }
        }
        if (root == null || !"success".equals(root.path("status").asString(""))) {
            return Answer.failed(Problem.BAD_ANSWER, "not a Prometheus answer"
                    + (error == null ? "" : ": " + error));
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asString("");
        JsonNode value;
        if (type.equals("scalar")) {
            value = data.path("result");
        } else if (type.equals("vector")) {
            JsonNode result = data.path("result");
            if (result.size() == 0) {
                return Answer.failed(Problem.NO_SERIES, "no series");
            }
            if (result.size() > 1) {
                return Answer.failed(Problem.BAD_ANSWER, result.size() + " series where one number was wanted"
                        + " (wrap the query in sum(...))");
            }
            value = result.get(0).path("value");
        } else {
            return Answer.failed(Problem.BAD_QUERY, "the query gives a " + type + ", not one number");
        }
        double v;
        try {
            v = Double.parseDouble(value.path(1).asString(""));
        } catch (NumberFormatException e) {
            return Answer.failed(Problem.BAD_ANSWER, "the value '" + value.path(1).asString("") + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            return Answer.failed(Problem.BAD_ANSWER, "the value is " + value.path(1).asString(""));
        }
        return Answer.of(v);
    }

    private static Answer unreachable(Exception e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof SSLException) {
                return Answer.failed(Problem.UNTRUSTED, "TLS: " + TlsFailure.explain(e, "--prometheus-ca"));
            }
            if (cause instanceof ConnectException) {
                return Answer.failed(Problem.UNREACHABLE, "unreachable: connection refused");
            }
            if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
                return Answer.failed(Problem.UNREACHABLE, "unreachable: unknown host");
            }
            cause = cause.getCause();
        }
        return Answer.failed(Problem.UNREACHABLE, "unreachable: " + firstLine(e.getMessage() == null
                ? e.getClass().getSimpleName() : e.getMessage()));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

}
