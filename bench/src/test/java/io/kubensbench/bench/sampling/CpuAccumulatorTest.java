package io.kubensbench.bench.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Restarts and reboots cost an interval and are counted; they never become a rate. */
class CpuAccumulatorTest {

    private static final long HZ = 100;

    private static Sample sample(long seq, long seconds, ProcessCpu cpu) {
        return new Sample(seq, seconds * 1_000_000_000L, 0, null,
                List.of(new ProcessReading("systemd", cpu.pid(), cpu, -1, null, null)));
    }

    private static ProcessCpu cpu(String boot, long start, long ticks, long ns) {
        return new ProcessCpu(1, "systemd", boot, start, ticks, ns);
    }

    @Test
    void steadyCountersGiveTheirRate() {
        CpuAccumulator acc = new CpuAccumulator(HZ);
        acc.add(sample(0, 0, cpu("b", 5, 100, 1_000_000_000L)));
        var step = acc.add(sample(1, 2, cpu("b", 5, 120, 1_200_000_000L)));
        assertThat(step.get("systemd").schedCores()).isEqualTo(0.1);
        assertThat(step.get("systemd").statCores()).isEqualTo(0.1);
        CpuTotals t = acc.totals().get("systemd");
        assertThat(t.schedCores()).isEqualTo(0.1);
        assertThat(t.resets()).isZero();
    }

    @Test
    void aRestartIsDroppedNotNegative() {
        CpuAccumulator acc = new CpuAccumulator(HZ);
        acc.add(sample(0, 0, cpu("b", 5, 5000, 50_000_000_000L)));
        var step = acc.add(sample(1, 1, cpu("b", 900, 3, 30_000_000L)));
        assertThat(step).doesNotContainKey("systemd");
        acc.add(sample(2, 2, cpu("b", 900, 13, 130_000_000L)));
        CpuTotals t = acc.totals().get("systemd");
        assertThat(t.resets()).isEqualTo(1);
        assertThat(t.lastReset()).contains("restarted");
        assertThat(t.elapsedNs()).isEqualTo(1_000_000_000L);
        assertThat(t.schedCores()).isEqualTo(0.1);
    }

    @Test
    void aRebootIsDroppedEvenWhenCountersHappenToGrow() {
        CpuAccumulator acc = new CpuAccumulator(HZ);
        acc.add(sample(0, 0, cpu("boot-1", 5, 10, 100_000_000L)));
        var step = acc.add(sample(1, 1, cpu("boot-2", 5, 900, 9_000_000_000L)));
        assertThat(step).isEmpty();
        assertThat(acc.totals().get("systemd").lastReset()).contains("rebooted");
        assertThat(acc.totals().get("systemd").schedCores()).isZero();
    }

    @Test
    void countersThatGoBackwardsAreAReset() {
        ProcessCpu a = cpu("b", 5, 100, 1_000_000L);
        ProcessCpu b = cpu("b", 5, 99, 2_000_000L);
        assertThat(a.resetReason(b)).contains("backwards");
        assertThat(CpuInterval.between(a, b, 1_000_000_000L, HZ)).isNull();
    }
}
