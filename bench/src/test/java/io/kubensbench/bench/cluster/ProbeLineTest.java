package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubensbench.bench.sampling.CpuAccumulator;
import io.kubensbench.bench.sampling.CpuInterval;
import io.kubensbench.bench.sampling.CpuTotals;
import io.kubensbench.bench.sampling.MachineCpu;
import io.kubensbench.bench.sampling.ProcessReading;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.Watched;
import io.kubensbench.bench.target.NamespaceIdentities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The probe's line format as the harness reads it, and what a line becomes as a sample. */
class ProbeLineTest {

    private static final String LINE = ProbeCaptures.text("shared-namespace.txt").lines()
            .filter(l -> l.startsWith(ProbeLine.V1_PREFIX)).findFirst().orElseThrow();

    @Test
    void everyFieldOfAMeasurementLineIsRead() {
        ProbeLine line = ProbeLine.parse(LINE);

        assertThat(line.seq()).isEqualTo(1);
        assertThat(line.uptimeNs()).isEqualTo(9_161_050_000_000L);
        assertThat(line.hz()).isEqualTo(100);
        assertThat(line.bootId()).isEqualTo("69126a33-49d9-4edf-8176-dc1a91cdec18");
        assertThat(line.pid1()).isEqualTo(new ProbeLine.Counters(20, 1430, 2852, 1843120774L));
        assertThat(line.comm1()).isEqualTo("systemd");
        assertThat(line.mounts1()).isEqualTo(1873);
        assertThat(line.ns1()).isEqualTo("mnt:[4026531841]");
        assertThat(line.kubeletPid()).isEqualTo(2411);
        assertThat(line.kubeletNs()).isEqualTo("mnt:[4026531841]");
        assertThat(line.kubeletCpu()).isEqualTo(new ProbeLine.Counters(1204, 81220, 30117, -1));
        assertThat(line.runtimePid()).isEqualTo(1987);
        assertThat(line.runtimeNs()).isEqualTo("mnt:[4026531841]");
        assertThat(line.machine()).isEqualTo(new MachineCpu(701026, 1819846));
        assertThat(line.selfTicks()).isEqualTo(2);
        assertThat(line.probePid()).isEqualTo(18743);
        assertThat(line.probeStartTicks()).isEqualTo(916104);
        assertThat(line.identities()).isEqualTo(new NamespaceIdentities("mnt:[4026531841]", "mnt:[4026531841]",
                "mnt:[4026531841]"));
    }

    @Test
    void rootMountIdsAreReadAndUsedOnlyWhenPid1sLinkIsNot() {
        ProbeLine linked = ProbeLine.parse(LINE.replace(" cpu=", " mntid=27,27,27 cpu="));
        ProbeLine unlinked = ProbeLine.parse(LINE.replaceAll("mnt:\\[\\d+\\]", "-")
                .replace(" cpu=", " mntid=27,3154,- cpu="));

        assertThat(ProbeLine.parse(LINE).mountIds()).isNull();
        assertThat(linked.mountIds()).isEqualTo(new ProbeLine.MountIds("mountid:27", "mountid:27", "mountid:27"));
        assertThat(linked.byLinks()).isTrue();
        assertThat(linked.identities().systemd()).isEqualTo("mnt:[4026531841]");
        assertThat(unlinked.byLinks()).isFalse();
        assertThat(unlinked.mountIds()).isEqualTo(new ProbeLine.MountIds("mountid:27", "mountid:3154", null));
        assertThat(unlinked.identities()).as("the runtime's is unknown").isNull();
        Sample sample = unlinked.toSample(0);
        assertThat(sample.process(Watched.SYSTEMD).mntNs()).isEqualTo("mountid:27");
        assertThat(sample.process(Watched.KUBELET).mntNs()).isEqualTo("mountid:3154");
        assertThatThrownBy(() -> ProbeLine.parse(LINE.replace(" cpu=", " mntid=27,x,1 cpu=")))
                .hasMessageContaining("mntid=27,x,1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kbprobe v1 start node=worker-a interval=1", "", "Error: something else in the log",
            "kbprobe", "  "})
    void linesThatAreNotMeasurementsAreSkipped(String text) {
        assertThat(ProbeLine.parse(text)).isNull();
    }

    @Test
    void valuesTheProbeCouldNotReadAreUnknownNotZero() {
        ProbeLine line = ProbeCaptures.lines("this-machine.txt").get(0);

        assertThat(line.ns1()).isNull();
        assertThat(line.kubeletPid()).isEqualTo(-1);
        assertThat(line.kubeletNs()).isNull();
        assertThat(line.kubeletCpu()).isNull();
        assertThat(line.runtimePid()).isEqualTo(-1);
        assertThat(line.runtimeNs()).isNull();
        assertThat(line.pid1().schedNs()).isEqualTo(-1);
        assertThat(line.identities()).isNull();
        ProbeLine whole = ProbeLine.parse(LINE.replace("kubeletcpu=1204,81220,30117,-", "kubeletcpu=-")
                .replace("cpu=701026,1819846", "cpu=-,-").replace("self=2", "self=-"));
        assertThat(whole.kubeletCpu()).isNull();
        assertThat(whole.machine()).isNull();
        assertThat(whole.selfTicks()).isEqualTo(-1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pid1=20,1430,2852,1843120774|pid1=20,x,2852,1843120774|pid1=20,x,2852,1843120774",
        "pid1=20,1430,2852,1843120774|pid1=20,1430|pid1=20,1430",
        "mounts1=1873|mounts1=-3|mounts1=-3",
        "hz=100|hz=0|hz=0",
        "up=9161.05|up=9161.|up=9161.",
        "seq=1|seq=-|seq=-",
        "kubelet=2411,mnt:[4026531841]|kubelet=2411|kubelet=2411",
        "cpu=701026,1819846|cpu=701026,1819846,5|cpu=701026,1819846,5",
        "probe=18743,916104|probe=-,916104|probe=-,916104",
        " mounts1=1873| mounts1 =1873|mounts1",
        "boot=69126a33-49d9-4edf-8176-dc1a91cdec18|boot=a boot=b|boot=",
        " self=2| self=2 junk|junk",
    })
    void aMalformedLineFailsNamingTheBadToken(String good, String bad, String named) {
        assertThat(LINE).contains(good);
        String line = LINE.replace(good, bad);

        assertThatThrownBy(() -> ProbeLine.parse(line))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aLineWithoutARequiredTokenSaysWhichOne() {
        assertThatThrownBy(() -> ProbeLine.parse(LINE.replace(" mounts1=1873", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("probe line lacks mounts1=");
    }

    @Test
    void aProbeOfAnotherFormatIsRefusedRatherThanSkipped() {
        assertThatThrownBy(() -> ProbeLine.parse("kbprobe v3 seq=1 up=3.00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("probe line of format v3; this kubens-bench reads kbprobe v1 and v2");
    }

    @Test
    void tokensOfALaterProbeAreIgnored() {
        assertThat(ProbeLine.parse(LINE + " psi=0.12")).isEqualTo(ProbeLine.parse(LINE));
    }

    @Test
    void aLineBecomesASampleOnTheNodesClock() {
        Sample s = ProbeLine.parse(LINE).toSample(1_700_000_000_123L);

        assertThat(s.seq()).isEqualTo(1);
        assertThat(s.monotonicNs()).isEqualTo(9_161_050_000_000L);
        assertThat(s.epochMillis()).isEqualTo(1_700_000_000_123L);
        assertThat(s.machine()).isEqualTo(new MachineCpu(701026, 1819846));
        assertThat(s.processes()).extracting(ProcessReading::role)
                .containsExactly(Watched.SYSTEMD, Watched.KUBELET, Watched.HARNESS);

        ProcessReading systemd = s.process(Watched.SYSTEMD);
        assertThat(systemd.pid()).isEqualTo(1);
        assertThat(systemd.cpu().comm()).isEqualTo("systemd");
        assertThat(systemd.cpu().bootId()).isEqualTo("69126a33-49d9-4edf-8176-dc1a91cdec18");
        assertThat(systemd.cpu().startTimeTicks()).isEqualTo(20);
        assertThat(systemd.cpu().statTicks()).isEqualTo(1430 + 2852);
        assertThat(systemd.cpu().schedNs()).isEqualTo(1843120774L);
        assertThat(systemd.mounts()).isEqualTo(1873);
        assertThat(systemd.mntNs()).isEqualTo("mnt:[4026531841]");

        ProcessReading kubelet = s.process(Watched.KUBELET);
        assertThat(kubelet.pid()).isEqualTo(2411);
        assertThat(kubelet.cpu().statTicks()).isEqualTo(81220 + 30117);
        assertThat(kubelet.cpu().schedNs()).as("multi-threaded: stat ticks in ns")
                .isEqualTo((81220L + 30117) * 10_000_000L);
        assertThat(kubelet.mounts()).isEqualTo(-1);
        assertThat(kubelet.mntNs()).isEqualTo("mnt:[4026531841]");

        ProcessReading probe = s.process(Watched.HARNESS);
        assertThat(probe.pid()).isEqualTo(18743);
        assertThat(probe.cpu().startTimeTicks()).isEqualTo(916104);
        assertThat(probe.cpu().statTicks()).isEqualTo(2);
        assertThat(probe.cpu().schedNs()).isEqualTo(20_000_000L);
    }

    @Test
    void processesTheProbeCouldNotReadAreAbsentWithAReason() {
        Sample s = ProbeCaptures.lines("this-machine.txt").get(0).toSample(0);

        assertThat(s.process(Watched.SYSTEMD).present()).isTrue();
        assertThat(s.process(Watched.SYSTEMD).cpu().schedNs()).as("no schedstat: stat ticks in ns")
                .isEqualTo((1430L + 2852) * 10_000_000L);
        assertThat(s.process(Watched.KUBELET).present()).isFalse();
        assertThat(s.process(Watched.KUBELET).error()).contains("no kubelet");
        assertThat(s.process(Watched.HARNESS).present()).isTrue();
    }

    @Test
    void aCaptureGivesSystemdsRateFromCounterDeltasOnTheNodesClock() {
        CpuAccumulator acc = new CpuAccumulator(100);
        for (ProbeLine line : ProbeCaptures.lines("shared-namespace.txt")) {
            acc.add(line.toSample(0));
        }
        CpuTotals systemd = acc.totals().get(Watched.SYSTEMD);

        assertThat(systemd.elapsedNs()).isEqualTo(9_162_010_000_000L - 9_161_050_000_000L);
        assertThat(systemd.schedNs()).isEqualTo(1864610033L - 1843120774L);
        assertThat(systemd.statTicks()).isEqualTo((1440 + 2862) - (1430 + 2852));
        assertThat(systemd.resets()).isZero();
    }

    @Test
    void aRebootRestartsTheNodesCountersOnceAndNeverGivesANegativeRate() {
        CpuAccumulator acc = new CpuAccumulator(100);
        List<CpuInterval> intervals = new ArrayList<>();
        List<ProbeLine> lines = ProbeCaptures.lines("reboot.txt");
        for (ProbeLine line : lines) {
            Map<String, CpuInterval> step = acc.add(line.toSample(0));
            intervals.addAll(step.values());
        }
        Map<String, CpuTotals> totals = acc.totals();

        assertThat(lines).hasSize(6);
        assertThat(lines.get(3).bootId()).isNotEqualTo(lines.get(2).bootId());
        assertThat(totals.get(Watched.SYSTEMD).resets()).isEqualTo(1);
        assertThat(totals.get(Watched.SYSTEMD).lastReset()).contains("rebooted");
        assertThat(totals.get(Watched.KUBELET).resets()).isEqualTo(1);
        assertThat(totals.get(Watched.HARNESS).resets()).isEqualTo(1);
        assertThat(intervals).hasSize(3 * 4).allSatisfy(iv -> {
            assertThat(iv.elapsedNs()).isPositive();
            assertThat(iv.schedNs()).isNotNegative();
            assertThat(iv.statTicks()).isNotNegative();
        });
        assertThat(totals.get(Watched.SYSTEMD).schedNs())
                .isEqualTo((1853912410L - 1843120774L) + (7138822104L - 7123450991L));
        assertThat(totals.get(Watched.SYSTEMD).schedCores()).isBetween(0.0, 1.0);
    }
}
