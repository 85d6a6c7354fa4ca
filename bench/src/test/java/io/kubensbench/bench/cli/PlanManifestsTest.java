package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.cluster.ClusterManifests;
import io.kubensbench.bench.cluster.MachineConfigs;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code plan --manifests}: every object a cluster run creates, as the run builds them, the
 * privileges first; {@code --kind} to pick the ones to review; a summary at a terminal.
 */
@EnableKubernetesMockClient(crud = true)
class PlanManifestsTest {

    private static final Path EXAMPLES = Path.of("..", "workloads", "campaigns");
    private static final Path CLUSTER = EXAMPLES.resolve("cluster-node-density-mounts.yaml");
    private static final String REVIEWED = "SecurityContextConstraints,ClusterRole,RoleBinding,MachineConfig";

    KubernetesClient client;

    private final Cli cli = new Cli();

    /**
     * What {@code plan --manifests --node ...} prints reads back into exactly the objects a
     * cluster run creates on OpenShift (the same {@link ClusterManifests}, the same probe with
     * its SCC, the same MachineConfig), cluster-scoped ones and privileges first, and the API
     * server (fabric8's mock) accepts them as printed.
     */
    @Test
    void clusterManifestsReadBackIntoTheObjectsARunCreatesAndTheApiServerAcceptsThem() throws Exception {
        int code = cli.run("plan", CLUSTER.toString(), "--manifests", "--node", "worker-a", "--node", "worker-b");

        assertThat(code).as(cli.err()).isZero();
        List<HasMetadata> printed = load(cli.out());
        CampaignSpec spec = new CampaignReader().read(CLUSTER);
        ClusterTargetSpec cluster = spec.target().cluster();
        ClusterManifests manifests = new ClusterManifests(cluster, "plan").onOpenShift(true);
        List<HasMetadata> probe = PlanCommandTest.probe(spec, cluster).objects();
        List<HasMetadata> expected = new ArrayList<>();
        expected.add(manifests.namespace());
        expected.addAll(probe.stream().filter(o -> o.getMetadata().getNamespace() == null).toList());
        expected.add(MachineConfigs.kubens(MachineConfigs.WORKER, "plan"));
        expected.addAll(probe.stream().filter(o -> o.getMetadata().getNamespace() != null).toList());
        for (int i = 0; i < spec.levels().size(); i++) {
            List<HasMetadata> level = manifests.objects(spec.levels().get(i).workload(), "l" + i,
                    List.of("worker-a", "worker-b"));
            expected.addAll(level.subList(1, level.size()));
        }
        assertThat(yaml(printed)).isEqualTo(yaml(expected));
        assertThat(printed.stream().map(HasMetadata::getKind).distinct().toList()).containsExactly("Namespace",
                "SecurityContextConstraints", "ClusterRole", "MachineConfig", "ServiceAccount", "RoleBinding",
                "DaemonSet", "Secret", "ConfigMap", "Pod");
        Pod first = printed.stream().filter(Pod.class::isInstance).map(Pod.class::cast).findFirst().orElseThrow();
        assertThat(first.getSpec().getNodeSelector()).containsEntry("node-role.kubernetes.io/worker", "")
                .containsEntry(ClusterManifests.HOSTNAME_LABEL, "worker-a");
        assertThat(first.getSpec().getSecurityContext().getRunAsUser()).as("OpenShift assigns the user").isNull();
        assertThat(first.getSpec().getContainers()).hasSize(2)
                .allSatisfy(c -> assertThat(c.getImage()).isEqualTo(ClusterTargetSpec.DEFAULT_IMAGE));

        // The namespaces, the probe and the first level on the first node, created as printed.
        int firstLevel = expected.indexOf(expected.stream().filter(Pod.class::isInstance).findFirst().orElseThrow()) + 1;
        for (HasMetadata object : printed.subList(0, firstLevel)) {
            if (!(object instanceof GenericKubernetesResource)) {
                assertThat(client.resource(object).create()).as(object.getKind() + " " + object.getMetadata().getName())
                        .isNotNull();
            }
        }
        assertThat(client.pods().inNamespace(manifests.namespaceName()).list().getItems()).hasSize(1);
        assertThat(client.rbac().roleBindings().inNamespace(manifests.probeNamespaceName()).list().getItems())
                .hasSize(1);
    }

    @Test
    void theObjectsToReviewAreTheProbesPrivilegesAndTheMachineConfigWithWhatTheClusterDecidesSaidInComments() {
        int code = cli.run("plan", CLUSTER.toString(), "--manifests", "--kind", REVIEWED);

        assertThat(code).as(cli.err()).isZero();
        List<HasMetadata> printed = load(cli.out());
        assertThat(printed).extracting(HasMetadata::getKind)
                .containsExactly("SecurityContextConstraints", "ClusterRole", "MachineConfig", "RoleBinding");
        assertThat(printed).extracting(o -> o.getMetadata().getName()).containsExactly("kubens-bench-probe-plan",
                "kubens-bench-probe-plan", "99-kubens-worker", "kubens-bench-probe-plan");
        assertThat(cli.out()).contains("# role worker: rendered by the worker pool and every custom pool inheriting"
                        + " from it\n---\n",
                "the run reads it from the pools the measured nodes are in",
                "#   runs as uid 2000000000, gid 2000000000, not root");
        assertThat(cli.out()).doesNotContain("kind: \"Pod\"", "created only on OpenShift");
    }

    @Test
    void kindsAreCaseInsensitiveAndAllKeepsEveryObject() {
        cli.run("plan", CLUSTER.toString(), "--manifests", "--kind", "pod");
        assertThat(load(cli.out())).hasSize(50 + 100 + 200).allSatisfy(o -> assertThat(o).isInstanceOf(Pod.class));

        cli.run("plan", CLUSTER.toString(), "--manifests");
        String everything = cli.out();
        int code = cli.run("plan", CLUSTER.toString(), "--manifests", "--kind", "all");
        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo(everything);
    }

    @Test
    void aKindThePlanHasNoneOfIsBadInputNamingTheKindsItHas(@TempDir Path dir) throws Exception {
        int code = cli.run("plan", CLUSTER.toString(), "--manifests", "--kind", "ClusterRole,Deployment");

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().lines()).containsExactly("kubens-bench: --kind Deployment: this plan creates no Deployment;"
                + " its kinds: Namespace, SecurityContextConstraints, ClusterRole, MachineConfig, ServiceAccount,"
                + " RoleBinding, DaemonSet, Secret, ConfigMap, Pod (or all)");
        assertThat(cli.out()).isEmpty();

        Path manual = Files.writeString(dir.resolve("manual.yaml"), """
                apiVersion: kubens-bench/v1
                kind: Campaign
                name: c
                target: {cluster: {encapsulation: manual}}
                workload: {pods: 10}
                arms: [off, on]
                """);
        code = cli.run("plan", manual.toString(), "--manifests", "--kind", "MachineConfig");
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err()).startsWith("kubens-bench: --kind MachineConfig: this plan creates no MachineConfig;");

        code = cli.run("plan", manual.toString(), "--kind", "Pod");
        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().lines()).containsExactly(
                "kubens-bench: --kind selects the objects of --manifests: add --manifests");
    }

    @Test
    void onAClusterThatMaySwitchByHandTheOpenShiftObjectsAreShownAsSuch(@TempDir Path dir) throws Exception {
        Path manual = Files.writeString(dir.resolve("manual.yaml"), """
                apiVersion: kubens-bench/v1
                kind: Campaign
                name: c
                target: {cluster: {encapsulation: manual}}
                workload: {pods: 2}
                arms: [off, on]
                """);

        int code = cli.run("plan", manual.toString(), "--manifests", "--kind", "SecurityContextConstraints");

        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.out()).contains("# admits the probe's pod and nothing else; created only on OpenShift (when the"
                + " API server serves security.openshift.io)");
        cli.run("plan", manual.toString(), "--manifests", "--kind", "Pod");
        assertThat(load(cli.out())).hasSize(2).allSatisfy(p -> assertThat(((Pod) p).getSpec().getSecurityContext()
                .getRunAsUser()).as("plain Kubernetes: the pods name their user").isNotNull());
    }

    @Test
    void manifestsAsJsonAreRefusedPointingToTheYaml() {
        int code = cli.run("plan", CLUSTER.toString(), "--manifests", "-o", "json");

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err()).startsWith("kubens-bench: --manifests prints Kubernetes objects as YAML");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void atATerminalManifestsSummarisesPerKindAndNamespaceAndSaysHowToGetTheYaml() {
        StringWriter out = new StringWriter();
        int code = atATerminal(out, "plan", CLUSTER.toString(), "--manifests");

        assertThat(code).isZero();
        String command = "kubens-bench plan " + CLUSTER;
        assertThat(out.toString()).contains("""
                kind                        namespace                objects  names
                Namespace                   -                              2  kubens-bench-plan, kubens-bench-probe-plan
                SecurityContextConstraints  -                              1  kubens-bench-probe-plan
                ClusterRole                 -                              1  kubens-bench-probe-plan
                MachineConfig               -                              1  99-kubens-worker
                ServiceAccount              kubens-bench-probe-plan        1  kubens-bench-probe
                RoleBinding                 kubens-bench-probe-plan        1  kubens-bench-probe-plan
                DaemonSet                   kubens-bench-probe-plan        1  kubens-bench-probe
                Secret                      kubens-bench-plan           1400
                ConfigMap                   kubens-bench-plan            700
                Pod                         kubens-bench-plan            350
                """);
        assertThat(out.toString()).contains("  " + command + " --manifests --kind " + REVIEWED,
                "  " + command + " --manifests --kind all", "  " + command + " --manifests > manifests.yaml");
        assertThat(out.toString()).doesNotContain("apiVersion");

        StringWriter all = new StringWriter();
        atATerminal(all, "plan", CLUSTER.toString(), "--manifests", "--kind", "all");
        assertThat(load(all.toString())).hasSize(2 + 1 + 1 + 1 + 1 + 1 + 1 + 1400 + 700 + 350);
    }

    @Test
    void theLabExamplesManifestsShowEveryLevelAndTheProbe() {
        int code = cli.run("plan", EXAMPLES.resolve("lab-quick.yaml").toString(), "--manifests");

        assertThat(code).as(cli.err()).isZero();
        List<HasMetadata> printed = load(cli.out());
        assertThat(printed.stream().map(HasMetadata::getKind).distinct().toList()).containsExactly("Namespace",
                "SecurityContextConstraints", "ClusterRole", "ServiceAccount", "RoleBinding", "DaemonSet", "Secret",
                "ConfigMap", "Pod");
        assertThat(printed.stream().filter(Pod.class::isInstance)).hasSize(50);
    }

    /** Runs {@code plan} as at a terminal: the command's own seam, the streams of the test. */
    private static int atATerminal(StringWriter out, String... args) {
        PlanCommand plan = new PlanCommand();
        plan.terminal = () -> true;
        CommandLine command = new CommandLine(plan);
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(new StringWriter(), true));
        return command.execute(java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    private List<HasMetadata> load(String yaml) {
        return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    }

    /** Each object as the API server would get it, so a generic object's numbers compare by value. */
    private static List<String> yaml(List<HasMetadata> objects) {
        return objects.stream().map(Serialization::asYaml).toList();
    }
}
