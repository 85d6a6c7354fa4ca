package io.kubensbench.bench.jmh;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Analysing a campaign of 100 runs and 100,000 samples from disk: reading runs.jsonl,
 * streaming samples.jsonl, and every statistic of every level (the exact rank test and the
 * power calculation are the costly ones). Goal: under 2 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnalysisBenchmark {

    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = SyntheticCampaign.write();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        SyntheticCampaign.delete(dir);
    }

    @Benchmark
    public Summary analyzeCampaign() throws IOException {
        ResultsDir results = new ResultsDir(SyntheticCampaign.results(dir));
        List<RunRecord> runs = results.runs();
        long[] samples = {0};
        results.samples(s -> samples[0]++);
        if (samples[0] != (long) SyntheticCampaign.RUNS * SyntheticCampaign.SAMPLES_PER_RUN) {
            throw new IllegalStateException("read " + samples[0] + " samples");
        }
        return new Analyzer().analyze("bench", List.of(dir.toString()), runs, "off", "on");
    }
}
