package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.text.Numbers;
import io.kubensbench.workloads.time.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A rollout's time (worded in analysis, which cannot reach workloads) and a wait or an
 * estimate (worded by {@link Durations}) read alike wherever the CLI prints them side by side:
 * {@link Numbers#elapsed} is {@link Durations#rough} in the one module it cannot be.
 */
class ElapsedFormTest {

    @Test
    void aRolloutsTimeIsWrittenAsEveryOtherRoughDuration() {
        long[] millis = {0, 499, 500, 1_000, 59_499, 59_500, 61_000, 754_000, 3_599_499, 3_599_500, 3_600_000,
                3_659_999, 3_900_000, 90_000_000, 360_000_000};
        for (long ms : millis) {
            Duration d = Duration.ofMillis(ms);
            assertThat(Numbers.elapsed(d)).as("%d ms", ms).isEqualTo(Durations.rough(d));
        }
        assertThat(Numbers.elapsed(Duration.ofSeconds(-5))).isEqualTo(Durations.rough(Duration.ofSeconds(-5)));
        assertThat(Durations.rough(Duration.ofMinutes(62).plusSeconds(40))).isEqualTo("1h02m");
    }
}
