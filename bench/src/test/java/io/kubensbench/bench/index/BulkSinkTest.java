package io.kubensbench.bench.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bulk sink against an HTTP server that answers what a secured or busy OpenSearch answers:
 * the credentials it sends, a refusal in one line without the password, a busy server retried,
 * documents refused one by one read from the answer.
 */
class BulkSinkTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Deque<String[]> answers = new ConcurrentLinkedDeque<>();
    private final List<String> authorizations = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            String[] answer = answers.size() > 1 ? answers.poll() : answers.peek();
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private BulkSink sink(String url, EsAuth auth) {
        EsServer es = EsServer.parse(url, "--es-server");
        return new BulkSink(es, "kubens-bench", auth, HttpClient.newHttpClient(),
                new BulkSink.Backoff(3, Duration.ofSeconds(1), pauses::add), json);
    }

    private List<IndexDocument> documents(int n) {
        List<IndexDocument> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new IndexDocument("id-" + i, "systemdCpu", json.createObjectNode().put("run", i)));
        }
        return out;
    }

    @Test
    void aWrongPasswordIsOneLineNamingTheServerTheStatusAndItsReasonButNotThePassword() {
        answers.add(new String[] {"401", "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to"
                + " authenticate user [kb] for REST request [/_bulk]\"},\"status\":401}"});
        EsServer es = EsServer.parse("http://kb:s3cret@127.0.0.1:" + server.getAddress().getPort(), "--es-server");

        assertThatThrownBy(() -> sink("http://kb:s3cret@127.0.0.1:" + server.getAddress().getPort(),
                new EsAuth.Basic(es.user(), es.password())).write(documents(2)))
                .isInstanceOf(IndexingException.class)
                .hasMessage(url() + " refused the documents for index kubens-bench: 401 Unauthorized: unable to"
                        + " authenticate user [kb] for REST request [/_bulk]")
                .message().doesNotContain("s3cret");
        assertThat(authorizations).containsExactly("Basic a2I6czNjcmV0");
        assertThat(pauses).isEmpty();
    }

    @Test
    void aBusyServerIsRetriedWithDoublingPauses() throws IOException {
        answers.add(new String[] {"503", "{\"error\":\"unavailable\"}"});
        answers.add(new String[] {"429", "{\"error\":{\"reason\":\"rejected execution\"}}"});
        answers.add(new String[] {"200", "{\"took\":1,\"errors\":false,\"items\":[]}"});

        sink(url(), new EsAuth.Bearer("tok")).write(documents(3));

        assertThat(authorizations).containsExactly("Bearer tok", "Bearer tok", "Bearer tok");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void aServerBusyOnEveryAttemptIsOneLineWithTheLastStatus() {
        answers.add(new String[] {"503", "{\"error\":{\"reason\":\"no master\"}}"});

        assertThatThrownBy(() -> sink(url(), new EsAuth.None()).write(documents(1)))
                .hasMessage(url() + " did not take the documents for index kubens-bench after 3 attempts: 503 Service"
                        + " Unavailable: no master");
        assertThat(authorizations).hasSize(3);
    }

    @Test
    void documentsRefusedOneByOneAreCountedAndTheFirstReasonGiven() {
        answers.add(new String[] {"200", "{\"errors\":true,\"items\":["
                + "{\"index\":{\"_id\":\"id-0\",\"status\":201}},"
                + "{\"index\":{\"_id\":\"id-1\",\"status\":400,\"error\":{\"type\":\"mapper_parsing_exception\","
                + "\"reason\":\"failed to parse field [uuid] of type [integer]\"}}}]}"});

        assertThatThrownBy(() -> sink(url(), new EsAuth.None()).write(documents(2)))
                .hasMessage(url() + " refused 1 of 2 documents for index kubens-bench: 400 Bad Request"
                        + " mapper_parsing_exception: failed to parse field [uuid] of type [integer]");
    }

    @Test
    void nobodyListeningIsRetriedThenSaidSo() throws IOException {
        String closed = url();
        server.stop(0);

        assertThatThrownBy(() -> sink(closed, new EsAuth.None()).write(documents(1)))
                .hasMessage(closed + " did not take the documents for index kubens-bench after 3 attempts: cannot"
                        + " reach it: connection refused");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
    }

    @Test
    void manyDocumentsGoInBatches() throws IOException {
        answers.add(new String[] {"200", "{\"errors\":false,\"items\":[]}"});

        sink(url(), new EsAuth.None()).write(documents(BulkSink.BATCH * 2 + 1));

        assertThat(authorizations).hasSize(3);
    }
}
