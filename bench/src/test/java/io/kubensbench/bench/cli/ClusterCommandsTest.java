package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.bench.cluster.MachineConfigs;
import io.kubensbench.workloads.pods.PodFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster commands as a user types them, against fabric8's mock API server through a
 * kubeconfig: cleanup by label, MachineConfig switching, and the one-line refusals.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterCommandsTest {

    KubernetesMockServer server;
    KubernetesClient client;

    /** A cluster campaign whose nodes are switched by hand. */
    private static final String MANUAL = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: manual
            target: {cluster: {encapsulation: manual}}
            workload: {pods: 10}
            arms: [off, on]
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path kubeconfig() throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n"
                + "  cluster: {server: '" + client.getMasterUrl() + "', insecure-skip-tls-verify: true}\n"
                + "users:\n- name: u\n  user: {token: t}\ncontexts:\n- name: mock\n  context: {cluster: mock, user: u}\n"
                + "current-context: mock\n");
    }

    @Test
    void cleanupRemovesWhatARunLabelledAndNothingElse() throws IOException {
        Map<String, String> run = Map.of(PodFactory.RUN_LABEL, "abcd1234", PodFactory.MANAGED_BY_LABEL,
                PodFactory.MANAGED_BY);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kubens-bench-abcd1234")
                .withLabels(run).endMetadata().build()).create();
        client.configMaps().inNamespace("kubens-bench-abcd1234").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("kb-x-0-configmap-0").withLabels(run).endMetadata().build()).create();
        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("someone-elses").endMetadata().build()).create();

        int code = run("cleanup", "--run-id", "abcd1234", "--kubeconfig", kubeconfig().toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isNotBlank();
        assertThat(client.namespaces().withName("kubens-bench-abcd1234").get()).isNull();
        assertThat(client.configMaps().inAnyNamespace().withLabel(PodFactory.RUN_LABEL).list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace("default").withName("someone-elses").get()).isNotNull();
    }

    @Test
    void cleanupAllListsEveryRunAndSparesThemUntilConfirmed() throws IOException {
        String config = kubeconfig().toString();
        Map<String, String> mine = labels("abcd1234");
        Map<String, String> another = labels("feed5678");
        namespace("kubens-bench-abcd1234", mine);
        namespace("kubens-bench-probe-abcd1234", mine);
        namespace("perf-feed5678", another);
        namespace("team-a", another);
        client.configMaps().inNamespace("perf-feed5678").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("kb-x-0-configmap-0").withLabels(another).endMetadata().build()).create();

        int refused = run("cleanup", "--all", "--kubeconfig", config);

        assertThat(refused).isEqualTo(Main.BAD_INPUT);
        assertThat(out.toString()).contains("run abcd1234, created ", "  namespace kubens-bench-abcd1234",
                "  namespace kubens-bench-probe-abcd1234", "run feed5678, created ",
                "  namespace perf-feed5678: 1 ConfigMap",
                "  spared: namespace team-a (labelled for the run, but not a name kubens-bench gives)");
        assertThat(err.toString()).isEqualTo("kubens-bench: cleanup --all would delete 2 runs (listed above), perhaps"
                + " a campaign still running: pass --yes to delete them, --dry-run to only list, or --run-id ID for"
                + " one\n");
        assertThat(client.namespaces().list().getItems()).hasSize(4);

        out.getBuffer().setLength(0);
        int listed = run("cleanup", "--all", "--dry-run", "--kubeconfig", config);

        assertThat(listed).isZero();
        assertThat(out.toString()).contains("run feed5678").endsWith("dry run: nothing deleted\n");
        assertThat(client.namespaces().list().getItems()).hasSize(4);

        out.getBuffer().setLength(0);
        int confirmed = run("cleanup", "--all", "--yes", "--kubeconfig", config);

        assertThat(confirmed).as(err.toString()).isZero();
        assertThat(out.toString()).contains("run abcd1234: deleted 2 Namespace",
                "run feed5678: deleted 1 ConfigMap, 1 Namespace; spared (labelled for the run, but not a name"
                        + " kubens-bench gives): namespace team-a");
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                .containsExactly("team-a");
    }

    @Test
    void cleanupOfOneRunCanBeADryRun() throws IOException {
        namespace("kubens-bench-abcd1234", labels("abcd1234"));

        int code = run("cleanup", "--run-id", "abcd1234", "--dry-run", "--kubeconfig", kubeconfig().toString());

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("run abcd1234, created ").contains("  namespace kubens-bench-abcd1234\n")
                .endsWith("dry run: nothing deleted\n");
        assertThat(client.namespaces().withName("kubens-bench-abcd1234").get()).isNotNull();
    }

    private static Map<String, String> labels(String runId) {
        return Map.of(PodFactory.RUN_LABEL, runId, PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY);
    }

    private void namespace(String name, Map<String, String> labels) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).create();
    }

    @Test
    void cleanupNeedsARunIdOrAll() {
        int code = run("cleanup");

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).startsWith("kubens-bench: Error: Missing required argument (specify one of these):"
                + " (--run-id=ID | --all)");
    }

    @Test
    void enableAndDisableCreateAndDeleteTheDocumentedMachineConfig() throws IOException {
        for (String[] kind : new String[][] {{MachineConfigs.MACHINE_CONFIG_KIND, MachineConfigs.MACHINE_CONFIG_PLURAL},
            {MachineConfigs.MACHINE_CONFIG_POOL_KIND, MachineConfigs.MACHINE_CONFIG_POOL_PLURAL}}) {
            server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(MachineConfigs.GROUP)
                    .withVersion(MachineConfigs.VERSION).withKind(kind[0]).withPlural(kind[1])
                    .withName(kind[1] + "." + MachineConfigs.GROUP).withScope("Cluster").build());
        }
        Path config = kubeconfig();

        int enabled = run("encapsulation", "enable", "--pool", "worker", "--no-wait", "--kubeconfig", config.toString());

        assertThat(enabled).as(err.toString()).isZero();
        assertThat(out.toString()).contains("created 99-kubens-worker");
        assertThat(client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).withName("99-kubens-worker").get())
                .isNotNull();
        assertThat(client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).withName("99-kubens-master").get())
                .as("only the pool asked for").isNull();

        int disabled = run("encapsulation", "disable", "--pool", "worker", "--no-wait", "--kubeconfig", config.toString());

        assertThat(disabled).as(err.toString()).isZero();
        assertThat(out.toString()).contains("deleted 99-kubens-worker");
        assertThat(client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).list().getItems()).isEmpty();
    }

    @Test
    void aClusterWithoutMachineConfigsIsToldToUseManual() throws IOException {
        int code = run("encapsulation", "enable", "--no-wait", "--kubeconfig", kubeconfig().toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString()).contains("no MachineConfig API").contains("encapsulation: manual");
    }

    @Test
    void planOnAClusterWithoutMachineConfigsSaysWhyItCountsNoPools() throws IOException {
        int code = run("plan", "../workloads/campaigns/cluster-node-density-mounts.yaml", "--kubeconfig",
                kubeconfig().toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines()).contains("           not counted, this cluster has no MachineConfig API"
                + " (machineconfiguration.openshift.io/v1): use encapsulation: manual");
    }

    @Test
    void verifyOnAClusterWithoutMachineConfigsNeedsTheExpectedState() throws IOException {
        int code = run("encapsulation", "verify", "--kubeconfig", kubeconfig().toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString().lines()).containsExactly("kubens-bench: this cluster has no MachineConfig API to say"
                + " what each node should be: pass --expect on or --expect off");
    }

    @Test
    void aManualCampaignWithoutAnArmIsRefusedBeforeTouchingTheCluster() throws IOException {
        Path campaign = Files.writeString(dir.resolve("manual.yaml"), MANUAL);

        int code = run("run", campaign.toString(), "--kubeconfig", dir.resolve("none").toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString().lines()).containsExactly("kubens-bench: campaign 'manual' has encapsulation: manual,"
                + " so each arm is its own run: switch the nodes, then run --arm off (or --arm on), and analyze the"
                + " two directories together");
    }

    @Test
    void aMissingKubeconfigIsBadInputInOneLine() throws IOException {
        Path campaign = Files.writeString(dir.resolve("manual.yaml"), MANUAL);

        int code = run("run", campaign.toString(), "--arm", "on", "--kubeconfig", dir.resolve("none").toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString().lines()).containsExactly("kubens-bench: " + dir.resolve("none")
                + ": no such kubeconfig file");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void anArmTheCampaignDoesNotHaveIsBadInput() throws IOException {
        Path campaign = Files.writeString(dir.resolve("manual.yaml"), MANUAL);

        int code = run("run", campaign.toString(), "--arm", "sideways");

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString().lines()).containsExactly("kubens-bench: --arm sideways: the campaign's arms are [off, on]");
    }
}
