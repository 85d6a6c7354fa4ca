package io.kubensbench.bench.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sampling real processes on this machine's /proc. */
class SamplerTest {

    @Test
    void aVanishedProcessIsReportedAndTheOthersAreStillSampled() throws Exception {
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).as("needs Linux /proc").isTrue();
        Process child = new ProcessBuilder("sleep", "30").start();
        long gone = child.pid();
        child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        try (ProcfsSampler procfs = ProcfsSampler.system()) {
            Sampler sampler = new Sampler(procfs, new MountCounter(Path.of("/proc")),
                    List.of(new Watched("target", gone, true), new Watched("harness", ProcessHandle.current().pid(), true)), 1, 0);
            Sample s = sampler.next();
            ProcessReading vanished = s.process("target");
            assertThat(vanished.present()).isFalse();
            assertThat(vanished.error()).isEqualTo("process " + gone + " is gone");
            ProcessReading harness = s.process("harness");
            assertThat(harness.present()).isTrue();
            assertThat(harness.cpu().schedNs()).isPositive();
            assertThat(harness.mounts()).isPositive();
            assertThat(harness.mntNs()).startsWith("mnt:[");
        }
    }

    @Test
    void aProcessThatExitsMidWindowIsReportedGoneFromThenOn() throws Exception {
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).as("needs Linux /proc").isTrue();
        Process child = new ProcessBuilder("sleep", "30").start();
        try (ProcfsSampler procfs = ProcfsSampler.system()) {
            Sampler sampler = new Sampler(procfs, new MountCounter(Path.of("/proc")),
                    List.of(new Watched("target", child.pid(), false)), 1, 0);
            assertThat(sampler.next().process("target").present()).isTrue();
            child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            assertThat(sampler.next().process("target").error()).contains("is gone");
        }
    }

    @Test
    void mountsAreCountedOnlyEveryNthSample() throws Exception {
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).as("needs Linux /proc").isTrue();
        try (ProcfsSampler procfs = ProcfsSampler.system()) {
            Sampler sampler = new Sampler(procfs, new MountCounter(Path.of("/proc")),
                    List.of(new Watched("harness", ProcessHandle.current().pid(), true)), 3, 0);
            long[] mounts = new long[4];
            for (int i = 0; i < 4; i++) {
                mounts[i] = sampler.next().process("harness").mounts();
            }
            assertThat(mounts[0]).isPositive();
            assertThat(mounts[1]).isEqualTo(-1);
            assertThat(mounts[2]).isEqualTo(-1);
            assertThat(mounts[3]).isEqualTo(mounts[0]);
        }
    }

    @Test
    void mountCountingStaysWithinItsBudget() throws Exception {
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).as("needs Linux /proc").isTrue();
        try (ProcfsSampler procfs = ProcfsSampler.system()) {
            // A budget of one millionth of a core: after one count, the next is far away.
            Sampler sampler = new Sampler(procfs, new MountCounter(Path.of("/proc")),
                    List.of(new Watched("harness", ProcessHandle.current().pid(), true)), 1, 1e-6);
            assertThat(sampler.next().process("harness").mounts()).isPositive();
            for (int i = 0; i < 5; i++) {
                assertThat(sampler.next().process("harness").mounts()).isEqualTo(-1);
            }
            assertThat(sampler.mountCounts()).isEqualTo(1);
        }
    }
}
