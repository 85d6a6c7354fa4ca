package io.kubensbench.bench.jmh;

import io.kubensbench.bench.sampling.ProcessCpu;
import io.kubensbench.bench.sampling.ProcfsSampler;
import java.io.IOException;
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
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * One CPU sample of a process, side by side: our two /proc reads (stat + schedstat) against
 * OSHI's per-process query, the usual JVM way. Goal: ours at most 25 us and at least 5 times
 * cheaper than OSHI's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SampleBenchmark {

    private Process target;
    private ProcfsSampler procfs;
    private OperatingSystem os;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        target = new ProcessBuilder("sleep", "3600").start();
        procfs = ProcfsSampler.system();
        os = new SystemInfo().getOperatingSystem();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        procfs.close();
        target.destroyForcibly();
    }

    @Benchmark
    public ProcessCpu procfsSample() throws IOException {
        return procfs.read(target.pid());
    }

    @Benchmark
    public long oshiProcess() {
        OSProcess p = os.getProcess((int) target.pid());
        return p.getUserTime() + p.getKernelTime();
    }
}
