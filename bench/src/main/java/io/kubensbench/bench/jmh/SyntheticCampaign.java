package io.kubensbench.bench.jmh;

import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.LabCapacity;
import io.kubensbench.bench.run.CampaignRecords;
import io.kubensbench.workloads.mounts.MountPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A results directory of the size the analysis and report goals name: 100 runs over 5
 * levels, 1,000 samples each, written by the real store so the benchmarks read real files.
 */
final class SyntheticCampaign {

    static final int RUNS = 100;
    static final int SAMPLES_PER_RUN = 1000;
    static final int LEVELS = 5;
    static final String YAML = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: benchmark
            target: {lab: {}}
            workload: {pods: 50}
            levels: [{pods: 50}, {pods: 100}, {pods: 150}, {pods: 200}, {pods: 250}]
            arms: [off, on]
            schedule: {warmup: 3s, measure: 20s, repetitions: 10}
            """;

    private SyntheticCampaign() {
    }

    /** Writes the campaign into a new temporary directory; returns that directory. */
    static Path write() throws IOException {
        Path dir = Files.createTempDirectory("kubens-bench-synthetic");
        Environment env = new Environment("jmh", "lab", "h", "6.18", "systemd 252", "cpu", 2, 1, "java", "b", "now",
                null, List.of("h"));
        CampaignSpec spec = new CampaignReader(new LabCapacity(LabCapacity.DEFAULT_MOUNT_MAX)).parse(YAML, "benchmark");
        ResultsStore store = ResultsStore.create(results(dir), YAML, CampaignRecords.of(spec), spec.target().traits(),
                env);
        int perPod = new MountPlan(spec.workload()).mountsPerPod();
        Random random = new Random(1);
        for (int i = 0; i < RUNS; i++) {
            boolean off = i % 2 == 0;
            int level = (i / 2) % LEVELS;
            int pods = 50 * (level + 1);
            long mounts = (long) pods * perPod;
            double cores = off ? 0.0005 * pods * perPod / 10 * (1 + 0.1 * random.nextGaussian()) : 0.001 * random.nextDouble();
            long measureNs = 20_000_000_000L;
            List<SampleRecord> samples = new ArrayList<>(SAMPLES_PER_RUN);
            for (int s = 0; s < SAMPLES_PER_RUN; s++) {
                samples.add(new SampleRecord(i, "a" + i, s, s * 20_000_000L, s < 150 ? "warmup" : "measure",
                        (long) (cores * s * 2e7), s, s * 1000L, s * 100L, 0.2, mounts, mounts, "mnt:[1]",
                        "mnt:[1]", null));
            }
            store.append(RunRecord.builder()
                    .index(i)
                    .attempt("a" + i)
                    .repetition(i / (2 * LEVELS) + 1)
                    .level("pods=" + pods)
                    .pods(pods)
                    .arm(off ? "off" : "on")
                    .encapsulation(off ? "off" : "on")
                    .node("lab")
                    .startedAt("t0")
                    .endedAt("t1")
                    .measureNs(measureNs)
                    .systemdSchedNs((long) (cores * measureNs))
                    .systemdStatTicks((long) (cores * 2000))
                    .ticksPerSecond(100)
                    .mountEvents(2800)
                    .systemdMounts(off ? mounts : 47)
                    .kubeletMounts(mounts)
                    .systemdMntNs("mnt:[1]")
                    .kubeletMntNs(off ? "mnt:[1]" : "mnt:[2]")
                    .runtimeMntNs(off ? "mnt:[1]" : "mnt:[2]")
                    .samples(SAMPLES_PER_RUN)
                    .valid(true)
                    .build(), samples);
        }
        return dir;
    }

    static Path results(Path dir) {
        return dir.resolve("r");
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
