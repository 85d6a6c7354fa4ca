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
