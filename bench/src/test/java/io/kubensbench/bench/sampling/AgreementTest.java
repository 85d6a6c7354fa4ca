package io.kubensbench.bench.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A child burns CPU for a known time, then sleeps: schedstat, stat and OSHI must agree on
 * what it consumed within the tick resolution (of each of utime and stime).
 */
class AgreementTest {

    @Test
    void schedstatStatAndOshiAgreeWithinOneTick() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/bin/bash"))).as("needs bash").isTrue();
        Process burner = new ProcessBuilder("bash", "-c",
                "end=$(( ${EPOCHREALTIME/./} + 700000 )); while (( ${EPOCHREALTIME/./} < end )); do :; done; exec sleep 30")
                .start();
        try (ProcfsSampler procfs = ProcfsSampler.system()) {
            long pid = burner.pid();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(Path.of("/proc/" + pid + "/comm")).strip().equals("sleep")) {
                assertThat(System.nanoTime()).as("burner finished").isLessThan(deadline);
                Thread.sleep(20);
            }
            // exec has renamed it; wait until sleep has started and the counters stand still.
            ProcessCpu cpu = procfs.read(pid);
            ProcessCpu again;
            while ((again = settled(procfs, pid)).schedNs() != cpu.schedNs()) {
                cpu = again;
            }
            long oshiMs = new OshiSampler().processCpuMillis(pid);
            double tickNs = 1e9 / procfs.ticksPerSecond();
            double statNs = cpu.statTicks() * tickNs;

            assertThat(cpu.schedNs()).as("burned about 0.7 s of CPU").isBetween(300_000_000L, 900_000_000L);
            // The kernel scales utime and stime to the scheduler's runtime, then truncates each
            // to whole ticks: their sum is short of schedstat by less than two ticks.
            assertThat(cpu.schedNs() - statNs).as("schedstat minus stat").isBetween(0.0, 2 * tickNs);
            // OSHI reads the same stat fields, in milliseconds.
            assertThat(Math.abs(oshiMs * 1e6 - statNs)).as("OSHI vs stat").isLessThanOrEqualTo(tickNs);
            assertThat(cpu.schedNs() - oshiMs * 1e6).as("schedstat minus OSHI").isBetween(-tickNs, 2 * tickNs);
        } finally {
            burner.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static ProcessCpu settled(ProcfsSampler procfs, long pid) throws Exception {
        Thread.sleep(50);
        return procfs.read(pid);
    }

    @Test
    void theTickRateComesFromTheSystem() {
        assertThat(ClockTicks.perSecond()).isBetween(10L, 10_000L);
    }
}
