package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.bench.cluster.ProbePrivileges;
import io.kubensbench.bench.cluster.ProbeSnapshot;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import io.kubensbench.workloads.cluster.ClusterWorkload;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
import io.kubensbench.workloads.pods.PodFactory;
import io.kubensbench.workloads.spec.Churn;
import io.kubensbench.workloads.spec.VolumeCounts;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A missing permission reads the same and ends the command the same way wherever the cluster
 * refuses it: in the deployer of the workload's pods or in the node probe.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterRefusalTest {

    /** The line a refused create gives, whoever asked: what was refused, then the API server's words. */
    private static final Pattern SHAPE = Pattern.compile("forbidden: you need permission to create (\\w+) (\\S+):"
            + " (\\w+) is forbidden: User \"dev\" cannot create resource \"\\3\" in API group \"\" .+");

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void aRefusalByRbacIsTheSameLineAndExitCodeFromTheDeployerAndFromTheProbe() {
        for (String plural : new String[] {"secrets", "configmaps", "pods"}) {
            refuse("/api/v1/namespaces/kb-bench/" + plural, plural + " is forbidden: User \"dev\" cannot create"
                    + " resource \"" + plural + "\" in API group \"\" in the namespace \"kb-bench\"");
        }
        refuse("/api/v1/namespaces", "namespaces is forbidden: User \"dev\" cannot create resource \"namespaces\""
                + " in API group \"\" at the cluster scope");
        PodFactory pods = new PodFactory(new WorkloadSpec(2, 1, VolumeCounts.of(1, 0, 1, 0, 0), Churn.none()), "c1",
                "kb-bench", "busybox:1.36", Map.of());
        ClusterWorkload deployer = new ClusterWorkload(client, pods, ClusterWorkloadOptions.defaults().newRateLimiter(),
                ClusterWorkloadOptions.defaults());
        ProbeSnapshot probe = new ProbeSnapshot(client, "busybox:1.36", new ProbePrivileges(false), Duration.ofSeconds(5),
                line -> { });

        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-a").endMetadata().withNewStatus()
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();

        Throwable fromDeployer = catchThrowable(() -> deployer.deploy(n -> { }));
        Throwable fromProbe = catchThrowable(() -> probe.take(Map.of()));

        for (Throwable refused : new Throwable[] {fromDeployer, fromProbe}) {
            assertThat(refused).isInstanceOf(ClusterAccessException.class)
                    .hasCauseInstanceOf(KubernetesClientException.class)
                    .hasMessageMatching(SHAPE.pattern())
                    .hasMessageNotContaining("\n");
            assertThat(Main.exitCode(refused)).isEqualTo(Main.BAD_INPUT);
        }
        assertThat(what(fromDeployer)).startsWith("Secret kb-bench/");
        assertThat(what(fromProbe)).startsWith("Namespace kubens-bench-probe-");
    }

    /**
     * An admission webhook's 403 is not a missing permission: the line says the cluster refused,
     * and carries the webhook's own words, from the deployer and from the probe alike.
     */
    @Test
    void aWebhooksRefusalIsReportedWithItsOwnMessage() {
        String webhook = "admission webhook \"policy.example.com\" denied the request: hostPID and secret volumes are"
                + " not allowed in namespace %s";
        server.expect().post().withPath("/api/v1/namespaces/kb-bench/secrets").andReturn(403, new StatusBuilder()
                .withStatus("Failure").withReason("Forbidden").withCode(403)
                .withMessage(webhook.formatted("kb-bench")).build()).always();
        server.expect().post().withPath("/api/v1/namespaces").andReturn(403, new StatusBuilder().withStatus("Failure")
                .withReason("Forbidden").withCode(403).withMessage(webhook.formatted("any")).build()).always();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-a").endMetadata().withNewStatus()
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
        PodFactory pods = new PodFactory(new WorkloadSpec(1, 1, VolumeCounts.of(1, 0, 0, 0, 0), Churn.none()), "c1",
                "kb-bench", "busybox:1.36", Map.of());
        ClusterWorkload deployer = new ClusterWorkload(client, pods, ClusterWorkloadOptions.defaults().newRateLimiter(),
                ClusterWorkloadOptions.defaults());

        Throwable fromDeployer = catchThrowable(() -> deployer.deploy(n -> { }));
        Throwable fromProbe = catchThrowable(() -> new ProbeSnapshot(client, "busybox:1.36", new ProbePrivileges(false),
                Duration.ofSeconds(5), line -> { }).take(Map.of()));

        assertThat(fromDeployer).isInstanceOf(ClusterAccessException.class).hasMessage("forbidden: the cluster refused to"
                + " create Secret kb-bench/kb-c1-0-secret-0: " + webhook.formatted("kb-bench"));
        assertThat(fromProbe).isInstanceOf(ClusterAccessException.class)
                .hasMessageStartingWith("forbidden: the cluster refused to create Namespace kubens-bench-probe-")
                .hasMessageEndingWith(": " + webhook.formatted("any"));
        assertThat(Main.exitCode(fromDeployer)).isEqualTo(Main.BAD_INPUT);
    }

    /** The kind and name the line says were refused. */
    private static String what(Throwable refused) {
        Matcher m = SHAPE.matcher(refused.getMessage());
        assertThat(m.matches()).isTrue();
        return m.group(1) + " " + m.group(2);
    }

    private void refuse(String path, String message) {
        server.expect().post().withPath(path).andReturn(403, new StatusBuilder().withStatus("Failure")
                .withReason("Forbidden").withCode(403).withMessage(message).build()).always();
    }

    @Test
    void aMalformedKubeconfigPrintsNoCredentialEvenVerbose(@TempDir Path dir) throws IOException {
        String token = "sha256~c2VjcmV0LXRva2VuLXZhbHVl";
        Path config = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nusers:\n"
                + "- name: u\n  user:\n    token: " + token + "\n   client-key-data: [\ncontexts: []\n");
        Cli cli = new Cli();

        int code = cli.run("--verbose", "cleanup", "--run-id", "abcd1234", "--kubeconfig", config.toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err()).startsWith("kubens-bench: " + config + ": not a kubeconfig: YAML syntax error at line ")
                .doesNotContain("c2VjcmV0").doesNotContain("token:");
        assertThat(cli.out()).isEmpty();
    }
}
