package io.kubensbench.workloads.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsTheUnitsEngineersWrite() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aBareNumberIsRefusedWithAHint() {
        assertThatThrownBy(() -> Durations.parse("5")).hasMessage("duration '5' has no unit (write e.g. 5s or 5ms)");
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> Durations.parse("5 parsecs")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Durations.parse("s5")).hasMessageContaining("not a duration");
    }

    @Test
    void theExactFormIsWhatTheUserWrites() {
        assertThat(Durations.exact(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.exact(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.exact(Duration.ofSeconds(3_725))).isEqualTo("1h2m5s");
        assertThat(Durations.exact(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.exact(Duration.ofNanos(250_000))).isEqualTo("250us");
        assertThat(Durations.exact(Duration.ofNanos(7))).isEqualTo("7ns");
        assertThat(Durations.exact(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void theExactFormReadsBackToTheSameDuration() {
        for (String s : new String[] {"500ms", "20s", "2m", "1h", "1m30s", "1h30m", "1500ms", "250us", "7ns", "0s"}) {
            assertThat(Durations.exact(Durations.parse(s))).isEqualTo(s);
        }
        for (long nanos : new long[] {1, 999, 1_000_001, 61_500_000_000L, 3_600_000_000_001L, 86_400_000_000_000L}) {
            assertThat(Durations.parse(Durations.exact(Duration.ofNanos(nanos)))).isEqualTo(Duration.ofNanos(nanos));
        }
    }

    @Test
    void theRoughFormRoundsToTheSecondAndDropsSecondsPastAnHour() {
        assertThat(Durations.rough(Duration.ofMillis(65_600))).isEqualTo("1m06s");
        assertThat(Durations.rough(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.rough(Duration.ofSeconds(3_725))).isEqualTo("1h02m");
        assertThat(Durations.rough(Duration.ofMillis(400))).isEqualTo("0s");
    }
}
