package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jar users run, run the way they run it: {@code java -jar kubens-bench.jar} in a JVM of its
 * own, with nothing on its class path but what the shade put in. Unit tests run on the modules'
 * class paths; only this test sees a class, a service file or a dependency the jar lost. It runs
 * in {@code mvn verify}, after the jar is built; the failsafe configuration names the jar.
 */
@EnableKubernetesMockClient(crud = true)
class ShippedJarIT {

    /** What the jar may weigh: it is downloaded and copied onto jump hosts. */
    static final long MAX_BYTES = 20_000_000;

    private static final Path JAR = jar();
    private static final Path CAMPAIGNS = Path.of("..", "workloads", "campaigns");
    private static final Path CALIBRATION = PredictCommandTest.CALIBRATION;
    private static final Pattern COMMAND = Pattern.compile("^ {2}([a-z][a-z-]*) ");

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void isAtMostTwentyMegabytesWithOneJacksonAndOneYamlParser() throws IOException {
        assertThat(Files.size(JAR)).as("bytes of %s", JAR).isLessThanOrEqualTo(MAX_BYTES);
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> second = jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("com/fasterxml/jackson/core/") || n.startsWith("com/fasterxml/jackson/databind/")
                            || n.startsWith("org/yaml/snakeyaml/"))
                    .limit(3).toList();
            assertThat(second).as("Jackson 2 or snakeyaml 1 classes beside Jackson 3's").isEmpty();
        }
    }

    /** Every command the top-level help lists answers {@code --help}; a new command is checked too. */
    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelp() throws Exception {
        Run top = kubensBench("--help");
        assertThat(top.code()).as(top.err()).isZero();
        List<String> commands = new ArrayList<>();
        boolean listing = false;
        for (String line : top.out().lines().toList()) {
            listing |= line.equals("Commands:");
            Matcher m = COMMAND.matcher(line);
            if (listing && m.find()) {
                commands.add(m.group(1));
            }
        }
        assertThat(commands).contains("plan", "analyze", "report", "compare", "predict", "estimate");
        return commands.stream().map(command -> command.equals("jmh") ? DynamicTest.dynamicTest("jmh -l", () -> {
            // jmh hands every argument to JMH, whose help is -h; -l shows its benchmark list survived the shade
            Run list = kubensBench("jmh", "-l");
            assertThat(list.code()).as(list.err()).isZero();
            assertThat(list.out()).contains("io.kubensbench.bench.jmh.AnalysisBenchmark.analyzeCampaign");
        }) : DynamicTest.dynamicTest(command + " --help", () -> {
            Run help = kubensBench(command, "--help");
            assertThat(help.code()).as(help.err()).isZero();
            // picocli's own help command puts its description above the usage line
            assertThat(help.out()).containsPattern("(?m)^Usage: kubens-bench " + command + " ");
        }));
    }

    @TestFactory
    Stream<DynamicTest> plansEveryShippedCampaign() throws IOException {
        List<Path> campaigns;
        try (Stream<Path> files = Files.list(CAMPAIGNS)) {
            campaigns = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(campaigns).isNotEmpty();
        return campaigns.stream().map(file -> DynamicTest.dynamicTest("plan " + file.getFileName(), () -> {
            Run plan = kubensBench("plan", file.toString());
            assertThat(plan.code()).as(plan.err()).isZero();
            assertThat(plan.out()).startsWith("campaign   " + file.getFileName().toString().replace(".yaml", ""));
        }));
    }

    /** The commands a laptop runs on results brought home: analyze, report, compare and predict. */
    @Test
    void analyzesReportsComparesAndPredictsFromTheLabCalibration() throws Exception {
        Path results = copy(CALIBRATION, dir.resolve("results"));
        Path again = copy(CALIBRATION, dir.resolve("again"));

        Run analyze = kubensBench("analyze", results.toString());
        assertThat(analyze.code()).as(analyze.err()).isZero();
        assertThat(analyze.out()).contains("load model, off:", "summary: " + results.resolve("summary.json"));
        assertThat(json(Files.readString(results.resolve("summary.json"))).get("campaign").asString())
                .isEqualTo("lab-cost-model");

        Run report = kubensBench("report", results.toString());
        assertThat(report.code()).as(report.err()).isZero();
        assertThat(results.resolve("report").resolve("index.html")).isNotEmptyFile();
        assertThat(results.resolve("report").resolve("dose-response.png")).isNotEmptyFile();

        Run compare = kubensBench("compare", results.toString(), again.toString(), "--junit",
                dir.resolve("junit.xml").toString());
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(compare.out()).contains("PASS: 6 levels compared");
        assertThat(dir.resolve("junit.xml")).content().contains("<testsuite");

        Run predict = kubensBench("predict", results.toString(), "--mounts", "1500", "--events", "50", "-o", "json");
        assertThat(predict.code()).as(predict.err()).isZero();
        JsonNode prediction = json(predict.out());
        assertThat(prediction.at("/calibration/campaign").asString()).isEqualTo("lab-cost-model");
        assertThat(prediction.at("/off/cores").asDouble()).isPositive();
    }

    /** estimate reads a cluster through fabric8's client: the model classes the jar kept must do. */
    @Test
    void estimatesAMockClustersNodeThroughAKubeconfig() throws Exception {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-a")
                .withLabels(Map.of("kubernetes.io/hostname", "worker-a", "node-role.kubernetes.io/worker", ""))
                .endMetadata().withNewStatus().withCapacity(Map.of("cpu", new Quantity("4"))).withNewNodeInfo()
                .withKernelVersion("5.14.0-427.el9.x86_64").withArchitecture("amd64").endNodeInfo().endStatus()
                .build()).create();
        String started = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        for (int i = 0; i < 3; i++) {
            client.pods().inNamespace("apps").resource(new PodBuilder().withNewMetadata().withName("app-" + i)
                    .withNamespace("apps").endMetadata().withNewSpec().withNodeName("worker-a").addNewContainer()
                    .withName("c").withImage("app").endContainer().addNewVolume().withName("s").withNewSecret()
                    .withSecretName("s").endSecret().endVolume().endSpec().withNewStatus().withPhase("Running")
                    .withStartTime(started).addNewContainerStatus().withName("c").withNewState().withNewRunning()
                    .withStartedAt(started).endRunning().endState().endContainerStatus().endStatus().build()).create();
        }
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n"
                + "- name: mock\n  cluster: {server: '" + client.getMasterUrl() + "', insecure-skip-tls-verify: true}\n"
                + "users:\n- name: u\n  user: {token: t}\ncontexts:\n- name: mock\n  context: {cluster: mock, user: u}\n"
                + "current-context: mock\n");

        Run estimate = kubensBench("estimate", "--calibration", copy(CALIBRATION, dir.resolve("cal")).toString(),
                "--kubeconfig", kubeconfig.toString(), "-o", "json");

        assertThat(estimate.code()).as(estimate.err()).isZero();
        JsonNode nodes = json(estimate.out()).get("nodes");
        assertThat(nodes).hasSize(1);
        assertThat(nodes.get(0).get("name").asString()).isEqualTo("worker-a");
        assertThat(nodes.get(0).get("pods").asInt()).isEqualTo(3);
    }

    private static Path jar() {
        String jar = System.getProperty("kubensbench.jar");
        if (jar == null) {
            throw new IllegalStateException("kubensbench.jar is not set: run this test with mvn verify, whose"
                    + " failsafe configuration names the jar");
        }
        return Path.of(jar);
    }

    /** What one invocation of the jar printed and how it ended. */
    private record Run(int code, String out, String err) {
    }

    /**
     * Runs the jar in a JVM of its own, as a user does. The machine's kubeconfig stays out of
     * it: HOME is a directory of the test's and KUBECONFIG is unset.
     */
    private Run kubensBench(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("KUBECONFIG");
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("kubens-bench " + String.join(" ", args) + " did not end");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static JsonNode json(String text) {
        return new JsonMapper().readTree(text);
    }
}
