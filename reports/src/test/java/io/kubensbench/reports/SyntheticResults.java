package io.kubensbench.reports;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes a plausible results directory: off uses CPU growing with mounts, on almost none. With
 * several nodes, every run has a record per node (each its own attempt, as the runner writes
 * them), and each node's off arm runs a fifth hotter than the one before.
 */
public final class SyntheticResults {

    public static final String SYSTEMD = "systemd 252 (252.38-1~deb12u1)";

    private SyntheticResults() {
    }

    public static Summary write(Path dir, String campaign, String node, int runsPerArmAndLevel, int[] pods)
            throws IOException {
        return write(dir, campaign, List.of(node), runsPerArmAndLevel, pods);
    }

    public static Summary write(Path dir, String campaign, List<String> nodes, int runsPerArmAndLevel, int[] pods)
            throws IOException {
        String node = nodes.get(0);
        Files.createDirectories(dir);
        ObjectMapper json = ResultsDir.mapper();
        Files.writeString(dir.resolve(ResultsDir.CAMPAIGN), "name: " + json.writeValueAsString(campaign)
                + "\narms:\n  - name: off\n  - name: on\n");
        json.writeValue(dir.resolve(ResultsDir.ENVIRONMENT).toFile(), new Environment("kubens-bench test", "lab", node,
                "6.1.0-test", SYSTEMD, "Test CPU", 4, 8L << 30, "OpenJDK 17", "boot", "2026-01-01T00:00:00Z", null,
                List.copyOf(nodes)));
        Random rnd = new Random(42);
        List<RunRecord> runs = new ArrayList<>();
        StringBuilder runLines = new StringBuilder();
        StringBuilder sampleLines = new StringBuilder();
        int index = 0;
        for (int p : pods) {
            for (int rep = 1; rep <= runsPerArmAndLevel; rep++) {
                for (String arm : List.of("off", "on")) {
                    boolean off = arm.equals("off");
                    for (int n = 0; n < nodes.size(); n++) {
                        double factor = 1 + 0.2 * n;
                        long measure = 10_000_000_000L;
                        int mounts = 40 + p * 11;
                        double cores = off ? factor * 0.0001 * mounts * (1 + 0.1 * rnd.nextGaussian())
                                : 0.002 * (1 + 0.2 * rnd.nextDouble());
                        boolean valid = index % 17 != 5;
                        String attempt = nodes.size() == 1 ? "a" + index : "a" + index + "-" + n;
                        RunRecord r = RunRecord.builder()
                                .index(index)
                                .attempt(attempt)
                                .repetition(rep)
                                .level("pods=" + p)
                                .pods(p)
                                .arm(arm)
                                .encapsulation(arm)
                                .node(nodes.get(n))
                                .startedAt("2026-01-01T00:00:00Z")
                                .endedAt("2026-01-01T00:00:15Z")
                                .measureNs(measure)
                                .systemdSchedNs((long) (cores * measure))
                                .systemdStatTicks((long) (cores * 1000))
                                .ticksPerSecond(100)
                                .kubeletSchedNs(50_000_000L)
                                .harnessSchedNs(30_000_000L)
                                .mountEvents(1500)
                                .systemdMounts(off ? mounts : 47)
                                .kubeletMounts(mounts)
                                .systemdMntNs("mnt:[1]")
                                .kubeletMntNs(off ? "mnt:[1]" : "mnt:[2]")
                                .runtimeMntNs(off ? "mnt:[1]" : "mnt:[2]")
                                .samples(16)
                                .valid(valid)
                                .invalidReason(valid ? null : "kubelet restarted")
                                .build();
                        runs.add(r);
                        runLines.append(json.writeValueAsString(r)).append('\n');
                        long sched = 0;
                        long harness = 0;
                        for (int seq = 0; seq < 16; seq++) {
                            long t = seq * 1_000_000_000L;
                            sched += (long) (cores * 1e9 * (1 + 0.2 * rnd.nextGaussian()) + 1e6);
                            harness += (long) (0.01 * 1e9 * (1 + 0.3 * rnd.nextDouble()));
                            int seen = Math.min(mounts, 40 + seq * mounts / 8);
                            sampleLines.append(json.writeValueAsString(new SampleRecord(index, attempt, seq, t,
                                    seq < 5 ? "warmup" : "measure", sched, sched / 10_000_000, 0, harness, 0.5,
                                    off ? seen : 47, seen, "mnt:[1]", off ? "mnt:[1]" : "mnt:[2]", null))).append('\n');
                        }
                    }
                    index++;
                }
            }
        }
        Files.writeString(dir.resolve(ResultsDir.RUNS), runLines);
        Files.writeString(dir.resolve(ResultsDir.SAMPLES), sampleLines);
        return new Analyzer().analyze(campaign, List.of(dir.toString()), runs, "off", "on");
    }
}
