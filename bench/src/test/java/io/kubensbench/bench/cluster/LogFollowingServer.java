package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API server a harness talks to when a test needs pod logs that are followed: every request
 * goes on to fabric8's CRUD mock and its answer comes back unchanged, except a {@code follow=true}
 * request for the log of a pod this server was told to print for ({@link #log}), which stays
 * open and gets each line as it is printed, as kube-apiserver serves {@code kubectl logs -f}.
 *
 * <p>Why a server in front of the mock rather than the mock alone: the mock's HTTP server
 * answers each request with one finished body, whether the CRUD dispatcher or an expectation
 * made it ({@code andReturnChunked} joins its chunks into one body before sending), so through it
 * a log can only be a snapshot that ends at once, while a campaign keeps each node's log open
 * for as long as it runs. Serving logs beside the mock's dispatcher is no better: the
 * dispatcher returns a body, not a stream. The relay costs the mock's answers nothing but a
 * hop: the harness sees one API server, as on a cluster.
 *
 * <p>Like kube-apiserver it speaks HTTPS, with HTTP/2 when the client offers it (ALPN) and
 * HTTP/1.1 otherwise, and lets a client open at most {@value #MAX_STREAMS} concurrent streams on
 * one HTTP/2 connection: kube-apiserver's default ({@code --http2-max-streams-per-connection}
 * unset, k8s.io/apiserver's secure serving) since the HTTP/2 rapid-reset fixes of 2023.
 */
final class LogFollowingServer implements AutoCloseable {

    /** Concurrent streams a client may open on one HTTP/2 connection. */
    static final int MAX_STREAMS = 100;

    private static final Pattern LOG_PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/log");
    /** Headers of one hop, not passed on (RFC 9110, 7.6.1, and HTTP/2's upgrade). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "http2-settings", "host", "content-length");

    private final Vertx vertx = Vertx.vertx();
    private final String mockHost;
    private final int mockPort;
    private final HttpClientAgent mock;
    private final HttpServer server;
    private final Map<String, PodLog> logs = new ConcurrentHashMap<>();

    /** Starts in front of {@code mock}, on a free port of the loopback address. */
    LogFollowingServer(KubernetesMockServer mock) throws Exception {
        this.mockHost = mock.getHostName();
        this.mockPort = mock.getPort();
        // The mock serves HTTPS with a certificate of its own making.
        this.mock = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1)
                .setSsl(mock.url("/").startsWith("https:")).setTrustAll(true).setVerifyHost(false),
                new PoolOptions().setHttp1MaxSize(8));
        this.server = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setSsl(true).setUseAlpn(true)
                        .setKeyCertOptions(SelfSignedCertificate.create("localhost").keyCertOptions())
                        .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(MAX_STREAMS)))
                .requestHandler(this::handle).listen());
    }

    /** The server's URL, for a kubeconfig that skips verifying its certificate, which it made itself. */
    String url() {
        return "https://localhost:" + server.actualPort();
    }

    /** The log of {@code pod}: served here once it exists, by the mock before. */
    PodLog log(String namespace, String pod) {
        return logs.computeIfAbsent(namespace + "/" + pod, k -> new PodLog());
    }

    /**
     * Prints {@code line.apply(seq)} for seq 1, 2, 3 ... to the pod's log every {@code periodMillis},
     * the first after {@code delayMillis}, until the server closes.
     */
    void printEvery(PodLog log, long delayMillis, long periodMillis, LongFunction<String> line) {
        long[] seq = {0};
        vertx.setPeriodic(Math.max(1, delayMillis), periodMillis, id -> log.print(line.apply(++seq[0])));
    }

    private void handle(HttpServerRequest request) {
        Matcher m = LOG_PATH.matcher(request.path());
        if (request.method() == HttpMethod.GET && m.matches() && "true".equals(request.getParam("follow"))) {
            PodLog log = logs.get(m.group(1) + "/" + m.group(2));
            if (log != null) {
                String tail = request.getParam("tailLines");
                log.follow(request.response(), tail == null ? -1 : Integer.parseInt(tail));
                return;
            }
        }
        relay(request);
    }

    /** Passes the request to the mock and its answer back, each body whole: API objects, not streams. */
    private void relay(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            response.setStatusCode(501).end("this server relays no WebSocket (watch) to the mock");
            return;
        }
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(mockHost)
                .setPort(mockPort).setURI(request.uri());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copy(request.headers(), headers);
        options.setHeaders(headers);
        request.body()
                .compose(body -> mock.request(options).compose(out -> out.send(body)))
                .compose(in -> in.body().map(body -> {
                    response.setStatusCode(in.statusCode());
                    copy(in.headers(), response.headers());
                    return body;
                }))
                .onSuccess(response::end)
                .onFailure(e -> {
                    if (!response.headWritten()) {
                        response.setStatusCode(502).end("the mock did not answer: " + e.getMessage());
                    }
                });
    }

    private static void copy(MultiMap from, MultiMap to) {
        from.forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(":") && !HOP_BY_HOP.contains(name)) {
                to.add(h.getKey(), h.getValue());
            }
        });
    }

    @Override
    public void close() throws Exception {
        await(vertx.close());
    }

    private static <T> T await(Future<T> future) throws InterruptedException, ExecutionException, TimeoutException {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
