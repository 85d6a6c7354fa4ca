package io.kubensbench.bench.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * TLS to an https server with a private CA, made here with the JDK's keytool: refused unless
 * its CA is trusted ({@code --es-ca-cert}) or verification is turned off ({@code --es-insecure});
 * and a server that wants a client certificate gets the one of {@code --es-cert}/{@code --es-key}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EsTlsTest {

    private static final char[] PASS = "changeit".toCharArray();

    private final JsonMapper json = JsonMapper.builder().build();
    private Path dir;
    private KeyStore serverKeys;
    private KeyStore clientKeys;
    private Path caPem;
    private Path clientCertPem;
    private Path clientKeyPem;
    private HttpsServer server;

    @BeforeAll
    void keys(@TempDir Path tmp) throws Exception {
        dir = tmp;
        serverKeys = keytool("server", "CN=127.0.0.1", "SAN=ip:127.0.0.1");
        clientKeys = keytool("client", "CN=kubens-bench", null);
        caPem = pem(tmp.resolve("ca.pem"), "CERTIFICATE", serverKeys.getCertificate("server").getEncoded());
        clientCertPem = pem(tmp.resolve("client.pem"), "CERTIFICATE", clientKeys.getCertificate("client").getEncoded());
        clientKeyPem = pem(tmp.resolve("client-key.pem"), "PRIVATE KEY",
                ((PrivateKey) clientKeys.getKey("client", PASS)).getEncoded());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedInOneLineThatSaysWhatToDo() throws Exception {
        String url = start(false);

        assertThatThrownBy(() -> write(url, EsTls.context(null, null, null, false)))
                .isInstanceOf(IndexingException.class)
                .hasMessage("cannot index into " + url + ": TLS: its certificate is not signed by an authority trusted"
                        + " here (trust its CA with --es-ca-cert FILE)");
    }

    @Test
    void thePrivateCaOrInsecureLetsItThrough() throws Exception {
        String url = start(false);

        write(url, EsTls.context(caPem, null, null, false));
        write(url, EsTls.context(null, null, null, true));
    }

    @Test
    void aServerThatWantsAClientCertificateGetsTheOneGiven() throws Exception {
        String url = start(true);

        write(url, EsTls.context(caPem, clientCertPem, clientKeyPem, false));
        assertThatThrownBy(() -> write(url, EsTls.context(caPem, null, null, false)))
                .isInstanceOf(IndexingException.class);
    }

    @Test
    void aKeyInAnotherPemFormatSaysHowToConvertIt() throws Exception {
        Path rsa = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> EsTls.context(caPem, clientCertPem, rsa, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--es-key " + rsa + ": holds no unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it"
                        + " with: openssl pkcs8 -topk8 -nocrypt -in " + rsa + " -out key.pem");
    }

    private void write(String url, SSLContext tls) throws IOException {
        IndexTarget target = new IndexTarget(EsServer.parse(url, "--es-server"), "kubens-bench", null,
                new EsAuth.None(), tls);
        List<Duration> pauses = new ArrayList<>();
        DocumentSink sink = target.sinks(json, new BulkSink.Backoff(2, Duration.ZERO, pauses::add)).get(0);
        sink.write(List.of(new IndexDocument("id-0", "systemdCpu", json.createObjectNode().put("run", 0))));
    }

    private String start(boolean wantClientCertificate) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverKeys, PASS);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("client", clientKeys.getCertificate("client"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setNeedClientAuth(wantClientCertificate);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"errors\":false,\"items\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    private KeyStore keytool(String alias, String dname, String san) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit"));
        if (san != null) {
            cmd.addAll(List.of("-ext", san));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASS);
        }
        return ks;
    }

    private static Path pem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
