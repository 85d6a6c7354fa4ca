package io.kubensbench.analysis.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results directory: written once, appended per run, read back whatever a crash left. */
class ResultsStoreTest {

    static RunRecord run(int index, String attempt, boolean valid, String reason) {
        return RunRecord.builder()
                .index(index)
                .attempt(attempt)
                .repetition(1)
                .level("pods=10")
                .pods(10)
                .arm("off")
                .encapsulation("off")
                .node("lab-x")
                .startedAt("t0")
                .endedAt("t1")
                .measureNs(10_000_000_000L)
                .systemdSchedNs(500_000_000L)
                .systemdStatTicks(50)
                .ticksPerSecond(100)
                .mountEvents(140)
                .systemdMounts(180)
                .kubeletMounts(180)
                .systemdMntNs("mnt:[1]")
                .kubeletMntNs("mnt:[1]")
                .runtimeMntNs("mnt:[1]")
                .samples(10)
                .valid(valid)
                .invalidReason(reason)
                .build();
    }

    static SampleRecord sample(int run, String attempt, long seq) {
        return new SampleRecord(run, attempt, seq, seq * 1_000_000_000L, "measure", seq * 100, seq, 0, 0, 0.1,
                40, 40, "mnt:[1]", "mnt:[1]", null);
    }

    static final CampaignRecord CAMPAIGN = new CampaignRecord("x", "lab",
            List.of(new CampaignRecord.Arm("off", "off", CampaignRecord.BASELINE),
                    new CampaignRecord.Arm("on", "on", CampaignRecord.CANDIDATE)),
            List.of(new CampaignRecord.Level("pods=10", 10, 14, 5.0)),
            new CampaignRecord.Schedule(5, 20, 3, "interleaved", 1), 1.0);

    static final TargetTraits TRAITS = new TargetTraits("lab", TargetTraits.ArmSwitching.IN_PLACE, 2, 0.005, 120,
            TargetTraits.MountEvents.COUNTED, "the harness", 60, "nothing");

    static ResultsStore create(Path dir, String yaml) throws java.io.IOException {
        return ResultsStore.create(dir, yaml, CAMPAIGN, TRAITS, env());
    }

    private static Environment env() {
        return new Environment("kubens-bench dev", "lab", "h", "6.18", "systemd 252", "cpu", 2, 1L << 30,
                "java 17", "boot", "2026-11-27T00:00:00Z", null, List.of("h"));
    }

    @Test
    void writesCampaignAndEnvironmentThenAppendsRuns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r");
        ResultsStore store = create(out, "name: x\n");
        store.append(run(0, "a", true, null), List.of(sample(0, "a", 0), sample(0, "a", 1)));
        store.append(run(1, "b", true, null), List.of(sample(1, "b", 0)));
        ResultsDir read = new ResultsDir(out);
        assertThat(read.campaignYaml()).isEqualTo("name: x\n");
        assertThat(read.environment()).isEqualTo(env());
        assertThat(read.runs()).extracting(RunRecord::index).containsExactly(0, 1);
        assertThat(read.runs().get(0).systemdCores()).isEqualTo(0.05);
        List<SampleRecord> samples = new java.util.ArrayList<>();
        read.samples(samples::add);
        assertThat(samples).hasSize(3);
    }

    @Test
    void refusesToOverwriteACampaign(@TempDir Path dir) throws Exception {
        create(dir, "name: x\n");
        assertThatThrownBy(() -> create(dir, "name: y\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already holds a campaign: use --resume");
        assertThat(Files.readString(dir.resolve("campaign.yaml"))).isEqualTo("name: x\n");
    }

    @Test
    void interruptedRunsAreRedoneOnResumeAndSupersededWhenRead(@TempDir Path dir) throws Exception {
        ResultsStore store = create(dir, "name: x\n");
        store.append(run(0, "a", true, null), List.of(sample(0, "a", 0)));
        store.append(run(1, "b", false, "the namespaces do not show encapsulation on"), List.of());
        store.append(run(2, "c", false, RunRecord.INTERRUPTED + " by the user"), List.of(sample(2, "c", 0)));
        ResultsStore resumed = ResultsStore.resume(dir);
        assertThat(resumed.doneIndexes()).containsExactlyInAnyOrder(0, 1);
        resumed.append(run(2, "d", true, null), List.of(sample(2, "d", 0), sample(2, "d", 1)));
        ResultsDir read = new ResultsDir(dir);
        assertThat(read.allRuns()).hasSize(4);
        assertThat(read.runs()).extracting(RunRecord::attempt).containsExactly("a", "b", "d");
        List<SampleRecord> samples = new java.util.ArrayList<>();
        read.samples(samples::add);
        assertThat(samples).extracting(SampleRecord::attempt).containsExactly("a", "d", "d");
    }

    @Test
    void aLineCutShortByAKillIsSkipped(@TempDir Path dir) throws Exception {
        ResultsStore store = create(dir, "name: x\n");
        store.append(run(0, "a", true, null), List.of());
        Files.writeString(dir.resolve("runs.jsonl"), "{\"index\":1,\"attempt\":\"b\",\"repet", StandardOpenOption.APPEND);
        assertThat(new ResultsDir(dir).runs()).extracting(RunRecord::index).containsExactly(0);
        ResultsStore resumed = ResultsStore.resume(dir);
        assertThat(resumed.doneIndexes()).containsExactly(0);
        resumed.append(run(1, "c", true, null), List.of());
        assertThat(new ResultsDir(dir).runs()).extracting(RunRecord::attempt).containsExactly("a", "c");
    }

    @Test
    void resumingSomethingElseIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> ResultsStore.resume(dir.resolve("nope"))).hasMessageEndingWith("no such directory");
        assertThatThrownBy(() -> ResultsStore.resume(dir)).hasMessageContaining("not a kubens-bench results directory");
    }

    @Test
    void rolloutsAreAppendedAsTheyEndAndReadBackInOrderTheirSegmentsWithThem(@TempDir Path dir) throws Exception {
        ResultsStore store = create(dir, "name: x\n");
        RolloutRecord first = new RolloutRecord(null, "off", "on", "t0", "t1", 1_872_000_000_000L,
                List.of("99-kubens-worker"), List.of(new RolloutRecord.Pool("worker", 3)), 3, RolloutRecord.OK, null)
                .withRun(6);
        RolloutRecord second = new RolloutRecord(15, "on", "off", "t2", "t3", 4_200_000_000_000L,
                List.of("99-kubens-worker"), List.of(new RolloutRecord.Pool("worker", 3)), 3, RolloutRecord.TIMEOUT,
                "MachineConfigPools not rolled out after 1h10m: worker (1/3 machines updated)");

        store.appendRollout(first);
        store.append(run(6, "a6", true, null).toBuilder().segment(1).build(), List.of());
        store.appendRollout(second);

        ResultsDir read = new ResultsDir(dir);
        assertThat(read.rollouts()).containsExactly(first, second);
        assertThat(read.rollouts().get(0).run()).isEqualTo(6);
        assertThat(read.rollouts().get(0).ok()).isTrue();
        assertThat(read.rollouts().get(1).ok()).isFalse();
        assertThat(read.runs().get(0).segment()).isEqualTo(1);
        assertThat(read.manifest().fields()).containsKey("segment");

        Files.writeString(dir.resolve(ResultsDir.ROLLOUTS), "{not json\n", StandardOpenOption.APPEND);
        assertThat(read.rollouts()).hasSize(2);
        assertThat(read.unreadable()).singleElement().satisfies(u -> assertThat(u.describe())
                .startsWith(dir.resolve(ResultsDir.ROLLOUTS) + " line 3: "));
    }

    @Test
    void aDirectoryWithoutRolloutsOrSegmentsReadsAsNoneAndUnknown(@TempDir Path dir) throws Exception {
        create(dir, "name: x\n").append(run(0, "a0", true, null), List.of());

        assertThat(new ResultsDir(dir).rollouts()).isEmpty();
        assertThat(new ResultsDir(dir).runs().get(0).segment()).isNull();
    }
}
