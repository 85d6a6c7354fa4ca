package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubeconfig conventions, and the one-line errors a user gets before anything is created. */
@EnableKubernetesMockClient(crud = true)
class ClusterConnectionTest {

    KubernetesMockServer server;
    KubernetesClient mockClient;

    private static Path kubeconfig(Path dir, String name, String server, String... contexts) throws IOException {
        StringBuilder y = new StringBuilder("apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: '")
                .append(server).append("', insecure-skip-tls-verify: true}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n");
        for (String c : contexts) {
            y.append("- name: ").append(c).append("\n  context: {cluster: c, user: u}\n");
        }
        y.append("current-context: ").append(contexts.length == 0 ? "\"\"" : contexts[0]).append('\n');
        Path f = dir.resolve(name);
        Files.writeString(f, y.toString());
        return f;
    }

    @Test
    void noKubeconfigAnywhereSaysHowToGetOne(@TempDir Path home) {
        ClusterConnection c = new ClusterConnection(Map.of(), home);
        assertThatThrownBy(() -> c.open(null, null, null)).isInstanceOf(ClusterAccessException.class)
                .hasMessageStartingWith("no kubeconfig: set KUBECONFIG, pass --kubeconfig FILE, or log in");
    }

    @Test
    void aMissingKubeconfigFileIsNamed(@TempDir Path home) {
        ClusterConnection c = new ClusterConnection(Map.of(), home);
        assertThatThrownBy(() -> c.open(home.resolve("nope"), null, null))
                .hasMessage(home.resolve("nope") + ": no such kubeconfig file");
        ClusterConnection viaEnv = new ClusterConnection(Map.of("KUBECONFIG", "/no/such/a:/no/such/b"), home);
        assertThatThrownBy(() -> viaEnv.open(null, null, null))
                .hasMessage("KUBECONFIG=/no/such/a:/no/such/b names no existing file");
    }

    @Test
    void anUnknownContextListsTheContextsThereAre(@TempDir Path dir) throws IOException {
        Path f = kubeconfig(dir, "config", "https://127.0.0.1:1", "prod", "perf-lab");
        ClusterConnection c = new ClusterConnection(Map.of(), dir);
        assertThatThrownBy(() -> c.open(f, "staging", null)).isInstanceOf(ClusterAccessException.class)
                .hasMessage("context 'staging' is not in " + f + " (contexts: prod, perf-lab)");
        assertThatThrownBy(() -> c.open(f, null, "staging")).hasMessageContaining("context 'staging' is not in");
    }

    @Test
    void kubeconfigFromTheEnvironmentThenHomeAndContextOptionOverTheCampaigns(@TempDir Path dir) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path standard = kubeconfig(Files.createDirectories(home.resolve(".kube")), "config", "http://x", "home-ctx");
        Path env = kubeconfig(dir, "env-config", "http://y", "env-ctx");
        assertThat(new ClusterConnection(Map.of(), home).kubeconfigFiles(null)).containsExactly(standard);
        assertThat(new ClusterConnection(Map.of("KUBECONFIG", env.toString()), home).kubeconfigFiles(null))
                .containsExactly(env);
        assertThat(new ClusterConnection(Map.of("KUBECONFIG", env.toString()), home).kubeconfigFiles(standard))
                .containsExactly(standard);
    }

    @Test
    void aServerThatDoesNotAnswerIsAnAccessErrorNamingIt(@TempDir Path dir) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path f = kubeconfig(dir, "config", "http://127.0.0.1:" + port, "dead");
        assertThatThrownBy(() -> new ClusterConnection(Map.of(), dir).open(f, null, null))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessageStartingWith("cannot reach the API server at http://127.0.0.1:" + port);
    }

    @Test
    void aReachableServerGivesAClientForTheChosenContext(@TempDir Path dir) throws IOException {
        String url = mockClient.getMasterUrl().toString();
        Path f = kubeconfig(dir, "config", url, "first", "second");
        try (KubernetesClient client = new ClusterConnection(Map.of(), dir).open(f, "second", "first")) {
            assertThat(client.getConfiguration().getCurrentContext().getName()).isEqualTo("second");
            assertThat(client.getMasterUrl().toString()).isEqualTo(url);
        }
    }
    /** A token a kubeconfig may hold: none of it may reach the terminal, whatever is wrong with the file. */
    private static final String TOKEN = "sha256~Zm9vYmFyc2VjcmV0dG9rZW4";

    @Test
    void aMalformedKubeconfigIsNamedWithoutEchoingItsLines(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("config"), "apiVersion: v1\nkind: Config\nusers:\n- name: u\n"
                + "  user:\n    token: " + TOKEN + "\n   client-key-data: [oops\ncontexts: []\n");

        assertThatThrownBy(() -> new ClusterConnection(Map.of(), dir).open(f, null, null))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessageStartingWith(f + ": not a kubeconfig: YAML syntax error at line ")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("Zm9v").doesNotContain("token"));
    }

    @Test
    void aKubeconfigOfTheWrongShapeIsNamedWithoutEchoingItsValues(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("config"), "apiVersion: v1\nkind: Config\nclusters: []\n"
                + "users: " + TOKEN + "\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\n"
                + "current-context: c\n");

        assertThatThrownBy(() -> new ClusterConnection(Map.of(), dir).open(f, null, null))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessageStartingWith(f + ": not a kubeconfig")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("Zm9v"));
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
