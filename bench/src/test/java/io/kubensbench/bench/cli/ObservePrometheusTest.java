package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.observe.WindowCheck;
import io.kubensbench.bench.prometheus.PrometheusApi;
import io.kubensbench.bench.prometheus.PrometheusCheck;
import io.kubensbench.bench.prometheus.PrometheusEndpoint;
import io.kubensbench.bench.prometheus.QueryTemplate;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * An observation's windows are asked of Prometheus as a campaign's runs are: a Prometheus that
 * cannot be reached leaves each window's record with the reason, says so once, and the
 * window is still written; after Ctrl-C nobody is asked.
 */
class ObservePrometheusTest {

    private static RunRecord window(String node) {
        Instant end = Instant.parse("2026-11-29T12:01:00Z");
        return RunRecord.builder().index(0).attempt("a").repetition(1).level("workload=external").pods(0)
                .arm("off").encapsulation("off").node(node).startedAt(end.minusSeconds(60).toString())
                .endedAt(end.toString()).measureNs(60_000_000_000L).systemdSchedNs(6_000_000_000L)
                .ticksPerSecond(100).mountEvents(-1).systemdMounts(300).kubeletMounts(-1).samples(60).valid(true)
                .build();
    }

    @Test
    void anUnreachablePrometheusLeavesTheReasonOnEachWindowSaidOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port);
        List<String> said = new ArrayList<>();
        PrometheusCheck check = new PrometheusCheck(new PrometheusApi(new PrometheusEndpoint(url, null, null,
                url.toString()), Duration.ofSeconds(1), Duration.ofSeconds(1)), QueryTemplate.DEFAULT, said::add);
        WindowCheck windows = ObserveSession.prometheusCheck(check, new AtomicBoolean());

        RunRecord a = windows.amend(window("worker-a"));
        RunRecord b = windows.amend(window("worker-b"));

        assertThat(List.of(a, b)).allSatisfy(r -> {
            assertThat(r.prometheusCores()).isNull();
            assertThat(r.prometheusMissing()).isNotBlank();
            assertThat(r.systemdSchedNs()).as("the probe's figure is kept").isEqualTo(6_000_000_000L);
        });
        assertThat(said).hasSize(1);
    }

    @Test
    void afterCtrlCNobodyIsAsked() throws Exception {
        List<String> said = new ArrayList<>();
        URI url = URI.create("http://127.0.0.1:1");
        PrometheusCheck check = new PrometheusCheck(new PrometheusApi(new PrometheusEndpoint(url, null, null,
                url.toString())), QueryTemplate.DEFAULT, said::add);

        RunRecord r = ObserveSession.prometheusCheck(check, new AtomicBoolean(true)).amend(window("worker-a"));

        assertThat(r.prometheusCores()).isNull();
        assertThat(r.prometheusMissing()).isNull();
        assertThat(said).isEmpty();
    }
}
