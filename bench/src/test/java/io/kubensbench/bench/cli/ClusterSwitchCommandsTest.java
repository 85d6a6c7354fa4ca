package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.bench.cluster.MachineConfigs;
import io.kubensbench.bench.cluster.MockMachineConfigOperator;
import io.kubensbench.workloads.pods.PodFactory;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the commands that switch encapsulation say and ask before they reboot anything, on a
 * cluster (fabric8's mock) with three workers, two nodes of a custom pool "infra" that
 * inherits from worker, and three masters: the shipped example's plan counts the pools,
 * {@code run} and {@code encapsulation} ask naming the nodes, refuse without a terminal or
 * on a paused pool, and leave another campaign's MachineConfig alone.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterSwitchCommandsTest {

    private static final Path EXAMPLE = Path.of("..", "workloads", "campaigns", "cluster-node-density-mounts.yaml");
    private static final String REBOOTS = "5 nodes (pool infra 2, pool worker 3)";

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private MockMachineConfigOperator operator;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> asked = new ArrayList<>();

    @BeforeEach
    void aClusterWithACustomPool() {
        operator = MockMachineConfigOperator.serving(server, client);
        operator.seedPool("master", 3, "rendered-master-1");
        operator.seedPool("worker", 3, "rendered-worker-1");
        operator.seedCustomPool("infra", "worker", 2, "rendered-infra-1");
        for (String node : List.of("master-0", "master-1", "master-2", "worker-0", "worker-1", "worker-2", "infra-0",
                "infra-1")) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node)
                    .addToLabels("node-role.kubernetes.io/" + node.substring(0, node.indexOf('-')), "").endMetadata()
                    .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                    .build()).create();
        }
    }

    /** Runs the CLI; {@code answer} is what the user types at the terminal, or null for no terminal. */
    private int run(String answer, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        Prompt prompt = question -> {
            asked.add(question);
            return Optional.ofNullable(answer);
        };
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), prompt);
    }

    private String kubeconfig() throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n"
                + "  cluster: {server: '" + client.getMasterUrl() + "', insecure-skip-tls-verify: true}\n"
                + "users:\n- name: u\n  user: {token: t}\ncontexts:\n- name: mock\n  context: {cluster: mock, user: u}\n"
                + "current-context: mock\n").toString();
    }

    @Test
    void planOfTheShippedExampleNamesThePoolsEachSwitchRebootsAndTimesTheRollouts() throws IOException {
        int code = run(null, "plan", EXAMPLE.toString(), "--kubeconfig", kubeconfig());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines()).contains("reboots    each switch creates or deletes 99-kubens-worker and"
                + " reboots " + REBOOTS + ", one node at a time per pool; 3 of them measured",
                "rollouts   2, before runs #6 (off -> on), #15 (on -> off); the cluster is off now (99-kubens-worker"
                        + " absent), so run #0 needs none");
        assertThat(out.toString().lines()).filteredOn(line -> line.startsWith("estimated duration: ")).singleElement()
                .satisfies(line -> assertThat(line).startsWith("estimated duration: at least 1h38m (per run:")
                        .endsWith(", including 2 encapsulation rollouts of about 32m00s each (a MachineConfig"
                                + " rollout of about 2m + 10m per node of the largest pool, 3 nodes)"));
        assertThat(out.toString()).doesNotContain("warning");
        assertThat(nothingOurs()).isTrue();
    }

    /**
     * {@code plan -o json} of the same cluster: the pools, the state and the rollouts the text
     * counts, with every field name against {@code plan-fields.txt} (a field renamed or dropped
     * fails here and changes the schema version; a new one is added to the file).
     */
    @Test
    void planAsJsonCountsWhatTheTextCountsUnderFieldNamesThatStayPut() throws IOException {
        int code = run(null, "plan", EXAMPLE.toString(), "--kubeconfig", kubeconfig(), "-o", "json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode plan = JsonMapper.builder().build().readTree(out.toString());
        assertThat(plan.at("/reboots/counted").asBoolean()).isTrue();
        assertThat(plan.at("/reboots/pools").findValuesAsString("name")).containsExactly("infra", "worker");
        assertThat(plan.at("/reboots/nodes").asInt()).isEqualTo(5);
        assertThat(plan.at("/reboots/measured").asInt()).isEqualTo(3);
        assertThat(plan.at("/reboots/state").asString()).isEqualTo("off");
        assertThat(plan.at("/rollouts/count").asInt()).isEqualTo(2);
        assertThat(plan.at("/rollouts/beforeFirstRun").asBoolean()).isFalse();
        assertThat(plan.at("/rollouts/secondsEach").asDouble()).isEqualTo(32 * 60.0);
        assertThat(plan.at("/estimate/rolloutsSeconds").asDouble()).isEqualTo(2 * 32 * 60.0);
        assertThat(plan.at("/estimate/rolloutsIncluded").asBoolean()).isTrue();
        double seconds = plan.at("/estimate/seconds").asDouble();
        assertThat(seconds).isEqualTo(plan.at("/estimate/runsSeconds").asDouble() + 2 * 32 * 60.0);
        assertThat(Durations.rough(Duration.ofMillis(Math.round(seconds * 1000)))).isEqualTo("1h38m");

        TreeSet<String> fields = new TreeSet<>();
        paths("", plan, fields);
        try (InputStream in = getClass().getResourceAsStream("plan-fields.txt")) {
            assertThat(String.join("\n", fields) + "\n").isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Every field's path, array elements as {@code []}; the node selector's keys are values, not names. */
    private static void paths(String at, JsonNode node, TreeSet<String> out) {
        if (node.isObject() && !at.endsWith("/nodeSelector")) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.add(at + "/" + e.getKey());
                paths(at + "/" + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray() && !node.isEmpty() && node.get(0).isContainer()) {
            paths(at + "[]", node.get(0), out);
        }
    }

    @Test
    void planCountsARolloutBeforeTheFirstRunWhenTheClusterIsInTheOtherState() throws IOException {
        client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).resource(MachineConfigs.kubens("worker",
                "done0001")).create();

        int code = run(null, "plan", EXAMPLE.toString(), "--kubeconfig", kubeconfig());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines()).contains("rollouts   3, before runs #0 (on -> off, the cluster is on now),"
                + " #6 (off -> on), #15 (on -> off)");
        assertThat(out.toString()).contains(", including 3 encapsulation rollouts of about 32m00s each");
    }

    @Test
    void planWarnsThatAnInterleavedOrderOnRolloutsMakesOneAtEveryChangeOfArm() throws IOException {
        Path file = Files.writeString(dir.resolve("interleaved.yaml"), Files.readString(EXAMPLE)
                .replace("order: aba", "order: interleaved"));

        int code = run(null, "plan", file.toString(), "--kubeconfig", kubeconfig());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines()).contains("rollouts   15, before runs #1 (off -> on), #2 (on -> off), #3 (off"
                + " -> on), ..., #17 (off -> on); the cluster is off now (99-kubens-worker absent), so run #0 needs"
                + " none");
        assertThat(out.toString().lines()).last().isEqualTo("warning: order interleaved makes 15 encapsulation"
                + " rollouts, each rebooting every node of the pools (about 8h00m in all); schedule.order: aba makes 2"
                + " and still estimates a drift over time, blocked 1");
    }

    @Test
    void planSaysWhenAPoolThatWouldRebootIsPaused() throws IOException {
        operator.pause("infra");

        int code = run(null, "plan", EXAMPLE.toString(), "--kubeconfig", kubeconfig());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines()).contains(
                "           pool infra is paused: run refuses to switch until it is unpaused");
    }

    @Test
    void runWithoutATerminalOrYesIsRefusedNamingTheNodesAndCreatesNothing() throws IOException {
        Path results = dir.resolve("results");

        int code = run(null, "run", EXAMPLE.toString(), "--kubeconfig", kubeconfig(), "--out", results.toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString().lines()).last().isEqualTo("kubens-bench: switching encapsulation reboots " + REBOOTS
                + ", up to 3 times: confirm on a terminal, or pass --yes; nothing was switched");
        assertThat(err.toString()).contains("kubens-bench: each encapsulation switch creates or deletes"
                + " 99-kubens-worker and reboots " + REBOOTS + ", one node at a time per pool; 3 of them measured;"
                + " a rollout is waited for up to 1h10m (10m + 20m per node of the largest pool)");
        assertThat(results).isEmptyDirectory();
        assertThat(nothingOurs()).isTrue();
    }

    @Test
    void runAsksAtTheTerminalAndANoCreatesNothing() throws IOException {
        int code = run("n", "run", EXAMPLE.toString(), "--kubeconfig", kubeconfig(), "--out",
                dir.resolve("results").toString(), "--restore");

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(asked).containsExactly("kubens-bench: switching encapsulation reboots " + REBOOTS
                + ", up to 4 times. Go on? [y/N] ");
        assertThat(err.toString().lines()).last().isEqualTo("kubens-bench: not confirmed: nothing was switched");
        assertThat(nothingOurs()).isTrue();
    }

    @Test
    void runRefusesAPausedPoolBeforeAskingOrCreatingAnything() throws IOException {
        operator.pause("infra");

        int code = run("y", "run", EXAMPLE.toString(), "--kubeconfig", kubeconfig(), "--out",
                dir.resolve("results").toString(), "--yes");

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString().lines()).last().isEqualTo("kubens-bench: MachineConfigPool infra is paused, so a"
                + " switch would only take effect, rebooting every node, when someone unpauses it: nothing was"
                + " created; unpause it first (oc patch machineconfigpool infra --type merge -p"
                + " '{\"spec\":{\"paused\":false}}')");
        assertThat(asked).isEmpty();
        assertThat(nothingOurs()).isTrue();
    }

    @Test
    void enableAsksNamingTheNodesAndYesSkipsTheQuestion() throws IOException {
        String config = kubeconfig();

        int refused = run(null, "encapsulation", "enable", "--pool", "worker", "--no-wait", "--kubeconfig", config);

        assertThat(refused).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString().lines()).containsExactly(
                "kubens-bench: creating 99-kubens-worker reboots " + REBOOTS + ", one node at a time per pool",
                "kubens-bench: switching encapsulation reboots " + REBOOTS + ": confirm on a terminal, or pass --yes;"
                        + " nothing was switched");
        assertThat(nothingOurs()).isTrue();

        int confirmed = run("yes", "encapsulation", "enable", "--pool", "worker", "--no-wait", "--kubeconfig", config);

        assertThat(confirmed).as(err.toString()).isZero();
        assertThat(asked).last().isEqualTo("kubens-bench: switching encapsulation reboots " + REBOOTS
                + ". Go on? [y/N] ");
        assertThat(out.toString()).contains("created 99-kubens-worker");

        int scripted = run(null, "encapsulation", "disable", "--pool", "worker", "--no-wait", "--yes", "--kubeconfig",
                config);

        assertThat(scripted).as(err.toString()).isZero();
        assertThat(out.toString()).contains("deleted 99-kubens-worker");
        assertThat(asked).hasSize(2);
        assertThat(machineConfigs()).isEmpty();
    }

    @Test
    void enableWaitsForEveryPoolThatRendersTheMachineConfigAndNamesThoseNotThrough() throws IOException {
        int code = run(null, "encapsulation", "enable", "--pool", "worker", "--yes", "--timeout", "300ms",
                "--kubeconfig", kubeconfig());

        assertThat(code).isEqualTo(Main.FAILED);
        assertThat(err.toString()).contains("kubens-bench: waiting up to 300ms for pools infra, worker to roll it out");
        assertThat(err.toString().lines()).last().isEqualTo("kubens-bench: error: MachineConfigPools not rolled out"
                + " after 300ms: infra (2/2 machines updated, not yet rendered with 99-kubens-worker), worker (3/3"
                + " machines updated, not yet rendered with 99-kubens-worker); nodes drain and reboot one at a time,"
                + " so allow more (run --rollout-timeout, encapsulation --timeout), e.g. 600ms; the next switch to"
                + " this state waits for these pools first");
    }

    @Test
    void disableLeavesARunningCampaignsMachineConfigUnlessItsRunIdIsGiven() throws IOException {
        client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).resource(MachineConfigs.kubens("worker",
                "live0001")).create();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kubens-bench-live0001")
                .addToLabels(PodFactory.RUN_LABEL, "live0001").endMetadata().build()).create();
        String config = kubeconfig();

        int refused = run("y", "encapsulation", "disable", "--no-wait", "--kubeconfig", config);

        assertThat(refused).isEqualTo(Main.BAD_INPUT);
        assertThat(err.toString().lines()).containsExactly("kubens-bench: 99-kubens-worker belongs to campaign run"
                + " live0001, which is still running (namespace kubens-bench-live0001), so kubens-bench leaves it"
                + " alone: let that campaign end, or remove it anyway with: kubens-bench encapsulation disable --run-id"
                + " live0001");
        assertThat(machineConfigs()).hasSize(1);

        int other = run("y", "encapsulation", "disable", "--run-id", "else0001", "--no-wait", "--kubeconfig", config);

        assertThat(other).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("nothing to change: encapsulation is already disabled for master, worker"
                + " as far as run else0001 goes");
        assertThat(machineConfigs()).hasSize(1);

        int removed = run("y", "encapsulation", "disable", "--run-id", "live0001", "--no-wait", "--kubeconfig", config);

        assertThat(removed).as(err.toString()).isZero();
        assertThat(out.toString()).contains("deleted 99-kubens-worker");
        assertThat(machineConfigs()).isEmpty();
    }

    @Test
    void disableOfAnotherRunWaitsForThePoolsToRunWhatTheMachineConfigsSayNow() throws IOException {
        client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).resource(MachineConfigs.kubens("worker",
                "done0001")).create();
        for (String pool : List.of("worker", "infra")) {
            operator.render(pool, "rendered-" + pool + "-2");
            operator.updated(pool, pool.equals("worker") ? 3 : 2, "rendered-" + pool + "-2");
        }

        int code = run(null, "encapsulation", "disable", "--pool", "worker", "--run-id", "else0001", "--timeout", "5s",
                "--kubeconfig", kubeconfig());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("nothing to change").contains("next: kubens-bench encapsulation verify");
        assertThat(machineConfigs()).hasSize(1);
    }

    private List<GenericKubernetesResource> machineConfigs() {
        return client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).list().getItems();
    }

    /** Nothing kubens-bench makes exists: no MachineConfig, no labelled namespace, no probe. */
    private boolean nothingOurs() {
        return machineConfigs().isEmpty()
                && client.namespaces().withLabel(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY).list().getItems()
                .isEmpty()
                && client.apps().daemonSets().inAnyNamespace().list().getItems().isEmpty();
    }
}
