package io.kubensbench.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.kubensbench.workloads.spec.Churn;
import io.kubensbench.workloads.spec.VolumeCounts;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a valid campaign file means: defaults, arms, levels and their names, targets. */
class CampaignReaderTest {

    static final String HEAD = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: test
            target: {lab: {}}
            """;

    private final CampaignReader reader = new CampaignReader(new LabCapacity(LabCapacity.DEFAULT_MOUNT_MAX));

    private CampaignSpec parse(String body) {
        return reader.parse(HEAD + body, "c.yaml");
    }

    @Test
    void aMinimalCampaignTakesEveryDefault() {
        CampaignSpec c = parse("workload: {}\narms: [off, on]\n");

        assertThat(c.name()).isEqualTo("test");
        assertThat(c.target()).isEqualTo(TargetSpec.onLab());
        assertThat(c.workload()).isEqualTo(WorkloadSpec.defaults());
        assertThat(c.levels()).containsExactly(new Level("pods=50", WorkloadSpec.defaults()));
        assertThat(c.arms()).containsExactly(new ArmSpec("off", Encapsulation.OFF),
                new ArmSpec("on", Encapsulation.ON));
        assertThat(c.baseline().name()).isEqualTo("off");
        assertThat(c.candidate().name()).isEqualTo("on");
        assertThat(c.schedule()).isEqualTo(new Schedule(Duration.ofSeconds(5), Duration.ofSeconds(20), 3,
                Order.INTERLEAVED, 1));
        assertThat(c.sampling()).isEqualTo(new SamplingSpec(Duration.ofSeconds(1)));
    }

    @Test
    void offAndOnAreWordsNotBooleans() {
        CampaignSpec c = parse("workload: {}\narms: [on, off]\n");

        assertThat(c.arms()).extracting(ArmSpec::name).containsExactly("on", "off");
        assertThat(c.baseline().state()).isEqualTo(Encapsulation.ON);
    }

    @Test
    void namedArmsAllowAnAaCalibration() {
        CampaignSpec c = parse("""
                workload: {}
                arms: [{name: off-a, encapsulation: off}, {name: off-b, encapsulation: off}]
                """);

        assertThat(c.arms()).containsExactly(new ArmSpec("off-a", Encapsulation.OFF),
                new ArmSpec("off-b", Encapsulation.OFF));
    }

    @Test
    void everyScheduleAndSamplingFieldIsRead() {
        CampaignSpec c = parse("""
                workload: {}
                arms: [off, on]
                schedule: {warmup: 0s, measure: 1m30s, repetitions: 1000, order: random, seed: 9007199254740993}
                sampling: {interval: 250ms}
                """);

        assertThat(c.schedule()).isEqualTo(new Schedule(Duration.ZERO, Duration.ofSeconds(90), 1000, Order.RANDOM,
                9007199254740993L));
        assertThat(c.sampling().interval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void withoutAnOrderTheTargetsWayOfSwitchingArmsChoosesIt() {
        String body = "workload: {}\narms: [off, on]\n";
        String rollout = HEAD.replace("target: {lab: {}}", "target: {cluster: {encapsulation: machineconfig}}");
        String byHand = HEAD.replace("target: {lab: {}}", "target: {cluster: {encapsulation: manual}}");

        assertThat(reader.parse(HEAD + body, "c.yaml").schedule().order()).as("lab: in place").isEqualTo(Order.INTERLEAVED);
        assertThat(reader.parse(rollout + body, "c.yaml").schedule().order()).as("machineconfig: rollouts")
                .isEqualTo(Order.ABA);
        assertThat(reader.parse(byHand + body, "c.yaml").schedule().order()).as("manual: by hand")
                .isEqualTo(Order.BLOCKED);
        assertThat(reader.parse(rollout + body + "schedule: {measure: 30s}\n", "c.yaml").schedule().order())
                .as("a schedule without an order too").isEqualTo(Order.ABA);
    }

    @Test
    void anOrderTheFileNamesIsKeptWhateverTheTarget() {
        String rollout = HEAD.replace("target: {lab: {}}", "target: {cluster: {encapsulation: machineconfig}}");
        for (Order order : Order.values()) {
            String body = "workload: {}\narms: [off, on]\nschedule: {order: " + order.label() + "}\n";

            assertThat(reader.parse(rollout + body, "c.yaml").schedule().order()).isEqualTo(order);
            assertThat(reader.parse(HEAD + body, "c.yaml").schedule().order()).isEqualTo(order);
        }
    }

    @Test
    void abaWithTwoRepetitionsIsTheSmallestItRuns() {
        CampaignSpec c = parse("workload: {}\narms: [off, on]\nschedule: {repetitions: 2, order: aba}\n");

        assertThat(c.schedule().repetitions()).isEqualTo(2);
        assertThatThrownBy(() -> new Schedule(Duration.ofSeconds(1), Duration.ofSeconds(2), 1, Order.ABA, 1))
                .isInstanceOf(InvalidCampaignException.class).hasMessageStartingWith("schedule.repetitions: must be at"
                        + " least 2 with order aba");
    }

    @Test
    void aBaseVolumeMapListsThePodsVolumesAndUnnamedKindsAreZero() {
        CampaignSpec c = parse("workload: {pods: 10, volumesPerPod: {secret: 2, configMap: 3}}\narms: [off, on]\n");

        assertThat(c.workload().volumesPerPod()).isEqualTo(new VolumeCounts(2, 0, 3, 0, 0, 0));
    }

    @Test
    void aLevelChangesOnlyWhatItNamesAndItsVolumesMergeOverTheBase() {
        CampaignSpec c = parse("""
                workload:
                  pods: 100
                  containersPerPod: 3
                  volumesPerPod: {secret: 2, projected: 1, configMap: 3}
                  churn: {podsPerSecond: 5}
                levels:
                  - {volumesPerPod: {secret: 8, emptyDirDisk: 1}}
                  - {pods: 20}
                arms: [off, on]
                """);

        WorkloadSpec merged = c.levels().get(0).workload();
        assertThat(merged).isEqualTo(new WorkloadSpec(100, 3, new VolumeCounts(8, 1, 3, 0, 0, 1), new Churn(5)));
        assertThat(c.levels().get(1).workload()).isEqualTo(c.workload().withPods(20));
    }

    @Test
    void levelsAreNamedAfterWhatTheyChangeInAFixedOrder() {
        CampaignSpec c = parse("""
                workload: {pods: 100}
                levels:
                  - {pods: 50}
                  - {churn: {podsPerSecond: 0.5}, pods: 200}
                  - {volumesPerPod: {emptyDirMemory: 4, secret: 8}, containersPerPod: 1}
                  - {name: heavy, pods: 300}
                arms: [off, on]
                """);

        assertThat(c.levels()).extracting(Level::name).containsExactly("pods=50", "pods=200,churn=0.5",
                "containersPerPod=1,secret=8,emptyDirMemory=4", "heavy");
        assertThat(c.levels().get(3).workload().pods()).isEqualTo(300);
    }

    @Test
    void withoutLevelsTheBaseWorkloadIsTheOnlyLevel() {
        CampaignSpec c = parse("workload: {pods: 120}\narms: [off, on]\n");

        assertThat(c.levels()).containsExactly(Level.base(c.workload()));
        assertThat(c.levels().get(0).name()).isEqualTo("pods=120");
    }

    @Test
    void aClusterTargetTakesDefaultsForNamespaceAndImage() {
        CampaignSpec c = reader.parse("""
                apiVersion: kubens-bench/v1
                kind: Campaign
                name: on a cluster
                target:
                  cluster:
                    context: perf-lab
                    nodeSelector: {node-role.kubernetes.io/worker: "", kubernetes.io/arch: amd64}
                    encapsulation: manual
                workload: {pods: 9000}
                arms: [off, on]
                """, "c.yaml");

        ClusterTargetSpec cluster = c.target().cluster();
        assertThat(c.target().isLab()).isFalse();
        assertThat(cluster).isEqualTo(new ClusterTargetSpec("perf-lab",
                Map.of("node-role.kubernetes.io/worker", "", "kubernetes.io/arch", "amd64"), "manual",
                "kubens-bench", ClusterTargetSpec.DEFAULT_IMAGE, 20.0, 40, false));
        assertThat(cluster.nodeSelector().keySet()).containsExactly("node-role.kubernetes.io/worker",
                "kubernetes.io/arch");
        assertThat(c.workload().pods()).as("a lab's limits do not apply to a cluster").isEqualTo(9000);
    }

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    private CampaignSpec cluster(String fields) {
        return reader.parse("""
                apiVersion: kubens-bench/v1
                kind: Campaign
                name: on a cluster
                target: {cluster: {encapsulation: manual, %s}}
                workload: {pods: 1}
                arms: [off, on]
                """.formatted(fields), "c.yaml");
    }

    @Test
    void anImageMayBePinnedByDigestAndTheProbeMayBeRootOnlyWhenAskedFor() {
        ClusterTargetSpec pinned = cluster("image: \"quay.example/ubi9/ubi-minimal:9.4@" + DIGEST + "\","
                + " probeAsRoot: true").target().cluster();
        ClusterTargetSpec tagged = cluster("image: busybox").target().cluster();

        assertThat(pinned.imageReference().pinned()).isTrue();
        assertThat(pinned.imageReference().pinning()).isEqualTo("pinned by digest");
        assertThat(pinned.probeAsRoot()).isTrue();
        assertThat(tagged.imageReference().pinned()).isFalse();
        assertThat(tagged.imageReference().pinning()).isEqualTo("not pinned: the tag latest can be moved to other"
                + " content; give NAME@sha256:... to pin it");
        assertThat(tagged.probeAsRoot()).isFalse();
        assertThat(new ImageReference("registry:5000/ubi:9.4").pinning()).startsWith("not pinned: the tag 9.4 ");
    }

    @Test
    void aBadDigestOrAProbeAsRootThatIsNoBooleanIsRefusedNamingTheField() {
        assertThatThrownBy(() -> cluster("image: busybox@sha256:abc")).isInstanceOf(InvalidCampaignException.class)
                .hasMessageContaining("target.cluster.image").hasMessageContaining("must be NAME[:TAG]@sha256:<64"
                        + " lowercase hex digits> when it has a digest (got \"busybox@sha256:abc\")");
        assertThatThrownBy(() -> cluster("image: \"@" + DIGEST + "\"")).isInstanceOf(InvalidCampaignException.class)
                .hasMessageContaining("target.cluster.image");
        assertThatThrownBy(() -> cluster("probeAsRoot: yes please")).isInstanceOf(InvalidCampaignException.class)
                .hasMessageContaining("target.cluster.probeAsRoot").hasMessageContaining("must be true or false");
    }

    @Test
    void theNameMayBeAnyPrintableText() {
        String name = "Test \"<b>&</b>\" \u00e9t\u00e9 \uD83D\uDC69\u200D\uD83D\uDCBB";

        CampaignSpec c = reader.parse(HEAD.replace("name: test", "name: '" + name + "'")
                + "workload: {}\narms: [off, on]\n", "c.yaml");

        assertThat(c.name()).isEqualTo(name);
    }

    @Test
    void aNameWithAControlOrBidiCharacterIsRefused() {
        assertThatThrownBy(() -> reader.parse(HEAD.replace("name: test", "name: \"a\\tb\"")
                + "workload: {}\narms: [off, on]\n", "c.yaml"))
                .hasMessage("c.yaml: name: must be printable text (character 2 is U+0009)");
        assertThatThrownBy(() -> reader.parse(HEAD.replace("name: test", "name: \"a\\u202Eb\"")
                + "workload: {}\narms: [off, on]\n", "c.yaml"))
                .hasMessage("c.yaml: name: must be printable text (character 2 is U+202E)");
        assertThatThrownBy(() -> reader.parse(HEAD.replace("name: test", "name: " + "x".repeat(64))
                + "workload: {}\narms: [off, on]\n", "c.yaml"))
                .hasMessage("c.yaml: name: must be at most 63 characters (got 64)");
    }

    @Test
    void theLabLimitComesFromTheReadersCapacity() {
        CampaignReader small = new CampaignReader(new LabCapacity(20_000));
        String body = HEAD + "workload: {pods: 1000}\narms: [off, on]\n";

        assertThat(small.parse(body, "c.yaml").workload().pods()).isEqualTo(1000);
        assertThatThrownBy(() -> small.parse(body.replace("1000", "2000"), "c.yaml"))
                .isInstanceOf(InvalidCampaignException.class)
                .hasMessage("c.yaml: workload.pods: 2000 pods x 15 mounts = 30000 mounts,"
                        + " more than a lab node holds (mount-max 20000)");
    }

    @Test
    void aLevelThatDoesNotSetPodsIsBlamedAsAWhole() {
        CampaignReader small = new CampaignReader(new LabCapacity(20_000));

        assertThatThrownBy(() -> small.parse(HEAD + "workload: {pods: 1000}\nlevels: [{pods: 10},"
                + " {volumesPerPod: {secret: 20}}]\narms: [off, on]\n", "c.yaml"))
                .hasMessage("c.yaml: levels[1]: 1000 pods x 31 mounts = 31000 mounts,"
                        + " more than a lab node holds (mount-max 20000)");
    }

    @Test
    void aMissingFileIsOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> reader.read(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> reader.read(dir))
                .hasMessage(dir + ": is a directory, not a campaign file");
    }

    @Test
    void aFileThatIsNotUtf8IsOneLine(@TempDir Path dir) throws IOException {
        Path latin1 = Files.write(dir.resolve("c.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xe9});

        assertThatThrownBy(() -> reader.read(latin1)).hasMessage(latin1 + ": is not UTF-8 text");
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "workloads", "campaigns"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleCampaignParses(Path file) throws IOException {
        CampaignSpec c = reader.read(file);

        assertThat(c.name()).isEqualTo(file.getFileName().toString().replace(".yaml", ""));
        assertThat(Files.readString(file)).as("starts with a comment saying how to run it")
                .startsWith("# ").contains("./kubens-bench run workloads/campaigns/" + file.getFileName());
    }

    @Test
    void theExamplesSayWhatTheBriefAsks() {
        Path dir = Path.of("..", "workloads", "campaigns");
        CampaignSpec quick = reader.read(dir.resolve("lab-quick.yaml"));
        CampaignSpec dose = reader.read(dir.resolve("lab-dose-response.yaml"));
        CampaignSpec aa = reader.read(dir.resolve("lab-aa.yaml"));
        CampaignSpec costModel = reader.read(dir.resolve("lab-cost-model.yaml"));
        CampaignSpec cluster = reader.read(dir.resolve("cluster-node-density-mounts.yaml"));

        assertThat(quick.workload()).isEqualTo(new WorkloadSpec(50, 2, VolumeCounts.defaults(), new Churn(5)));
        assertThat(quick.schedule()).isEqualTo(new Schedule(Duration.ofSeconds(2), Duration.ofSeconds(4), 3,
                Order.INTERLEAVED, 1));
        assertThat(dose.levels()).extracting(Level::name)
                .containsExactly("pods=25", "pods=100", "pods=250", "pods=500");
        assertThat(dose.levels()).allSatisfy(l -> assertThat(l.workload().churn()).isEqualTo(new Churn(5)));
        // The load model's calibration: pods and churn varied apart, from a churn where
        // systemd's re-reads still follow the events to one where they level off.
        assertThat(costModel.levels()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(costModel.levels().stream().map(l -> l.workload().pods()).distinct()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(costModel.levels().stream().map(l -> l.workload().churn().podsPerSecond()).distinct())
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(costModel.levels()).anySatisfy(l -> assertThat(l.workload().churn().podsPerSecond())
                .isLessThanOrEqualTo(1));
        assertThat(costModel.levels()).anySatisfy(l -> assertThat(l.workload().churn().podsPerSecond())
                .isGreaterThanOrEqualTo(10));
        assertThat(costModel.arms()).extracting(ArmSpec::state).containsExactly(Encapsulation.OFF, Encapsulation.ON);
        assertThat(aa.arms()).extracting(ArmSpec::name, ArmSpec::state).containsExactly(
                tuple("off-a", Encapsulation.OFF), tuple("off-b", Encapsulation.OFF));
        assertThat(aa.schedule().repetitions()).isEqualTo(4);
        assertThat(cluster.target().cluster().encapsulation()).isEqualTo(ClusterTargetSpec.MACHINECONFIG);
        assertThat(cluster.target().cluster().nodeSelector()).isEqualTo(Map.of("node-role.kubernetes.io/worker", ""));
        assertThat(cluster.levels()).extracting(l -> l.workload().pods()).containsExactly(50, 100, 200);
        assertThat(cluster.schedule().measure()).isEqualTo(Duration.ofSeconds(60));
        assertThat(List.of(quick, dose, aa, costModel)).allSatisfy(c -> assertThat(c.target().isLab()).isTrue());
    }
}
