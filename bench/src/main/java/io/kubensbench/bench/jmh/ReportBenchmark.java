package io.kubensbench.bench.jmh;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.reports.html.ReportWriter;
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
 * Writing the HTML report (charts, page, exports) of a 100-run campaign with 100,000
 * samples, from its analysis. Goal: at most 3 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
public class ReportBenchmark {

    private Path dir;
    private Summary summary;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = SyntheticCampaign.write();
        List<io.kubensbench.analysis.results.RunRecord> runs = new ResultsDir(SyntheticCampaign.results(dir)).runs();
        summary = new Analyzer().analyze("benchmark", List.of(dir.toString()), runs, "off", "on");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        SyntheticCampaign.delete(dir);
    }

    @Benchmark
    public Path writeReport() throws IOException {
        return new ReportWriter().write(SyntheticCampaign.results(dir), summary);
    }
}
