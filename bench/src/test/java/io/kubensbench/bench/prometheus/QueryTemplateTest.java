package io.kubensbench.bench.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A query filled for a node and a window: the same window as the harness's, a name that cannot break out. */
class QueryTemplateTest {

    @Test
    void theDefaultQueryAsksForTheNodesInitScopeOverTheWindow() {
        assertThat(QueryTemplate.DEFAULT.render("worker-1", Duration.ofMillis(20_000))).isEqualTo(
                "sum(rate(container_cpu_usage_seconds_total{id=\"/init.scope\",node=\"worker-1\"}[20s]))");
    }

    @Test
    void theWindowIsInWholeMillisecondsAndNeverZero() {
        assertThat(QueryTemplate.duration(Duration.ofNanos(8_003_400_000L))).isEqualTo("8003ms");
        assertThat(QueryTemplate.duration(Duration.ofMinutes(5))).isEqualTo("300s");
        assertThat(QueryTemplate.duration(Duration.ofNanos(10))).isEqualTo("1ms");
    }

    @Test
    void aNodeNameIsQuotedForPromqlAndPlaceholdersMayHaveSpaces() {
        QueryTemplate t = new QueryTemplate("up{node=\"{{ node }}\"}[{{window}}] or vector({{node}})");
        assertThat(t.render("a\"}b\\c$1", Duration.ofSeconds(2))).isEqualTo(
                "up{node=\"a\\\"}b\\\\c$1\"}[2s] or vector(a\\\"}b\\\\c$1)");
    }
}
