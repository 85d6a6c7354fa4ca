package io.kubensbench.bench.jmh;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import io.kubensbench.bench.campaign.ResultsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Analysing a campaign of 100 runs and 100,000 samples from disk with 10,000 bootstrap
 * resamples: reading runs.jsonl, streaming samples.jsonl, and every statistic of every
 * level. Goal: under 2 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnalysisBenchmark {

    static final int RUNS = 100;
    static final int SAMPLES_PER_RUN = 1000;
    static final int LEVELS = 5;

    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("kubens-bench-analysis-bench");
        Environment env = new Environment("jmh", "lab", "h", "k", "systemd", "cpu", 2, 1, "java", "b", "now", null,
                List.of("h"));
        ResultsStore store = ResultsStore.create(dir.resolve("r"), "name: bench\n", env);
        Random random = new Random(1);
        for (int i = 0; i < RUNS; i++) {
            boolean off = i % 2 == 0;
            int level = (i / 2) % LEVELS;
            int pods = 50 * (level + 1);
            double cores = off ? 0.0005 * pods * 14 / 10 * (1 + 0.1 * random.nextGaussian()) : 0.001 * random.nextDouble();
            long measureNs = 20_000_000_000L;
            List<SampleRecord> samples = new ArrayList<>(SAMPLES_PER_RUN);
            for (int s = 0; s < SAMPLES_PER_RUN; s++) {
                samples.add(new SampleRecord(i, "a" + i, s, s * 20_000_000L, "measure", (long) (cores * s * 2e7),
                        s, s * 1000L, s * 100L, 0.2, pods * 14L, pods * 14L, "mnt:[1]", "mnt:[1]", null));
            }
            store.append(new RunRecord(i, "a" + i, i / (2 * LEVELS) + 1, "pods=" + pods, pods, off ? "off" : "on",
                    off ? "off" : "on", "lab", "t0", "t1", measureNs, (long) (cores * measureNs),
                    (long) (cores * 2000), 100, 0, 0, 2800, off ? pods * 14L : 47, pods * 14L, "mnt:[1]",
                    off ? "mnt:[1]" : "mnt:[2]", off ? "mnt:[1]" : "mnt:[2]", SAMPLES_PER_RUN, 0, true, null), samples);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Summary analyzeCampaign() throws IOException {
        ResultsDir results = new ResultsDir(dir.resolve("r"));
        List<RunRecord> runs = results.runs();
        long[] samples = {0};
        results.samples(s -> samples[0]++);
        if (samples[0] != (long) RUNS * SAMPLES_PER_RUN) {
            throw new IllegalStateException("read " + samples[0] + " samples");
        }
        return new Analyzer(1, 10_000).analyze("bench", List.of(dir.toString()), runs, "off", "on");
    }
}
