package io.kubensbench.bench.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Parsing real /proc/PID/stat and schedstat lines, including hostile process names. */
class ProcStatTest {

    /** Captured from a Debian 12 machine (kernel 6.18): PID 1 there was not systemd. */
    private static final String PID1 = "1 (process_api) S 0 0 0 0 -1 4194560 17316 2335731 0 495 285 496 "
            + "20121 5382 10 -10 13 0 20 37736448 2170 18446744073709551615 1 1 0 0 0 0 0 4096 1256 0 0 0 17 1 "
            + "0 0 0 0 0 0 0 0 0 0 0 0 0\n";
    private static final String SD_PAM = "1052 ((sd-pam)) S 1051 1051 1051 0 -1 1077936448 50 0 0 0 3 7 0 0 "
            + "20 0 1 0 1204 106823680 1283 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 "
            + "0 0 0 0\n";
    private static final String NASTY = "4242 (a) b) R 1 4242 4242 0 -1 4194304 102 0 0 0 150 25 0 0 20 0 "
            + "3 0 210378 3133440 418 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

    @Test
    void readsTheCpuFieldsOfARealLine() {
        ProcStat s = ProcStat.parse(PID1);
        assertThat(s.pid()).isEqualTo(1);
        assertThat(s.comm()).isEqualTo("process_api");
        assertThat(s.state()).isEqualTo('S');
        assertThat(s.utimeTicks()).isEqualTo(285);
        assertThat(s.stimeTicks()).isEqualTo(496);
        assertThat(s.cpuTicks()).isEqualTo(781);
        assertThat(s.threads()).isEqualTo(13);
        assertThat(s.startTimeTicks()).isEqualTo(20);
    }

    @Test
    void aNameInParenthesesIsKeptWhole() {
        ProcStat s = ProcStat.parse(SD_PAM);
        assertThat(s.comm()).isEqualTo("(sd-pam)");
        assertThat(s.utimeTicks()).isEqualTo(3);
        assertThat(s.stimeTicks()).isEqualTo(7);
        assertThat(s.startTimeTicks()).isEqualTo(1204);
    }

    @Test
    void aNameWithASpaceAndAClosingParenthesisIsKeptWhole() {
        ProcStat s = ProcStat.parse(NASTY);
        assertThat(s.pid()).isEqualTo(4242);
        assertThat(s.comm()).isEqualTo("a) b");
        assertThat(s.state()).isEqualTo('R');
        assertThat(s.cpuTicks()).isEqualTo(175);
        assertThat(s.threads()).isEqualTo(3);
        assertThat(s.startTimeTicks()).isEqualTo(210378);
    }

    @Test
    void aTruncatedLineIsRefusedQuotingIt() {
        assertThatThrownBy(() -> ProcStat.parse("17 (x) S 1 2 3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a /proc/PID/stat line: 17 (x) S 1 2 3");
        assertThatThrownBy(() -> ProcStat.parse("garbage")).hasMessageContaining("garbage");
    }

    @Test
    void schedstatGivesOnCpuNanoseconds() {
        SchedStat s = SchedStat.parse("1561246 454795 2\n");
        assertThat(s.onCpuNs()).isEqualTo(1561246);
        assertThat(s.runQueueNs()).isEqualTo(454795);
        assertThat(s.timeslices()).isEqualTo(2);
        assertThatThrownBy(() -> SchedStat.parse("12 x")).hasMessageContaining("schedstat");
    }
}
