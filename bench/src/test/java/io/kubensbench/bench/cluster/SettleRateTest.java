package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The PID 1 rate a cluster target settles on: exact between two lines, never across a reboot. */
class SettleRateTest {

    @Test
    void theRateIsTheCounterDeltaOverTheNodesOwnClock() {
        List<ProbeLine> lines = ProbeCaptures.lines("reboot.txt");
        ProbeLine a = lines.get(0);
        ProbeLine b = lines.get(1);

        double expected = (double) (b.pid1().schedNs() - a.pid1().schedNs()) / (b.uptimeNs() - a.uptimeNs());
        assertThat(ClusterTarget.rate(a, b)).isCloseTo(expected, Offset.offset(1e-12)).isPositive();
    }

    @Test
    void aRebootBetweenTheLinesIsNoRateAtAll() {
        List<ProbeLine> lines = ProbeCaptures.lines("reboot.txt");
        ProbeLine before = lines.stream().filter(l -> l.bootId().equals(lines.get(0).bootId())).reduce((x, y) -> y)
                .orElseThrow();
        ProbeLine after = lines.stream().filter(l -> !l.bootId().equals(lines.get(0).bootId())).findFirst()
                .orElseThrow();

        assertThat(ClusterTarget.rate(before, after)).isNaN();
        assertThat(ClusterTarget.rate(before, before)).as("no time between them").isNaN();
    }
}
