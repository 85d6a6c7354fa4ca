package io.kubensbench.bench.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubensbench.analysis.results.AgreementTolerance;
import io.kubensbench.bench.campaign.PrometheusSpec;
import io.kubensbench.bench.http.TrustedCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus check against a real Prometheus server scraping a counter that grows at a known
 * rate: the figure for a window, and each way a server can fail to give one, said once.
 */
class PrometheusCheckTest {

    /** The counter's rate: a quarter of a core. */
    private static final double CORES = 0.25;
    private static final String QUERY = "sum(rate(test_cpu_seconds_total{node=\"{{node}}\"}[{{window}}]))";

    private final long started = System.nanoTime();
    private final List<String> said = new ArrayList<>();

    @BeforeEach
    void requirePrometheus() {
        RealPrometheus.assumeAvailable();
    }

    private String counter() {
        return "# TYPE test_cpu_seconds_total counter\n"
                + String.format(Locale.ROOT, "test_cpu_seconds_total %.9f%n", CORES * (System.nanoTime() - started) / 1e9);
    }

    private PrometheusCheck check(URI url) {
        return new PrometheusCheck(new PrometheusApi(new PrometheusEndpoint(url, null, null, url.toString())),
                new QueryTemplate(QUERY), said::add);
    }

    @Test
    void aWindowComesBackInCoresAndANodeWithoutSeriesSaysSoOnce() throws Exception {
        try (MetricsServer exporter = MetricsServer.start(this::counter);
             RealPrometheus prometheus = RealPrometheus.start(exporter.target(), "{node: worker-1}", null)) {
            prometheus.awaitScrapes(7, Duration.ofSeconds(30), null);
            PrometheusCheck check = check(prometheus.url());
            Instant end = Instant.now();
            PrometheusFigure figure = check.cores("worker-1", end.minusSeconds(5), end);
            assertThat(figure.missing()).isNull();
            assertThat(figure.cores()).isCloseTo(CORES, within(0.01));
            assertThat(said).isEmpty();

            PrometheusFigure none = check.cores("worker-2", end.minusSeconds(5), end);
            PrometheusFigure again = check.cores("worker-3", end.minusSeconds(5), end);
            assertThat(none.cores()).isNull();
            assertThat(none.missing()).startsWith("no series");
            assertThat(again.missing()).isEqualTo(none.missing());
            assertThat(said).hasSize(1);
            assertThat(said.get(0)).startsWith("Prometheus at " + prometheus.url() + ": no series")
                    .contains("node=\"worker-2\"", "[5s]", "a 5s window");
            // The check goes on asking after a node without series: the next one may have them.
            assertThat(check.cores("worker-1", end.minusSeconds(5), end).cores()).isNotNull();
        }
    }

    @Test
    void aQueryPrometheusRejectsIsSaidOnceWithItsWords() throws Exception {
        try (MetricsServer exporter = MetricsServer.start(this::counter);
             RealPrometheus prometheus = RealPrometheus.start(exporter.target(), "{node: worker-1}", null)) {
            PrometheusCheck check = new PrometheusCheck(new PrometheusApi(new PrometheusEndpoint(prometheus.url(),
                    null, null, "p")), new QueryTemplate("sum(rate(up[{{window}}])"), said::add);
            Instant end = Instant.now();
            PrometheusFigure figure = check.cores("worker-1", end.minusSeconds(5), end);
            check.cores("worker-1", end.minusSeconds(5), end);
            assertThat(figure.missing()).startsWith("the query was rejected: ").contains("parse error");
            assertThat(said).hasSize(1);
        }
    }

    @Test
    void anUnreachableServerIsSaidOnceAndNoLongerAskedAfterThreeFailuresInARow() throws Exception {
        URI closed = URI.create("http://127.0.0.1:" + RealPrometheus.freePort());
        PrometheusCheck check = check(closed);
        Instant end = Instant.now();
        List<PrometheusFigure> figures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            figures.add(check.cores("worker-1", end.minusSeconds(5), end));
        }
        assertThat(figures).extracting(PrometheusFigure::missing).containsExactly(
                "unreachable: connection refused", "unreachable: connection refused", "unreachable: connection refused",
                "not asked (earlier: unreachable: connection refused)",
                "not asked (earlier: unreachable: connection refused)");
        assertThat(said).containsExactly("Prometheus at " + closed + ": unreachable: connection refused; runs without"
                + " an answer record no Prometheus figure, and after 3 in a row it is not asked again");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            PrometheusCheck check = new PrometheusCheck(new PrometheusApi(new PrometheusEndpoint(url, null, null,
                    url.toString()), Duration.ofSeconds(1), Duration.ofMillis(300)), new QueryTemplate(QUERY), said::add);
            Instant end = Instant.now();
            PrometheusFigure figure = check.cores("worker-1", end.minusSeconds(5), end);
            assertThat(figure.missing()).isEqualTo("no answer within 300ms");
            assertThat(said).hasSize(1);
        }
    }

    @Test
    void aServerThatRefusesTheCredentialsIsNotAskedAgain() throws Exception {
        // Basic authentication for a user whose password this test never sends.
        String web = "basic_auth_users:\n  someone: $2b$12$3R1O4rpPqZZeLAWtMTJS2O61qoXgBGehd6v2S.475n7ncRrjaIrWW\n";
        try (MetricsServer exporter = MetricsServer.start(this::counter);
             RealPrometheus prometheus = RealPrometheus.start(exporter.target(), "{node: worker-1}", web)) {
            PrometheusCheck check = check(prometheus.url());
            Instant end = Instant.now();
            PrometheusFigure first = check.cores("worker-1", end.minusSeconds(5), end);
            PrometheusFigure second = check.cores("worker-1", end.minusSeconds(5), end);
            assertThat(first.missing()).isEqualTo("refused: 401 Unauthorized (credentials missing or rejected)");
            assertThat(second.missing()).isEqualTo("not asked (earlier: " + first.missing() + ")");
            assertThat(said).containsExactly("Prometheus at " + prometheus.url() + ": " + first.missing()
                    + "; not asked again: the runs record no Prometheus figure");
        }
    }

    @Test
    void httpsIsVerifiedAgainstTheCaFileGiven(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "the test's certificate is made with openssl");
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process openssl = new ProcessBuilder("/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=kubens-bench test",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).start();
        String opensslSaid = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0).as(opensslSaid).isTrue();
        String web = "tls_server_config:\n  cert_file: " + cert + "\n  key_file: " + key + "\n";
        try (MetricsServer exporter = MetricsServer.start(this::counter);
             RealPrometheus prometheus = RealPrometheus.start(exporter.target(), "{node: worker-1}", web,
                     TrustedCertificates.context(TrustedCertificates.file(cert, "test")))) {
            assertThat(prometheus.url().getScheme()).isEqualTo("https");
            prometheus.awaitScrapes(7, Duration.ofSeconds(30),
                    TrustedCertificates.context(TrustedCertificates.file(cert, "test")));
            Instant end = Instant.now();

            PrometheusCheck untrusting = check(prometheus.url());
            assertThat(untrusting.cores("worker-1", end.minusSeconds(5), end).missing()).isEqualTo("TLS: its"
                    + " certificate is not signed by an authority trusted here (trust its CA with --prometheus-ca FILE)");

            PrometheusSpec spec = new PrometheusSpec(prometheus.url(), QUERY, AgreementTolerance.DEFAULT, cert, null);
            PrometheusCheck trusting = PrometheusChecks.open(spec, null, said::add).orElseThrow();
            assertThat(trusting.cores("worker-1", end.minusSeconds(5), end).cores()).isCloseTo(CORES, within(0.01));
        }
    }
}
