package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubensbench.bench.sampling.MountEventWindow;
import io.kubensbench.bench.sampling.MountTableCount;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.Watched;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PID 1's mount table as the probe counts it (format v2) and as the harness reads it: the
 * count a line carries, when it was made, the cumulative events, and what v1 lines give.
 */
class ProbeMountCountTest {

    /** A real v1 line of a node, as the earlier probe printed it. */
    private static final String V1 = ProbeCaptures.text("shared-namespace.txt").lines()
            .filter(l -> l.startsWith(ProbeLine.V1_PREFIX)).findFirst().orElseThrow();

    /** The same node's line as the v2 probe prints it, 3 lines after the count it repeats. */
    static String v2(long seq, String up, long mounts, String events, String counted) {
        return V1.replace("kbprobe v1 seq=1 up=9161.05", "kbprobe v2 seq=" + seq + " up=" + up)
                .replace(" mounts1=1873 ", " mounts1=" + (mounts < 0 ? "-" : mounts) + " events1=" + events
                        + " counted=" + counted + " ");
    }

    @Test
    void aV2LineCarriesItsLastCountAndWhenItWasMade() {
        ProbeLine line = ProbeLine.parse(v2(7, "9162.45", 1873, "412", "4,9161.75"));

        assertThat(line.seq()).isEqualTo(7);
        assertThat(line.mounts1()).isEqualTo(1873);
        assertThat(line.events1()).isEqualTo(412);
        assertThat(line.countedSeq()).isEqualTo(4);
        assertThat(line.countedUptimeNs()).isEqualTo(9_161_750_000_000L);
        assertThat(line.countedHere()).isFalse();
        assertThat(line.mountCount()).isEqualTo(new MountTableCount("69126a33-49d9-4edf-8176-dc1a91cdec18/18743/916104",
                4, 9_161_750_000_000L, 1873, 412));
    }

    @Test
    void aSampleHasPid1sMountsOnlyFromTheLineThatCountedThem() {
        Sample counted = ProbeLine.parse(v2(4, "9161.75", 1873, "412", "4,9161.75")).toSample(0);
        Sample repeated = ProbeLine.parse(v2(5, "9161.95", 1873, "412", "4,9161.75")).toSample(0);

        assertThat(counted.process(Watched.SYSTEMD).mounts()).isEqualTo(1873);
        assertThat(repeated.process(Watched.SYSTEMD).mounts()).as("not counted on this line").isEqualTo(-1);
        assertThat(repeated.mountCount()).isEqualTo(counted.mountCount());
    }

    @Test
    void aV1LineCountedItsMountsOnItsOwnLineAndNoEvents() {
        ProbeLine line = ProbeLine.parse(V1);

        assertThat(line.countedHere()).isTrue();
        assertThat(line.events1()).isEqualTo(-1);
        assertThat(line.mountCount().mounts()).isEqualTo(1873);
        assertThat(line.mountCount().countedAtNs()).isEqualTo(line.uptimeNs());
        assertThat(line.toSample(0).process(Watched.SYSTEMD).mounts()).isEqualTo(1873);
        assertThat(line.eventsSince(line).events()).as("v1 probes did not count events").isEqualTo(-1);
    }

    @Test
    void beforeItsFirstCountALineCarriesNoCount() {
        ProbeLine line = ProbeLine.parse(v2(1, "9161.05", -1, "-", "-"));

        assertThat(line.mounts1()).isEqualTo(-1);
        assertThat(line.mountCount()).isNull();
        assertThat(line.toSample(0).mountCount()).isNull();
        assertThat(line.toSample(0).process(Watched.SYSTEMD).mounts()).isEqualTo(-1);
    }

    @Test
    void eventsBetweenTwoLinesAreTheDifferenceBetweenTheirCountsOverTheTimeBetweenThem() {
        ProbeLine from = ProbeLine.parse(v2(10, "9163.05", 1873, "100", "8,9162.65"));
        ProbeLine to = ProbeLine.parse(v2(30, "9167.05", 1888, "160", "29,9166.85"));

        MountEventWindow.Count count = to.eventsSince(from);

        assertThat(count.events()).isEqualTo(60);
        assertThat(count.spanNs()).isEqualTo(4_200_000_000L);
        assertThat(count.perSecond()).isCloseTo(60 / 4.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(count.gaps()).isZero();
        assertThat(ProbeReadings.eventsBetween(java.util.Map.of("worker-a", from), java.util.Map.of("worker-a", to,
                "worker-b", to))).containsOnlyKeys("worker-a").containsEntry("worker-a", count);
    }

    @Test
    void aRestartedProbeCountsFromZeroAndIsNotComparedWithTheOldOne() {
        ProbeLine before = ProbeLine.parse(v2(10, "9163.05", 1873, "100", "8,9162.65"));
        ProbeLine restarted = ProbeLine.parse(v2(2, "9170.05", 1873, "3", "2,9170.05")
                .replace("probe=18743,916104", "probe=19001,917000"));

        MountEventWindow.Count count = restarted.eventsSince(before);

        assertThat(count.events()).isEqualTo(-1);
        assertThat(count.gaps()).isEqualTo(1);
        assertThat(count.perSecond()).isNaN();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "counted=4,9161.75|counted=4|counted=4",
        "counted=4,9161.75|counted=x,9161.75|counted=x,9161.75",
        "counted=4,9161.75|counted=4,9161.|counted=4,9161.",
        "counted=4,9161.75|counted=9,9161.75|counted=9,9161.75",
        "counted=4,9161.75|counted=4,-|counted=4,-",
        "events1=412|events1=-5|events1=-5",
    })
    void aMalformedCountFailsNamingTheToken(String good, String bad, String named) {
        String line = v2(7, "9162.45", 1873, "412", "4,9161.75");
        assertThat(line).contains(good);

        assertThatThrownBy(() -> ProbeLine.parse(line.replace(good, bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }

    @Test
    void aV2LineWithoutItsCountTokensSaysWhichIsMissing() {
        String line = v2(7, "9162.45", 1873, "412", "4,9161.75");

        assertThatThrownBy(() -> ProbeLine.parse(line.replace(" events1=412", "")))
                .hasMessageStartingWith("probe line lacks events1=");
        assertThatThrownBy(() -> ProbeLine.parse(line.replace(" counted=4,9161.75", "")))
                .hasMessageStartingWith("probe line lacks counted=");
    }
}
