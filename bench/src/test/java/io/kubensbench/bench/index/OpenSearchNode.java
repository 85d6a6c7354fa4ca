package io.kubensbench.bench.index;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * A real single-node OpenSearch in this JVM, for the indexing tests: HTTP on 127.0.0.1 at a
 * port the system picks, data and home under the given directory. No Docker, no test
 * framework: the node and its netty transport plugin, as a server the sinks talk HTTP to.
 */
final class OpenSearchNode implements AutoCloseable {

    private final Node node;
    private final URI url;
    private final HttpClient http = HttpClient.newHttpClient();

    /** The node's constructor that takes plugins is protected. */
    private static final class PluginNode extends Node {
        PluginNode(Environment environment) {
            super(environment, List.of(Netty4Plugin.class), true);
        }
    }

    OpenSearchNode(Path dir) throws Exception {
        // Netty fixes its processor count once per JVM, and the mock server's tests may have used it first.
        System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
        Settings settings = Settings.builder()
                .put("path.home", dir.resolve("home").toString())
                .put("path.data", dir.resolve("data").toString())
                .put("cluster.name", "kubens-bench-test")
                .put("node.name", "node-0")
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", "0")
                .put("transport.port", "0")
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();
        Environment env = InternalSettingsPreparer.prepareEnvironment(settings, java.util.Map.of(), null,
                () -> "node-0");
        this.node = new PluginNode(env);
        node.start();
        int port = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        this.url = URI.create("http://127.0.0.1:" + port);
    }

    URI url() {
        return url;
    }

    /** A request to the node, its answer's status and body. */
    HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        node.close();
        node.awaitClose(30, TimeUnit.SECONDS);
    }
}
