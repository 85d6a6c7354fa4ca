package io.kubensbench.workloads.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterWorkloadOptionsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void defaultsAreTheKubeletClientBudgetAndGenerousTimeouts() {
        ClusterWorkloadOptions defaults = ClusterWorkloadOptions.defaults();

        assertThat(defaults.qps()).isEqualTo(20);
        assertThat(defaults.burst()).isEqualTo(40);
        assertThat(defaults.runningTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.deleteTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.newRateLimiter().qps()).isEqualTo(20);
        assertThat(defaults.newRateLimiter().burst()).isEqualTo(40);
    }

    @Test
    void acceptsTheLimits() {
        assertThat(new ClusterWorkloadOptions(10_000, 1, MINUTE, MINUTE).qps()).isEqualTo(10_000);
        assertThat(new ClusterWorkloadOptions(0.5, 1, MINUTE, MINUTE).qps()).isEqualTo(0.5);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 10_000.5, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsQpsOutsideTheRange(double qps) {
        assertThatThrownBy(() -> new ClusterWorkloadOptions(qps, 1, MINUTE, MINUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("qps must be greater than 0 and at most 10000 (got " + qps + ")");
    }

    @Test
    void rejectsAnEmptyBurst() {
        assertThatThrownBy(() -> new ClusterWorkloadOptions(20, 0, MINUTE, MINUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("burst must be at least 1 (got 0)");
    }

    @Test
    void rejectsTimeoutsThatAreNotPositive() {
        assertThatThrownBy(() -> new ClusterWorkloadOptions(20, 40, Duration.ZERO, MINUTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("runningTimeout must be a positive duration (got 0s)");
        assertThatThrownBy(() -> new ClusterWorkloadOptions(20, 40, null, MINUTE))
                .hasMessage("runningTimeout must be a positive duration (got null)");
        assertThatThrownBy(() -> new ClusterWorkloadOptions(20, 40, MINUTE, Duration.ofSeconds(-5)))
                .hasMessage("deleteTimeout must be a positive duration (got -5s)");
    }
}
