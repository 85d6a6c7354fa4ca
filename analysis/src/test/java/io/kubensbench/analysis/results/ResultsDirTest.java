package io.kubensbench.analysis.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The directory describes itself, older directories still read, and damage is named. */
class ResultsDirTest {

    @TempDir
    Path dir;

    private static RunRecord run(int index, String attempt, String node, boolean valid, String reason) {
        return ResultsStoreTest.run(index, attempt, valid, reason).toBuilder().node(node).build();
    }

    @Test
    void aNewDirectoryHoldsItsVersionCampaignTraitsAndFieldMeanings() throws Exception {
        ResultsStoreTest.create(dir, "name: x\n");
        JsonNode file = ResultsDir.mapper().readTree(dir.resolve(ResultsDir.MANIFEST).toFile());
        assertThat(file.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(file.path("campaign").path("arms").get(1).path("role").asString()).isEqualTo("candidate");
        assertThat(file.path("traits").path("armSwitching").asString()).isEqualTo("IN_PLACE");
        assertThat(file.path("fields").path("mountEvents").asString()).contains("counted");

        ResultsManifest read = new ResultsDir(dir).manifest();
        assertThat(read.schemaVersion()).isEqualTo(ResultsManifest.SCHEMA_VERSION);
        assertThat(read.campaign()).isEqualTo(ResultsStoreTest.CAMPAIGN);
        assertThat(read.traits()).isEqualTo(ResultsStoreTest.TRAITS);
        assertThat(read.fields()).isEqualTo(ResultsStoreTest.TRAITS.fieldMeanings());
    }

    @Test
    void aVersionOneDirectoryDerivesItsCampaignFromTheFileWithoutCheckingIt() throws Exception {
        Files.writeString(dir.resolve(ResultsDir.CAMPAIGN), """
                apiVersion: kubens-bench/v1
                kind: Campaign
                name: big
                target: {lab: {}}
                workload: {pods: 9000, churn: {podsPerSecond: 5}}
                levels: [{pods: 25}, {pods: 9000, churn: {podsPerSecond: 2.5}}, {volumesPerPod: {secret: 8}},
                         {name: custom, pods: 7}]
                arms: [off, {name: on-b, encapsulation: on}]
                """);
        ResultsManifest m = new ResultsDir(dir).manifest();
        assertThat(m.schemaVersion()).isEqualTo(1);
        assertThat(m.traits()).isNull();
        assertThat(m.fields()).isNull();
        CampaignRecord c = m.campaign();
        assertThat(c.name()).isEqualTo("big");
        assertThat(c.target()).isEqualTo("lab");
        assertThat(c.baseline()).isEqualTo(new CampaignRecord.Arm("off", "off", "baseline"));
        assertThat(c.candidate()).isEqualTo(new CampaignRecord.Arm("on-b", "on", "candidate"));
        assertThat(c.levels()).extracting(CampaignRecord.Level::name)
                .containsExactly("pods=25", "pods=9000,churn=2.5", "secret=8", "custom");
        assertThat(c.levels()).extracting(CampaignRecord.Level::pods).containsExactly(25, 9000, 9000, 7);
        assertThat(c.levels().get(0).churnPodsPerSecond()).isEqualTo(5.0);
        assertThat(c.schedule()).isNull();
    }

    @Test
    void aVersionOneCampaignWithoutLevelsHasTheLevelItsRunsName() throws Exception {
        Files.writeString(dir.resolve(ResultsDir.CAMPAIGN), "name: c\ntarget:\n  cluster: {encapsulation: manual}\n"
                + "workload: {pods: 200}\narms: [off, on]\n");
        CampaignRecord c = new ResultsDir(dir).campaign();
        assertThat(c.target()).isEqualTo("cluster");
        assertThat(c.levels()).containsExactly(new CampaignRecord.Level("pods=200", 200, null, 0.0));
        assertThat(c.arms()).extracting(CampaignRecord.Arm::encapsulation).containsExactly("off", "on");
    }

    @Test
    void aVersionOneCampaignWithoutTwoArmsIsOneLine() throws Exception {
        Files.writeString(dir.resolve(ResultsDir.CAMPAIGN), "name: c\narms: [off]\n");
        assertThatThrownBy(() -> new ResultsDir(dir).campaign())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("campaign.yaml") + ": arms: expected two arms (got 1)");
    }

    @Test
    void aNewerVersionIsRefusedWithOneLine() throws Exception {
        ResultsStoreTest.create(dir, "name: x\n");
        Files.writeString(dir.resolve(ResultsDir.MANIFEST), "{\"schemaVersion\": 3, \"campaign\": {}}");
        assertThatThrownBy(() -> new ResultsDir(dir).manifest())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir + ": results of schema version 3, newer than this kubens-bench reads (up to 2);"
                        + " use a newer kubens-bench");
        Files.writeString(dir.resolve(ResultsDir.MANIFEST), "{\"schemaVersion\": 2, ");
        assertThatThrownBy(() -> new ResultsDir(dir).manifest())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(dir.resolve("results.json") + ": cannot be read: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aDamagedLineIsNamedWithItsFileNumberAndReason() throws Exception {
        ResultsStore store = ResultsStoreTest.create(dir, "name: x\n");
        store.append(run(0, "a", "n", true, null), List.of(ResultsStoreTest.sample(0, "a", 0)));
        store.append(run(1, "b", "n", true, null), List.of(ResultsStoreTest.sample(1, "b", 0)));
        Files.writeString(dir.resolve(ResultsDir.RUNS), "garbage\n", StandardOpenOption.APPEND);
        Files.writeString(dir.resolve(ResultsDir.SAMPLES), "null\n[1]\n", StandardOpenOption.APPEND);
        store.append(run(2, "c", "n", true, null), List.of());

        ResultsDir read = new ResultsDir(dir);
        assertThat(read.runs()).extracting(RunRecord::index).containsExactly(0, 1, 2);
        List<Unreadable> unreadable = read.unreadable();
        assertThat(unreadable).extracting(Unreadable::file, Unreadable::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple(dir.resolve("runs.jsonl").toString(), 3),
                org.assertj.core.groups.Tuple.tuple(dir.resolve("samples.jsonl").toString(), 3),
                org.assertj.core.groups.Tuple.tuple(dir.resolve("samples.jsonl").toString(), 4));
        assertThat(unreadable.get(0).describe()).startsWith(dir.resolve("runs.jsonl") + " line 3: Unrecognized token 'garbage'")
                .doesNotContain("\n");
        assertThat(unreadable.get(1).reason()).isEqualTo("null is not a record");
    }

    @Test
    void twoRecordsRunTogetherOnOneLineAreNamedNotHalfRead() throws Exception {
        ResultsStore store = ResultsStoreTest.create(dir, "name: x\n");
        String line = ResultsDir.mapper().writeValueAsString(run(0, "a", "n", true, null));
        Files.writeString(dir.resolve(ResultsDir.RUNS), line + line + "\n");
        assertThat(store.dir().runs()).isEmpty();
        assertThat(store.dir().unreadable()).extracting(Unreadable::line).containsExactly(1);
    }

    /** A directory with one run and the lines of a second that a kill cut short. */
    private ResultsStore oneRunThenKilledMidLine() throws Exception {
        ResultsStore store = ResultsStoreTest.create(dir, "name: x\n");
        store.append(run(0, "a", "n", true, null), List.of(ResultsStoreTest.sample(0, "a", 0)));
        Files.writeString(dir.resolve(ResultsDir.SAMPLES), "{\"run\":1,\"att", StandardOpenOption.APPEND);
        Files.writeString(dir.resolve(ResultsDir.RUNS), "{\"index\":1,\"att", StandardOpenOption.APPEND);
        return store;
    }

    @Test
    void aLastLineCutShortByAKillIsNotNamed() throws Exception {
        ResultsStore store = oneRunThenKilledMidLine();
        assertThat(new ResultsDir(dir).unreadable()).isEmpty();
        assertThat(new ResultsDir(dir).runs()).hasSize(1);
    }

    @Test
    void aLineCutShortByAKillStaysUnnamedAfterAResumeAppendsBehindIt() throws Exception {
        ResultsStore store = oneRunThenKilledMidLine();
        store.append(run(1, "b", "n", true, null), List.of(ResultsStoreTest.sample(1, "b", 0)));

        ResultsDir read = new ResultsDir(dir);
        assertThat(read.unreadable()).isEmpty();
        assertThat(read.runs()).extracting(RunRecord::index).containsExactly(0, 1);
        List<String> lines = Files.readAllLines(dir.resolve(ResultsDir.RUNS));
        assertThat(lines).hasSize(3).element(1).isEqualTo("{\"index\":1,\"att");
    }

    @Test
    void aResumedRunSupersedesItsAttemptUnderAnotherNodeName() throws Exception {
        ResultsStore store = ResultsStoreTest.create(dir, "name: x\n");
        store.append(run(0, "a", "lab-1111", true, null), List.of());
        store.append(run(1, "b", "lab-1111", false, RunRecord.INTERRUPTED + " by the user"), List.of());
        store.append(run(1, "c", "lab-2222", true, null), List.of());
        assertThat(new ResultsDir(dir).runs()).extracting(RunRecord::attempt).containsExactly("a", "c");
        assertThat(new ResultsDir(dir).allRuns()).hasSize(3);
    }

    @Test
    void aResumedRunOfSeveralNodesSupersedesEveryNodeOfItsAttempt() throws Exception {
        ResultsStore store = ResultsStoreTest.create(dir, "name: x\n");
        store.append(run(0, "a1b2-0", "worker-a", false, RunRecord.INTERRUPTED + " by the user"), List.of());
        store.append(run(0, "a1b2-1", "worker-b", false, RunRecord.INTERRUPTED + " by the user"), List.of());
        store.append(run(0, "a1b2-2", "worker-c", false, RunRecord.INTERRUPTED + " by the user"), List.of());
        store.append(run(0, "c3d4-0", "worker-a", true, null), List.of());
        store.append(run(0, "c3d4-1", "worker-b", true, null), List.of());
        assertThat(new ResultsDir(dir).runs()).extracting(RunRecord::attempt).containsExactly("c3d4-0", "c3d4-1");
    }
}
