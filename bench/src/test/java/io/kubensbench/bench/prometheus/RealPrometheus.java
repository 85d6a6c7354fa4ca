package io.kubensbench.bench.prometheus;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A real Prometheus server (Debian's {@code prometheus}) for a test: on 127.0.0.1 at a free
 * port, with its own configuration and storage in a temporary directory, scraping every second.
 * Closing it kills the process and removes the directory. Tests that need it skip, with the
 * reason, where the binary is missing, except in CI ({@code CI=true}), where that fails them.
 */
public final class RealPrometheus implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final Path dir;
    private final URI url;

    private RealPrometheus(Process process, Path dir, URI url) {
        this.process = process;
        this.dir = dir;
        this.url = url;
    }

    /** Skips the test when there is no Prometheus here; fails it in CI, which must have one. */
    public static void assumeAvailable() {
        assumeTrue(System.getProperty("os.name", "").toLowerCase().startsWith("linux"),
                "a real Prometheus runs on Linux here; this is " + System.getProperty("os.name"));
        if (!Files.isExecutable(BINARY)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(BINARY + " is missing: CI installs Debian's prometheus package (.ci/run)");
            }
            assumeTrue(false, BINARY + " is missing (apt-get install prometheus)");
        }
    }

    /**
     * Starts a server scraping {@code target} (host:port) every second, labelling its series with
     * {@code labels} (a YAML flow map such as {@code {node: n1}}), and waits until it is ready.
     *
     * @param webConfig the content of a {@code --web.config.file} (TLS, basic auth), or null
     */
    public static RealPrometheus start(String target, String labels, String webConfig) throws IOException {
        return start(target, labels, webConfig, null);
    }

    /** As above; {@code tls} is what the readiness check trusts of a server with TLS. */
    public static RealPrometheus start(String target, String labels, String webConfig, SSLContext tls)
            throws IOException {
        Path dir = Files.createTempDirectory("kubens-bench-prometheus-");
        int port = freePort();
        Files.writeString(dir.resolve("prometheus.yml"), """
                global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s}
                scrape_configs:
                  - job_name: test
                    static_configs:
                      - targets: ['%s']
                        labels: %s
                """.formatted(target, labels));
        List<String> command = new ArrayList<>(List.of(BINARY.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"));
        String scheme = "http";
        if (webConfig != null) {
            Files.writeString(dir.resolve("web.yml"), webConfig);
            command.add("--web.config.file=" + dir.resolve("web.yml"));
            scheme = webConfig.contains("tls_server_config") ? "https" : "http";
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        RealPrometheus prometheus = new RealPrometheus(p, dir, URI.create(scheme + "://127.0.0.1:" + port));
        try {
            prometheus.awaitReady(port, tls);
        } catch (IOException | RuntimeException e) {
            String log = prometheus.log();
            prometheus.close();
            throw new IOException(e.getMessage() + "; prometheus said: " + log, e);
        }
        return prometheus;
    }

    public URI url() {
        return url;
    }

    public Path dir() {
        return dir;
    }

    /** What the server logged, for a failure's message. */
    public String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits, up to {@code limit}, until the target has been scraped at least {@code scrapes} times. */
    public void awaitScrapes(int scrapes, Duration limit, SSLContext tls) throws IOException, InterruptedException {
        PrometheusApi api = new PrometheusApi(new PrometheusEndpoint(url, null, tls, url.toString()));
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            PrometheusApi.Answer a = api.query("sum(count_over_time(up[1h]))", Instant.now());
            if (a.ok() && a.value() >= scrapes) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("Prometheus had not scraped " + scrapes + " times after " + limit + ": "
                        + (a.ok() ? a.value() + " scrapes" : a.reason()) + "; it said: " + log());
            }
            Thread.sleep(200);
        }
    }

    private void awaitReady(int port, SSLContext tls) throws IOException {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
        if (tls != null) {
            b.sslContext(tls);
        }
        HttpClient http = b.build();
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("prometheus exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 || r.statusCode() == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for prometheus", e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("prometheus was not ready on port " + port + " within 30s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** A port nobody listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Kills the server and removes its directory; waits for the process to be gone. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // already gone
        }
    }
}
