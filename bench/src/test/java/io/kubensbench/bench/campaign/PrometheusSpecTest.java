package io.kubensbench.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.AgreementTolerance;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The campaign file's prometheus block: every field read, and what leaving it out means. */
class PrometheusSpecTest {

    private static final String HEAD = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: test
            target: {lab: {}}
            workload: {}
            arms: [off, on]
            """;

    private final CampaignReader reader = new CampaignReader(new LabCapacity(LabCapacity.DEFAULT_MOUNT_MAX));

    private CampaignSpec parse(String body) {
        return reader.parse(HEAD + body, "c.yaml");
    }

    @Test
    void everyFieldIsRead() {
        PrometheusSpec p = parse("""
                prometheus:
                  url: https://thanos-querier-openshift-monitoring.apps.example.com
                  query: 'sum(rate(namedprocess_namegroup_cpu_seconds_total{groupname="systemd",instance="{{node}}"}[{{ window }}]))'
                  tolerance: {relative: 0.2, cores: 0.01}
                  caFile: /etc/pki/ingress-ca.crt
                  bearerTokenFile: /run/secrets/token
                """).prometheus();
        assertThat(p.url()).isEqualTo(URI.create("https://thanos-querier-openshift-monitoring.apps.example.com"));
        assertThat(p.query()).contains("{{node}}", "{{ window }}");
        assertThat(p.tolerance()).isEqualTo(new AgreementTolerance(0.2, 0.01));
        assertThat(p.caFile()).isEqualTo(Path.of("/etc/pki/ingress-ca.crt"));
        assertThat(p.bearerTokenFile()).isEqualTo(Path.of("/run/secrets/token"));
    }

    @Test
    void anEmptyBlockTakesTheDefaultsAndNoBlockIsNoPrometheus() {
        assertThat(parse("prometheus: {}\n").prometheus()).isEqualTo(PrometheusSpec.defaults());
        assertThat(parse("prometheus:\n").prometheus()).isEqualTo(PrometheusSpec.defaults());
        assertThat(PrometheusSpec.defaults().query()).isEqualTo("sum(rate(container_cpu_usage_seconds_total"
                + "{id=\"/init.scope\",node=\"{{node}}\"}[{{window}}]))");
        assertThat(PrometheusSpec.defaults().tolerance()).isEqualTo(new AgreementTolerance(0.10, 0.005));
        assertThat(parse("").prometheus()).isNull();
    }

    @Test
    void aToleranceFieldLeftOutKeepsItsDefault() {
        assertThat(parse("prometheus: {tolerance: {cores: 0.02}}\n").prometheus().tolerance())
                .isEqualTo(new AgreementTolerance(0.10, 0.02));
    }
}
