package io.kubensbench.bench.jmh;

import io.kubensbench.bench.cluster.ProbeLine;
import io.kubensbench.bench.sampling.Sample;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one node's probe line costs the harness: parse it and turn it into a sample. A cluster
 * campaign takes a line per node per interval, so this bounds how many nodes one harness
 * follows at 1 Hz; the goal is under 10 us a line, i.e. 1,000 nodes for 1% of a core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProbeLineBenchmark {

    /** A line as a worker node's probe prints it (the shape of the captures in the tests). */
    private final String line = "kbprobe v2 seq=4211 up=86417.42 hz=100 boot=3f0c5a4e-8d5b-4c2e-9a61-0b7d2f8e1c90"
            + " pid1=2,5120,3911,90812233411 comm1=systemd mounts1=3214 events1=581140 counted=4203,86409.37"
            + " ns1=mnt:[4026531841]"
            + " kubelet=2317,mnt:[4026532580] kubeletcpu=2301,912334,310245,- runtime=1988,mnt:[4026532580]"
            + " cpu=51234567,398765432 self=812 probe=88123,8612345 systemd=252";

    @Benchmark
    public Sample parseAndSample() {
        return ProbeLine.parse(line).toSample(0);
    }
}
