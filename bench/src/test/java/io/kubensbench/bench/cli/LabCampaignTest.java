package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.IntervalKind;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.analysis.compare.Verdict;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.lab.LabAssumptions;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Campaigns on a real lab node: the effect, and a campaign killed with SIGKILL then resumed. */
class LabCampaignTest {

    private static final String SMALL = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: lab-test
            target: {lab: {}}
            workload:
              pods: 150
              containersPerPod: 2
              volumesPerPod: {secret: 4, projected: 1, configMap: 2, emptyDirMemory: 2, downwardAPI: 1}
              churn: {podsPerSecond: 5}
            arms: [off, on]
            schedule: {warmup: 1s, measure: 4s, repetitions: %d, order: interleaved, seed: 1}
            sampling: {interval: 500ms}
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void requireLab() {
        LabAssumptions.assumeLab();
    }

    @Test
    void theOffArmCostsSystemdClearlyMoreThanTheOnArm(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, SMALL.formatted(1));
        Path results = dir.resolve("results");
        Path index = dir.resolve("index");
        int code = Main.run(new String[] {"run", file.toString(), "--out", results.toString(),
            "--index-dir", index.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        List<RunRecord> runs = new ResultsDir(results).runs();
        assertThat(runs).hasSize(2).allMatch(RunRecord::valid);
        // run indexes what it recorded: one systemdCpu document (an action line and a body) per run
        assertThat(Files.readAllLines(index.resolve("systemdCpu.ndjson"))).hasSize(2 * runs.size())
                .anySatisfy(line -> assertThat(line).contains("\"metricName\":\"systemdCpu\"", "\"arm\":\"off\""))
                .anySatisfy(line -> assertThat(line).contains("\"metricName\":\"systemdCpu\"", "\"arm\":\"on\""));
        RunRecord off = runs.stream().filter(r -> r.arm().equals("off")).findFirst().orElseThrow();
        RunRecord on = runs.stream().filter(r -> r.arm().equals("on")).findFirst().orElseThrow();
        long podMounts = new MountPlan(WorkloadSpec.defaults()).expectedMounts(150);
        assertThat(off.systemdMounts()).isGreaterThan(podMounts);
        assertThat(on.systemdMounts()).isLessThan(100);
        assertThat(on.kubeletMounts()).isGreaterThan(podMounts);
        assertThat(off.mountEvents()).isPositive();
        assertThat(off.systemdCores()).isGreaterThan(2 * on.systemdCores() + 0.005);
        assertThat(out.toString()).contains("systemd CPU", "results: " + results);
        assertThat(err.toString().lines().filter(line -> line.contains("warning"))).containsExactly(
                "kubens-bench: warning: 1 repetition gives each arm 1 run per level, and a verdict needs at least 3"
                        + " valid runs per arm: this campaign can only end in 'insufficient data';"
                        + " set schedule.repetitions: 3");
        assertThat(Files.exists(results.resolve("environment.json"))).isTrue();
        assertThat(Files.readString(results.resolve("campaign.yaml"))).isEqualTo(SMALL.formatted(1));
    }

    @Test
    void labEndsWithAReducedVerdictAndNoIntervalForAnArmAtZero(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, SMALL.formatted(3).replace("measure: 4s", "measure: 3s"));
        Path results = dir.resolve("results");
        int code = Main.run(new String[] {"lab", "--campaign", file.toString(), "--out", results.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        Summary summary = SummaryJson.read(results.resolve(SummaryJson.FILE));
        CellResult cell = summary.cells().get(0);
        assertThat(cell.verdict()).isEqualTo(Verdict.REDUCED);
        assertThat(cell.baseline().n()).isEqualTo(3);
        assertThat(cell.candidate().n()).isEqualTo(3);
        // systemd with encapsulation on normally uses 0 ns over a window: the reduction is then
        // exact by counting and has no interval; otherwise Fieller's interval must exclude 0
        if (cell.candidate().idle()) {
            assertThat(cell.reductionInterval()).isEqualTo(IntervalKind.EXACT);
            assertThat(cell.reductionCi().defined()).isFalse();
            assertThat(out.toString()).contains("verdict: At pods=150, encapsulation reduced systemd's CPU by 100.0% by"
                    + " counting (systemd used 0 ns in 3 of 3 on runs, so no interval)");
        } else {
            assertThat(cell.reductionInterval()).isEqualTo(IntervalKind.ESTIMATED);
            assertThat(cell.reductionCiLow()).isGreaterThan(0);
            assertThat(out.toString()).contains("verdict: At pods=150, encapsulation reduced systemd's CPU by");
        }
        assertThat(err.toString()).doesNotContain("warning");
        Path report = results.resolve("report/index.html");
        assertThat(out.toString()).contains("report: " + report);
        String html = Files.readString(report).replace("&#x3D;", "=");
        String systemd = new ResultsDir(results).environment().systemdVersion();
        assertThat(html).contains("n = 3 off and 3 on", systemd.split(" \\(")[0]);
        assertThat(html).containsPattern("reduced systemd(&#39;|&#x27;|')s CPU by [0-9.]+% (by counting|\\(95% CI)");
    }

    @Test
    void aCampaignKilledWithSigkillResumesToCompleteValidRunsAndLeavesNothingBehind(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, SMALL.formatted(2));
        Path results = dir.resolve("results");
        Process harness = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", file.toString(),
                "--out", results.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Path runsFile = results.resolve(ResultsDir.RUNS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(Files.exists(runsFile) && Files.readAllLines(runsFile).size() >= 1)) {
            assertThat(harness.isAlive()).as("harness still running").isTrue();
            assertThat(System.nanoTime()).as("first run recorded in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(1500);
        harness.destroyForcibly();
        assertThat(harness.waitFor(5, TimeUnit.SECONDS)).isTrue();
        int recorded = new ResultsDir(results).runs().size();
        assertThat(recorded).isBetween(1, 3);
        assertLabGone();

        int code = Main.run(new String[] {"run", "--resume", results.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString().lines().filter(line -> line.contains("warning"))).singleElement().asString()
                .startsWith("kubens-bench: warning: 2 repetitions give each arm 2 runs per level");
        List<RunRecord> runs = new ResultsDir(results).runs();
        assertThat(runs).extracting(RunRecord::index).containsExactly(0, 1, 2, 3);
        assertThat(runs).allMatch(RunRecord::valid);
        assertThat(new ResultsDir(results).allRuns()).hasSize(4);
        assertLabGone();
    }

    /** Within 5 s: no cgroup of a lab and no process in another PID namespace. */
    private static void assertLabGone() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            boolean cgroups;
            try (var s = Files.walk(Path.of("/sys/fs/cgroup"), 6)) {
                cgroups = s.anyMatch(p -> p.getFileName() != null && p.getFileName().toString().startsWith("kubens-bench-"));
            }
            boolean systemd = ProcessHandle.allProcesses().anyMatch(p -> p.info().command().orElse("").endsWith("/systemd")
                    && p.pid() != 1);
            if (!cgroups && !systemd) {
                return;
            }
            assertThat(System.nanoTime()).as("lab gone within 5 s (cgroups " + cgroups + ", systemd " + systemd + ")")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
