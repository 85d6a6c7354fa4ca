package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.LabCapacity;
import io.kubensbench.bench.run.CampaignRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code analyze} and the CI gate {@code compare} on results directories written by the store. */
class CompareCommandTest {

    static final String CAMPAIGN = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: gate
            target: {lab: {}}
            workload: {pods: 200}
            arms: [off, on]
            schedule: {warmup: 3s, measure: 12s, repetitions: 5}
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** A results directory with {@code reps} runs per arm; systemd cores around off and on. */
    static Path results(Path dir, int reps, double off, double on) throws Exception {
        return results(dir, new Level("pods=200", reps, off, on));
    }

    /** One level of a results directory: its name, runs per arm and the two arms' systemd cores. */
    record Level(String name, int reps, double off, double on) {
    }

    /** A results directory with these levels, each arm's runs within 2% of its cores. */
    static Path results(Path dir, Level... levels) throws Exception {
        Environment env = new Environment("t", "lab", "h", "6.18", "systemd 252", "cpu", 2, 1, "java", "b", "now",
                null, List.of("h"));
        CampaignSpec spec = new CampaignReader(new LabCapacity(LabCapacity.DEFAULT_MOUNT_MAX)).parse(CAMPAIGN, "gate.yaml");
        ResultsStore store = ResultsStore.create(dir, CAMPAIGN, CampaignRecords.of(spec), spec.target().traits(), env);
        int index = 0;
        for (Level level : levels) {
            for (int rep = 1; rep <= level.reps(); rep++) {
                double wiggle = 1 + 0.02 * ((rep % 3) - 1);
                store.append(run(index++, rep, level.name(), "off", level.off() * wiggle), List.of());
                store.append(run(index++, rep, level.name(), "on", level.on() * wiggle), List.of());
            }
        }
        return dir;
    }

    private static RunRecord run(int index, int rep, String level, String arm, double cores) {
        long measureNs = 12_000_000_000L;
        return RunRecord.builder()
                .index(index)
                .attempt("a" + index)
                .repetition(rep)
                .level(level)
                .pods(200)
                .arm(arm)
                .encapsulation(arm)
                .node("lab-x")
                .startedAt("t0")
                .endedAt("t1")
                .measureNs(measureNs)
                .systemdSchedNs((long) (cores * measureNs))
                .systemdStatTicks((long) (cores * 1200))
                .ticksPerSecond(100)
                .mountEvents(1680)
                .systemdMounts(arm.equals("off") ? 2850 : 47)
                .kubeletMounts(2850)
                .systemdMntNs("mnt:[1]")
                .kubeletMntNs(arm.equals("off") ? "mnt:[1]" : "mnt:[2]")
                .runtimeMntNs(arm.equals("off") ? "mnt:[1]" : "mnt:[2]")
                .samples(13)
                .valid(true)
                .build();
    }

    @Test
    void analyzeWritesTheSummaryAndPrintsTheVerdict(@TempDir Path dir) throws Exception {
        Path r = results(dir.resolve("r"), 5, 0.25, 0.02);
        assertThat(run("analyze", r.toString())).isZero();
        assertThat(Files.exists(r.resolve("summary.json"))).isTrue();
        assertThat(out.toString()).contains("pods=200", "reduced", "n = 5 off, 5 on valid runs");
    }

    @Test
    void aDirectoryComparedWithItselfPasses(@TempDir Path dir) throws Exception {
        Path r = results(dir.resolve("r"), 5, 0.25, 0.02);
        assertThat(run("compare", r.toString(), r.toString())).isZero();
        assertThat(out.toString()).contains("PASS");
    }

    @Test
    void anOnArmThreeTimesAsBusyIsARegressionWithJunitAndMarkdown(@TempDir Path dir) throws Exception {
        // the reduction falls from 92% to 76%: 16 points, beyond the 10 allowed
        Path base = results(dir.resolve("base"), 5, 0.25, 0.02);
        Path cur = results(dir.resolve("cur"), 5, 0.25, 0.06);
        Path junit = dir.resolve("out/junit.xml");
        Path md = dir.resolve("out/summary.md");
        assertThat(run("compare", base.toString(), cur.toString(), "--max-regression", "10", "--junit", junit.toString(),
                "--markdown", md.toString())).isEqualTo(10);
        assertThat(out.toString()).contains("REGRESSION (exit 10)");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getElementsByTagName("testcase").getLength()).isGreaterThanOrEqualTo(2);
        assertThat(xml.getElementsByTagName("failure").getLength()).isGreaterThanOrEqualTo(1);
        assertThat(Files.readString(md)).startsWith("## kubens-bench: REGRESSION (exit 10)").contains("| pods=200 |");
    }

    @Test
    void twoRunsPerArmAreNotEnough(@TempDir Path dir) throws Exception {
        Path base = results(dir.resolve("base"), 5, 0.25, 0.02);
        Path cur = results(dir.resolve("cur"), 2, 0.25, 0.02);
        assertThat(run("compare", base.toString(), cur.toString())).isEqualTo(12);
    }

    @Test
    void aRegressionAtOneLevelExits10ThoughAnotherHasOnly2Runs(@TempDir Path dir) throws Exception {
        Path base = results(dir.resolve("base"), new Level("pods=200", 5, 0.25, 0.02), new Level("pods=50", 5, 0.06, 0.005));
        Path cur = results(dir.resolve("cur"), new Level("pods=200", 5, 0.25, 0.06), new Level("pods=50", 2, 0.06, 0.005));
        Path md = dir.resolve("out/summary.md");
        assertThat(run("compare", base.toString(), cur.toString(), "--markdown", md.toString())).isEqualTo(10);
        assertThat(out.toString()).contains("FAIL  pods=50        valid runs", "REGRESSION (exit 10): pods=200, reduction:");
        assertThat(Files.readString(md)).contains("| pods=50 | valid runs | not enough valid runs |");
    }

    @Test
    void aBaselineLevelMissingFromTheCurrentCampaignIsNotAPass(@TempDir Path dir) throws Exception {
        Path base = results(dir.resolve("base"), new Level("pods=200", 3, 0.25, 0.02), new Level("pods=50", 3, 0.06, 0.005));
        Path cur = results(dir.resolve("cur"), new Level("pods=200", 3, 0.25, 0.02));
        Path junit = dir.resolve("out/junit.xml");
        assertThat(run("compare", base.toString(), cur.toString(), "--junit", junit.toString())).isEqualTo(12);
        assertThat(out.toString()).contains("NOT ENOUGH VALID RUNS (exit 12): pods=50, levels: in the baseline but not in"
                + " the current campaign: not judged, so the gate cannot pass");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
    }

    @Test
    void helpListsTheExitCodesInTheirOrder() {
        assertThat(run("compare", "--help")).isZero();
        assertThat(out.toString()).contains("Exit codes (the first that applies, in this order: 10, 12, 11, 13):",
                "  10   regression:", "  11   too imprecise:", "  12   not enough valid runs:", "  13   inconclusive:")
                .doesNotContain("variance");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void badInputIsOneLineAndExit2(@TempDir Path dir) throws Exception {
        assertThat(run("compare", dir.resolve("nope").toString(), dir.toString())).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").endsWith("no such directory");
        err.getBuffer().setLength(0);
        Path r = results(dir.resolve("r"), 3, 0.25, 0.02);
        assertThat(run("compare", r.toString(), r.toString(), "--max-regression", "-5")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("kubens-bench: --max-regression must be between 0 and 100 (got -5)");
    }
}
