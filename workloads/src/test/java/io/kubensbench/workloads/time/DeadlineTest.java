package io.kubensbench.workloads.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private final FakeTicker ticker = new FakeTicker();

    @Test
    void sleepsThePollIntervalButNeverPastTheDeadline() throws InterruptedException {
        Deadline deadline = Deadline.after(Duration.ofMillis(250), ticker);

        deadline.sleep(Duration.ofMillis(100));
        deadline.sleep(Duration.ofMillis(100));
        assertThat(deadline.passed()).isFalse();
        deadline.sleep(Duration.ofMillis(100));
        deadline.sleep(Duration.ofMillis(100));

        assertThat(ticker.sleeps).containsExactly(100_000_000L, 100_000_000L, 50_000_000L);
        assertThat(deadline.passed()).isTrue();
        assertThat(deadline.remainingNanos()).isZero();
        assertThat(deadline.elapsed()).isEqualTo(Duration.ofMillis(250));
        assertThat(deadline.timeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aZeroTimeoutHasPassedAtOnce() {
        assertThat(Deadline.after(Duration.ZERO, ticker).passed()).isTrue();
    }
}
