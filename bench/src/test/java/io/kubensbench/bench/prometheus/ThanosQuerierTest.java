package io.kubensbench.bench.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kubensbench.bench.campaign.PrometheusSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Finding OpenShift's monitoring stack as the campaign's Prometheus, on fabric8's mock API
 * server in CRUD mode: the thanos-querier Route as the cluster serves it, asked with the
 * kubeconfig's bearer token; and the one line said when there is nothing to ask.
 */
@EnableKubernetesMockClient(crud = true)
class ThanosQuerierTest {

    private static final String HOST = "thanos-querier-openshift-monitoring.apps.perf.example.com";

    KubernetesClient client;

    private final List<String> said = new ArrayList<>();

    private void createRoute(boolean tls) {
        Map<String, Object> spec = new java.util.LinkedHashMap<>(Map.of("host", HOST, "path", "/",
                "port", Map.of("targetPort", "web"), "to", Map.of("kind", "Service", "name", "thanos-querier")));
        if (tls) {
            spec.put("tls", Map.of("termination", "reencrypt", "insecureEdgeTerminationPolicy", "Redirect"));
        }
        GenericKubernetesResource route = new GenericKubernetesResourceBuilder()
                .withApiVersion("route.openshift.io/v1").withKind("Route")
                .withNewMetadata().withName(ThanosQuerier.NAME).withNamespace(ThanosQuerier.NAMESPACE).endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
        client.genericKubernetesResources(ThanosQuerier.ROUTE).inNamespace(ThanosQuerier.NAMESPACE).resource(route)
                .create();
    }

    private KubernetesClient withToken(String token) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withOauthToken(token).build()).build();
    }

    @Test
    void theQueriersRouteIsAskedOverHttpsWithTheKubeconfigsToken() {
        createRoute(true);
        try (KubernetesClient user = withToken("sha256~user-token")) {
            PrometheusCheck check = PrometheusChecks.open(PrometheusSpec.defaults(), user, said::add).orElseThrow();
            assertThat(check.endpoint().url()).isEqualTo(URI.create("https://" + HOST));
            assertThat(check.endpoint().bearerToken()).isEqualTo("sha256~user-token");
            assertThat(check.endpoint().tls()).isNotNull();
            assertThat(check.where()).isEqualTo("OpenShift's thanos-querier (https://" + HOST + ")");
            assertThat(check.query().text()).isEqualTo(PrometheusSpec.DEFAULT_QUERY);
            assertThat(said).containsExactly("asking Prometheus at OpenShift's thanos-querier (https://" + HOST
                    + ") for systemd's CPU per run and node: " + PrometheusSpec.DEFAULT_QUERY);
            assertThat(check.endpoint().toString()).doesNotContain("user-token");
        }
    }

    @Test
    void aRouteWithoutTlsIsPlainHttp() {
        createRoute(false);
        assertThat(ThanosQuerier.locate(client).url()).isEqualTo(URI.create("http://" + HOST));
    }

    @Test
    void aClusterWithoutTheRouteIsSaidOnceAndTheCampaignRunsWithout() {
        try (KubernetesClient user = withToken("sha256~user-token")) {
            Optional<PrometheusCheck> check = PrometheusChecks.open(PrometheusSpec.defaults(), user, said::add);
            assertThat(check).isEmpty();
            assertThat(said).containsExactly("no Prometheus beside the probe: the cluster has no route"
                    + " openshift-monitoring/thanos-querier (not OpenShift, or no monitoring stack); pass --prometheus"
                    + " URL to compare with another");
        }
    }

    @Test
    void aKubeconfigWithoutABearerTokenIsSaidAndTheCampaignRunsWithout() {
        createRoute(true);
        try (KubernetesClient certificateOnly = withToken(null)) {
            assertThat(PrometheusChecks.open(PrometheusSpec.defaults(), certificateOnly, said::add)).isEmpty();
            assertThat(said).singleElement().asString().startsWith("no Prometheus beside the probe: the kubeconfig holds"
                    + " no bearer token for thanos-querier");
        }
    }

    @Test
    void aUrlGivenIsAskedWithoutTheKubeconfigsToken() {
        createRoute(true);
        try (KubernetesClient user = withToken("sha256~user-token")) {
            URI given = URI.create("http://prometheus.example:9090");
            PrometheusCheck check = PrometheusChecks.open(PrometheusSpec.defaults().withUrl(given), user, said::add)
                    .orElseThrow();
            assertThat(check.endpoint().url()).isEqualTo(given);
            assertThat(check.endpoint().bearerToken()).isNull();
        }
    }
}
