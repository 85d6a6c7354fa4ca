package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.IndexingSpec;
import io.kubensbench.bench.campaign.LabCapacity;
import io.kubensbench.bench.index.EsAuth;
import io.kubensbench.bench.index.IndexTarget;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The --es-* options over the campaign file's indexing block, and where secrets may come from. */
class IndexOptionsTest {

    private static final String CAMPAIGN = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: test
            target: {lab: {}}
            workload: {}
            arms: [off, on]
            indexing:
              esServer: https://opensearch.example:9200
              esIndex: perf-kubens
              indexDir: /var/tmp/kubens-docs
            """;

    private final StringWriter err = new StringWriter();

    private static IndexOptions options(String... args) {
        IndexOptions o = new IndexOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    private static IndexingSpec campaign() {
        CampaignReader reader = new CampaignReader(new LabCapacity(LabCapacity.DEFAULT_MOUNT_MAX));
        reader.parse(CAMPAIGN, "c.yaml");
        return reader.indexing(CAMPAIGN, "c.yaml");
    }

    @Test
    void theCampaignBlockIsReadAndTheCommandLineWins() {
        IndexTarget fromFile = options().target(campaign(), Map.of(), new PrintWriter(err));
        IndexTarget overridden = options("--es-server", "http://127.0.0.1:9200", "--es-index", "mine")
                .target(campaign(), Map.of(), new PrintWriter(err));

        assertThat(fromFile.server().shown()).isEqualTo("https://opensearch.example:9200");
        assertThat(fromFile.index()).isEqualTo("perf-kubens");
        assertThat(fromFile.dir()).isEqualTo(Path.of("/var/tmp/kubens-docs"));
        assertThat(overridden.server().shown()).isEqualTo("http://127.0.0.1:9200");
        assertThat(overridden.index()).isEqualTo("mine");
        assertThat(overridden.dir()).isEqualTo(Path.of("/var/tmp/kubens-docs"));
        assertThat(options().target(IndexingSpec.none(), Map.of(), new PrintWriter(err)).enabled()).isFalse();
    }

    @Test
    void thePasswordOfEsUserComesFromTheEnvironmentOrAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("password");
        Files.writeString(file, "from-file\n");

        IndexTarget env = options("--es-server", "http://127.0.0.1:9200", "--es-user", "kb")
                .target(IndexingSpec.none(), Map.of(IndexOptions.PASSWORD_ENV, "from-env"), new PrintWriter(err));
        IndexTarget fromFile = options("--es-server", "http://127.0.0.1:9200", "--es-user", "kb",
                "--es-password-file", file.toString()).target(IndexingSpec.none(), Map.of(), new PrintWriter(err));

        assertThat(env.auth()).isEqualTo(new EsAuth.Basic("kb", "from-env"));
        assertThat(fromFile.auth()).isEqualTo(new EsAuth.Basic("kb", "from-file"));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aPasswordInTheUrlIsTakenAsKubeBurnerDoesButWarnedAbout() {
        IndexTarget t = options("--es-server", "https://kb:pw@opensearch.example:9200")
                .target(IndexingSpec.none(), Map.of(), new PrintWriter(err));

        assertThat(t.auth()).isEqualTo(new EsAuth.Basic("kb", "pw"));
        assertThat(err.toString()).contains("warning: the password in --es-server can be read by other users")
                .doesNotContain("pw@");
    }

    @Test
    void aTokenComesFromAFileOrTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "abc\n");

        assertThat(options("--es-server", "http://h:9200", "--es-token-file", file.toString())
                .target(IndexingSpec.none(), Map.of(), new PrintWriter(err)).auth()).isEqualTo(new EsAuth.Bearer("abc"));
        assertThat(options("--es-server", "http://h:9200").target(IndexingSpec.none(),
                Map.of(IndexOptions.TOKEN_ENV, "xyz"), new PrintWriter(err)).auth()).isEqualTo(new EsAuth.Bearer("xyz"));
    }

    @Test
    void insecureIsSaidAloud() {
        IndexTarget t = options("--es-server", "https://h:9200", "--es-insecure")
                .target(IndexingSpec.none(), Map.of(), new PrintWriter(err));

        assertThat(t.tls()).isNotNull();
        assertThat(err.toString()).contains("warning: --es-insecure: the certificate of https://h:9200 is not verified");
    }

    @Test
    void optionsThatDoNotGoTogetherAreOneLine(@TempDir Path dir) {
        assertThatThrownBy(() -> options("--es-user", "kb").target(IndexingSpec.none(), Map.of(), new PrintWriter(err)))
                .hasMessage("the --es-* credentials and TLS options go with --es-server (or indexing.esServer in the"
                        + " campaign file)");
        assertThatThrownBy(() -> options("--es-server", "http://h:9200", "--es-insecure")
                .target(IndexingSpec.none(), Map.of(), new PrintWriter(err)))
                .hasMessage("--es-cert, --es-ca-cert and --es-insecure go with an https:// server (got http://h:9200)");
        assertThatThrownBy(() -> options("--es-server", "https://h:9200", "--es-cert", dir.resolve("c.pem").toString())
                .target(IndexingSpec.none(), Map.of(), new PrintWriter(err)))
                .hasMessage("--es-cert needs --es-key");
        assertThatThrownBy(() -> options("--es-server", "https://h:9200", "--es-ca-cert",
                dir.resolve("missing.pem").toString()).target(IndexingSpec.none(), Map.of(), new PrintWriter(err)))
                .hasMessage("--es-ca-cert " + dir.resolve("missing.pem") + ": no such file");
    }
}
