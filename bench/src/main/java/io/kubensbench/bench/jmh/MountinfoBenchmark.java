package io.kubensbench.bench.jmh;

import io.kubensbench.bench.lab.KubeletProcess;
import io.kubensbench.bench.lab.LabNode;
import io.kubensbench.bench.lab.LabPreconditions;
import io.kubensbench.bench.sampling.MountCounter;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counting the mounts a process's namespace holds, at 100, 1,000 and 10,000 mounts: real pod
 * mounts made by the kubelet stand-in on a lab node (needs root). It tells how often a
 * sampler can afford to count mounts next to reading CPU.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MountinfoBenchmark {

    @Param({"100", "1000", "10000"})
    public int mounts;

    private LabNode lab;
    private KubeletProcess kubelet;
    private final MountCounter counter = new MountCounter(Path.of("/proc"));

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (!LabPreconditions.isRoot()) {
            throw new IllegalStateException("MountinfoBenchmark needs root: it mounts inside a lab node");
        }
        lab = LabNode.start();
        WorkloadSpec shape = WorkloadSpec.defaults();
        kubelet = lab.startKubelet(shape);
        int perPod = new MountPlan(shape).mountsPerPod();
        long have = counter.count(kubelet.pid());
        for (int i = 0; have + perPod <= mounts; i++) {
            have += kubelet.createPod(MountPlan.podUid("jmh", i));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kubelet.close();
        lab.close();
    }

    @Benchmark
    public long countMountinfo() throws IOException {
        return counter.count(kubelet.pid());
    }
}
