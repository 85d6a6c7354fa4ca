package io.kubensbench.workloads.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    private final FakeTicker ticker = new FakeTicker();

    @Test
    void looksUntilWhatItSeesWillDo() throws Exception {
        AtomicInteger looks = new AtomicInteger();

        int seen = Poll.until(Deadline.after(Duration.ofSeconds(10), ticker), Duration.ofSeconds(1),
                looks::incrementAndGet, n -> n == 3);

        assertThat(seen).isEqualTo(3);
        assertThat(ticker.sleeps).hasSize(2);
    }

    @Test
    void returnsTheLastLookWhenTheDeadlinePasses() throws Exception {
        AtomicInteger looks = new AtomicInteger();

        int seen = Poll.until(Deadline.after(Duration.ofMillis(2500), ticker), Duration.ofSeconds(1),
                looks::incrementAndGet, n -> false);

        assertThat(seen).as("looks at 0, 1, 2 and 2.5 s").isEqualTo(4);
    }

    @Test
    void aFailedLookEndsTheWait() {
        assertThatThrownBy(() -> Poll.until(Deadline.after(Duration.ofSeconds(1), ticker), Duration.ZERO, () -> {
            throw new IOException("gone");
        }, x -> false)).isInstanceOf(IOException.class).hasMessage("gone");
    }
}
