package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code estimate} against fabric8's CRUD mock through a kubeconfig, as a user types it: two
 * workers and a control-plane node with pods of test data, the real lab-cost-model results
 * {@link PredictCommandTest} predicts from as the calibration, every output format, the
 * refusals, and the client's requests (reads only).
 */
@EnableKubernetesMockClient(crud = true)
class EstimateCommandTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private final Cli cli = new Cli();
    private final Instant now = Instant.now();

    /** worker-a: 60 identical pods, 20 of them started 5 minutes ago. */
    private static final int BULK = 60;
    private static final int BULK_RECENT = 20;

    @BeforeEach
    void cluster() {
        node("worker-a", true);
        node("worker-b", true);
        node("master-0", false);
        // Each bulk pod: secret + projected tmpfs 2, sandbox (rootfs, shm, 3 pins) 5, one running container 1 = 8.
        for (int i = 0; i < BULK; i++) {
            pod("worker-a", "load", "bulk-" + i, i < BULK_RECENT ? minutesAgo(5) : minutesAgo(120), "Running",
                    false, false, List.of(secret("s"), projected()), List.of(), List.of(container("c")),
                    List.of(running("c", null)));
        }
        // worker-b, by hand:
        // volumes: secret, projected, emptyDir Memory, downwardAPI tmpfs 4; configMap, emptyDir disk, hostPath 0;
        //   persistentVolumeClaim and csi assumed 1 each 2; sandbox 5; one running container 1 -> 12.
        pod("worker-b", "apps", "volumes", minutesAgo(120), "Running", false, false, List.of(secret("s"),
                projected(), new VolumeBuilder().withName("cm").withNewConfigMap().withName("cm").endConfigMap().build(),
                new VolumeBuilder().withName("mem").withNewEmptyDir().withMedium("Memory").endEmptyDir().build(),
                new VolumeBuilder().withName("disk").withNewEmptyDir().endEmptyDir().build(),
                new VolumeBuilder().withName("d").withNewDownwardAPI().endDownwardAPI().build(),
                new VolumeBuilder().withName("h").withNewHostPath().withPath("/var/log").endHostPath().build(),
                new VolumeBuilder().withName("data").withNewPersistentVolumeClaim().withClaimName("data")
                        .endPersistentVolumeClaim().build(),
                new VolumeBuilder().withName("inline").withNewCsi().withDriver("csi.example").endCsi().build()),
                List.of(), List.of(container("c")), List.of(running("c", null)));
        // init-multi, started 5 minutes ago: projected 1, sandbox 5, three running containers 3, the init
        // container terminated 0 -> 9 now; set up: 1 + 5 + 4 containers (init included) = 10.
        pod("worker-b", "apps", "init-multi", minutesAgo(5), "Running", false, false, List.of(projected()),
                List.of(container("init")), List.of(container("a"), container("b"), container("c")),
                List.of(running("a", null), running("b", null), running("c", null)));
        // host-net: hostNetwork keeps its three pins (CRI-O pins the host's): 1 + 5 + 1 = 7.
        pod("worker-b", "apps", "host-net", minutesAgo(120), "Running", true, false, List.of(projected()),
                List.of(), List.of(container("c")), List.of(running("c", null)));
        // host-ipc: no shm: 1 + 4 + 1 = 6.
        pod("worker-b", "apps", "host-ipc", minutesAgo(120), "Running", false, true, List.of(projected()),
                List.of(), List.of(container("c")), List.of(running("c", null)));
        // restarts: 1 + 5 + 2 = 8; container a last finished 3 minutes ago (a restart in the window),
        // b an hour ago (not).
        pod("worker-b", "apps", "restarts", minutesAgo(120), "Running", false, false, List.of(projected()),
                List.of(), List.of(container("a"), container("b")),
                List.of(running("a", minutesAgo(3)), running("b", minutesAgo(60))));
        // job-done, Succeeded, started 5 minutes ago: 0 now; set up 1 + 5 + 1 = 7 in the window.
        pod("worker-b", "apps", "job-done", minutesAgo(5), "Succeeded", false, false, List.of(projected()),
                List.of(), List.of(container("c")), List.of());
        // job-failed, Failed, started two hours ago: 0, and no churn.
        pod("worker-b", "apps", "job-failed", minutesAgo(120), "Failed", false, false, List.of(projected()),
                List.of(), List.of(container("c")), List.of());
        // pending, not set up: 0, and no churn though it started a minute ago.
        pod("worker-b", "apps", "pending", minutesAgo(1), "Pending", false, false, List.of(projected()),
                List.of(), List.of(container("c")), List.of());
        // On the control plane, not selected: never counted.
        pod("master-0", "kube-system", "etcd", minutesAgo(1), "Running", true, false, List.of(secret("s")),
                List.of(), List.of(container("etcd")), List.of(running("etcd", null)));
    }

    @Test
    void jsonCarriesEachNodesHandCountedLoadItsPredictionsTheTotalsAndTheCaveats() throws IOException {
        int code = cli.run("estimate", "--calibration", calibration().toString(), "--window", "10m", "-o", "json",
                "--kubeconfig", kubeconfig().toString());
        assertThat(code).as(cli.err()).isZero();
        JsonNode root = new JsonMapper().readTree(cli.out());

        assertThat(root.get("schema").asInt()).isEqualTo(1);
        assertThat(root.get("windowSeconds").asDouble()).isEqualTo(600);
        double base = CampaignAnalysis.analyze(List.of(calibration())).loadModels().get(0).baseMounts();
        assertThat(base).as("the lab calibration's mounts at no pods").isBetween(1.0, 100.0);
        assertThat(root.at("/baseMounts/value").asDouble()).isEqualTo(base);
        assertThat(root.at("/calibration/target").asString()).isEqualTo("lab");
        assertThat(root.at("/calibration/off/form").isNull()).isFalse();
        assertThat(root.at("/calibration/on/degenerate").asString()).contains("no measurable CPU");
        JsonNode nodes = root.get("nodes");
        assertThat(nodes).hasSize(2);
        JsonNode a = nodes.get(0);
        JsonNode b = nodes.get(1);
        assertThat(a.get("name").asString()).isEqualTo("worker-a");
        assertThat(b.get("name").asString()).isEqualTo("worker-b");

        // worker-a: 60 x 8 = 480 pod mounts + the base; churn 2 x (20 pods x 8) = 320 events over 600 s.
        assertThat(a.at("/mounts/pods").asInt()).isEqualTo(480);
        assertThat(a.at("/load/mounts").asDouble()).isCloseTo(480 + base, within(1e-6));
        assertThat(a.at("/churn/startedPods").asInt()).isEqualTo(20);
        assertThat(a.at("/churn/startedMounts").asInt()).isEqualTo(160);
        assertThat(a.at("/load/eventsPerSecond").asDouble()).isCloseTo(320 / 600.0, within(1e-9));
        // A lab calibration's churn starts at 30 events/s; a cluster's nodes seldom come near it.
        assertThat(a.get("outside").asBoolean()).as("below the calibrated events/s").isTrue();

        // worker-b: 12 + 9 + 7 + 6 + 8 + 0 + 0 + 0 = 42 pod mounts, 5 of 8 pods running, 2 assumed (pvc, csi);
        // churn: 2 x (init-multi 10 + job-done 7) + 2 x 1 restart = 36 events over 600 s.
        assertThat(b.get("pods").asInt()).isEqualTo(8);
        assertThat(b.get("runningPods").asInt()).isEqualTo(5);
        assertThat(b.at("/mounts/pods").asInt()).isEqualTo(42);
        assertThat(b.at("/mounts/total").asDouble()).isCloseTo(42 + base, within(1e-6));
        assertThat(b.at("/mounts/assumed/persistentVolumeClaim").asInt()).isEqualTo(1);
        assertThat(b.at("/mounts/assumed/csi").asInt()).isEqualTo(1);
        assertThat(b.at("/churn/startedPods").asInt()).isEqualTo(2);
        assertThat(b.at("/churn/startedMounts").asInt()).isEqualTo(17);
        assertThat(b.at("/churn/restarts").asInt()).isEqualTo(1);
        assertThat(b.at("/load/eventsPerSecond").asDouble()).isCloseTo(36 / 600.0, within(1e-9));
        assertThat(b.get("outside").asBoolean()).as("far below the calibrated mounts").isTrue();
        assertThat(b.at("/off/outside").asString()).isNotEmpty();
        assertThat(b.at("/facts/kernelVersion").asString()).isEqualTo("5.14.0-427.el9.x86_64");

        for (JsonNode n : nodes) {
            assertThat(n.at("/off/cores").asDouble()).isPositive();
            assertThat(n.at("/off/low").asDouble()).isLessThanOrEqualTo(n.at("/off/cores").asDouble());
            assertThat(n.at("/off/high").asDouble()).isGreaterThan(n.at("/off/cores").asDouble());
            assertThat(n.at("/on/cores").asDouble()).as("the on model is degenerate at 0").isZero();
            assertThat(n.at("/on/low").isNull()).isTrue();
            assertThat(n.at("/saving/cores").asDouble()).isEqualTo(n.at("/off/cores").asDouble());
            assertThat(n.at("/saving/low").asDouble()).isEqualTo(n.at("/off/low").asDouble());
        }
        assertThat(root.at("/totals/nodes").asInt()).isEqualTo(2);
        assertThat(root.at("/totals/off/cores").asDouble()).isCloseTo(
                a.at("/off/cores").asDouble() + b.at("/off/cores").asDouble(), within(1e-12));
        assertThat(root.at("/totals/saving/cores").asDouble()).isEqualTo(root.at("/totals/off/cores").asDouble());
        List<String> caveats = new ArrayList<>();
        root.get("caveats").forEach(c -> caveats.add(c.asString()));
        assertThat(caveats).anyMatch(c -> c.startsWith("calibrated on lab: AMD EPYC, 2 CPUs, kernel 6.18.44-fc-v595, systemd 252 (252.38-1~deb12u1);"
                + " the nodes: Red Hat Enterprise Linux CoreOS 416, kernel 5.14.0-427.el9.x86_64, amd64,"
                + " cri-o://1.29.1, 4 CPUs"));
        assertThat(caveats).anyMatch(c -> c.startsWith("the API does not show a node's systemd version"));
        assertThat(caveats).anyMatch(c -> c.contains("ASSUMED one mount each: csi 1, persistentVolumeClaim 1"
                + " (on worker-b)"));
        assertThat(caveats).anyMatch(c -> c.startsWith("mount events/s over the last 10m: 2 x the mounts set up"));
        assertThat(caveats).anyMatch(c -> c.startsWith("3 pods not Running counted no mounts"));
        assertThat(caveats).anyMatch(c -> c.startsWith("worker-b lies outside the calibrated loads"));
        assertThat(caveats).anyMatch(c -> c.startsWith("worker-a lies outside the calibrated loads (mounts 0.6 of the"
                + " smallest calibrated (940) and events/s"));
        assertThat(caveats).anyMatch(c -> c.startsWith("calibrated on a lab node: calibrating on the cluster's own"));
    }

    @Test
    void theTableIsTheDefaultAndMarkdownHasTheTableAndTheCaveats() throws IOException {
        Path cal = calibration();
        int code = cli.run("estimate", "--calibration", cal.toString(), "--window", "10m", "--base-mounts", "300",
                "--kubeconfig", kubeconfig().toString());
        assertThat(code).as(cli.err()).isZero();
        String table = cli.out();
        assertThat(table).contains("base mounts: 300, given with --base-mounts", "node ", "off [95% PI]", "saving [95% PI]",
                "total over 2 nodes, in cores:", "caveats:");
        assertThat(table.lines().filter(l -> l.startsWith("worker-a ")).findFirst().orElseThrow())
                .contains(" 780 ", " 0.53 ");
        assertThat(table.lines().filter(l -> l.startsWith("worker-b ")).findFirst().orElseThrow())
                .contains(" 342 ", " 0.06 ").endsWith("outside");

        assertThat(cli.run("estimate", "--calibration", cal.toString(), "--window", "10m", "-o", "markdown",
                "--base-mounts", "47", "--kubeconfig", kubeconfig().toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("## What encapsulation would save",
                "| node | pods | running | mounts | assumed | events/s | off [95% PI] | on [95% PI] | saving [95% PI]",
                "| worker-b | 8 | 5 | 89 | 2 | 0.06 |", "### Caveats", "- the API does not show a node's systemd");
    }

    @Test
    void itOnlyReadsTheApiListingNodesAndPods() throws Exception {
        Path cal = calibration();
        Path config = kubeconfig();
        while (server.takeRequest(200, TimeUnit.MILLISECONDS) != null) {
            // the test's own setup
        }
        assertThat(cli.run("estimate", "--calibration", cal.toString(), "--kubeconfig", config.toString()))
                .as(cli.err()).isZero();
        List<String> requests = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS); r != null;
                r = server.takeRequest(200, TimeUnit.MILLISECONDS)) {
            requests.add(r.getMethod() + " " + r.getPath());
        }
        assertThat(requests).isNotEmpty().allMatch(r -> r.startsWith("GET "));
        assertThat(requests).anyMatch(r -> r.startsWith("GET /api/v1/nodes?labelSelector="));
        assertThat(requests).anyMatch(r -> r.startsWith("GET /api/v1/pods?") && r.contains("limit=500"));
        assertThat(requests).allMatch(r -> r.startsWith("GET /version") || r.startsWith("GET /api/v1/nodes?")
                || r.startsWith("GET /api/v1/pods?"));
        // The README's ClusterRole for estimate grants exactly this: get and list on nodes and pods.
        JsonNode role = readmeRole();
        assertThat(role.get("rules")).hasSize(1);
        JsonNode rule = role.get("rules").get(0);
        assertThat(rule.get("apiGroups").toString()).isEqualTo("[\"\"]");
        assertThat(rule.get("resources").toString()).isEqualTo("[\"nodes\",\"pods\"]");
        assertThat(rule.get("verbs").toString()).isEqualTo("[\"get\",\"list\"]");
    }

    /** The ClusterRole in the README's code block that names kubens-bench-estimate. */
    private static JsonNode readmeRole() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int name = readme.indexOf("name: kubens-bench-estimate");
        assertThat(name).as("the README has the ClusterRole").isPositive();
        int start = readme.lastIndexOf("```yaml\n", name) + "```yaml\n".length();
        JsonNode role = new YAMLMapper().readTree(readme.substring(start,
                readme.indexOf("```", name)));
        assertThat(role.get("kind").asString()).isEqualTo("ClusterRole");
        return role;
    }

    @Test
    void aCalibrationThatCannotPredictIsOneLineAndExitCode2() throws Exception {
        Path config = kubeconfig();
        assertThat(cli.run("estimate", "--calibration", dir.resolve("none").toString(), "--kubeconfig",
                config.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().strip()).isEqualTo("kubens-bench: " + dir.resolve("none") + ": no such directory");

        Path one = CompareCommandTest.results(dir.resolve("one-level"), 3, 0.2, 0.001);
        assertThat(cli.run("estimate", "--calibration", one.toString(), "--kubeconfig", config.toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err()).startsWith("kubens-bench: " + one).doesNotContain("\tat ");
        assertThat(cli.err().strip().lines()).hasSize(1);

        assertThat(cli.run("estimate", "--calibration", calibration().toString(), "-o", "yaml", "--kubeconfig",
                config.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().strip()).isEqualTo("kubens-bench: -o yaml: write one of table, json, markdown");

        assertThat(cli.run("estimate", "--calibration", calibration().toString(), "--selector", "role=nothing",
                "--kubeconfig", config.toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().strip()).isEqualTo("kubens-bench: no node matches --selector role=nothing"
                + " (kubectl get nodes -l role=nothing)");
    }

    @Test
    void anUnreachableApiServerIsTheClusterCommandsOneLine() throws Exception {
        Path config = Files.writeString(dir.resolve("dead"), "apiVersion: v1\nkind: Config\nclusters:\n- name: dead\n"
                + "  cluster: {server: 'https://127.0.0.1:1', insecure-skip-tls-verify: true}\n"
                + "users:\n- name: u\n  user: {token: t}\ncontexts:\n- name: dead\n  context: {cluster: dead, user: u}\n"
                + "current-context: dead\n");
        assertThat(cli.run("estimate", "--calibration", calibration().toString(), "--kubeconfig", config.toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().strip()).startsWith("kubens-bench: cannot reach the API server at https://127.0.0.1:1");
    }

    @Test
    void aUserWhoMayNotListPodsIsToldWhichPermissionIsMissing() throws Exception {
        server.expect().get().withPath("/api/v1/pods?limit=500").andReturn(403, new StatusBuilder().withCode(403)
                .withReason("Forbidden").withMessage("pods is forbidden: User \"dev\" cannot list resource \"pods\""
                        + " in API group \"\" at the cluster scope").build()).always();
        assertThat(cli.run("estimate", "--calibration", calibration().toString(), "--kubeconfig",
                kubeconfig().toString())).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().strip()).isEqualTo("kubens-bench: forbidden: you need permission to list pods (all"
                + " namespaces): pods is forbidden: User \"dev\" cannot list resource \"pods\" in API group \"\" at the"
                + " cluster scope");
    }

    /** The real results of lab-cost-model.yaml the tests keep, copied so nothing is written beside them. */
    private Path calibration() throws IOException {
        Path cal = dir.resolve("calibration");
        if (!Files.exists(cal)) {
            Files.createDirectories(cal);
            try (var files = Files.list(PredictCommandTest.CALIBRATION)) {
                for (Path f : files.toList()) {
                    Files.copy(f, cal.resolve(f.getFileName()));
                }
            }
        }
        return cal;
    }

    private Path kubeconfig() throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n"
                + "  cluster: {server: '" + client.getMasterUrl() + "', insecure-skip-tls-verify: true}\n"
                + "users:\n- name: u\n  user: {token: t}\ncontexts:\n- name: mock\n  context: {cluster: mock, user: u}\n"
                + "current-context: mock\n");
    }

    private String minutesAgo(long minutes) {
        return now.minus(minutes, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private void node(String name, boolean worker) {
        Map<String, String> labels = worker ? Map.of("kubernetes.io/hostname", name, "node-role.kubernetes.io/worker",
                "") : Map.of("kubernetes.io/hostname", name, "node-role.kubernetes.io/master", "");
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewStatus().withCapacity(Map.of("cpu", new Quantity("4")))
                .withNewNodeInfo().withKernelVersion("5.14.0-427.el9.x86_64").withArchitecture("amd64")
                .withOsImage("Red Hat Enterprise Linux CoreOS 416").withContainerRuntimeVersion("cri-o://1.29.1")
                .endNodeInfo().endStatus().build()).create();
    }

    private void pod(String node, String namespace, String name, String started, String phase, boolean hostNetwork,
                     boolean hostIpc, List<Volume> volumes, List<Container> init, List<Container> containers,
                     List<ContainerStatus> statuses) {
        List<ContainerStatus> initStatuses = init.stream().map(c -> new ContainerStatusBuilder().withName(c.getName())
                .withNewState().withNewTerminated().withExitCode(0).endTerminated().endState().build()).toList();
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withNodeName(node).withHostNetwork(hostNetwork).withHostIPC(hostIpc)
                .withInitContainers(init).withContainers(containers).withVolumes(volumes).endSpec()
                .withNewStatus().withPhase(phase).withStartTime(started)
                .withInitContainerStatuses(initStatuses).withContainerStatuses(statuses).endStatus().build();
        client.pods().inNamespace(namespace).resource(pod).create();
    }

    private static Container container(String name) {
        return new ContainerBuilder().withName(name).withImage("busybox").build();
    }

    private static Volume secret(String name) {
        return new VolumeBuilder().withName(name).withNewSecret().withSecretName(name).endSecret().build();
    }

    private static Volume projected() {
        return new VolumeBuilder().withName("kube-api-access").withNewProjected().endProjected().build();
    }

    /** A running container; {@code lastFinished} when it ran before and finished then (a restart). */
    private static ContainerStatus running(String name, String lastFinished) {
        ContainerStatusBuilder b = new ContainerStatusBuilder().withName(name).withNewState().withNewRunning()
                .endRunning().endState();
        if (lastFinished != null) {
            b.withRestartCount(1).withNewLastState().withNewTerminated().withExitCode(1).withFinishedAt(lastFinished)
                    .endTerminated().endLastState();
        }
        return b.build();
    }
}
