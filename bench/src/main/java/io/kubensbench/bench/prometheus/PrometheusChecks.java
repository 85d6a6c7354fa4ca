package io.kubensbench.bench.prometheus;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.bench.campaign.PrometheusSpec;
import io.kubensbench.bench.http.SecretFile;
import io.kubensbench.bench.http.TrustedCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The way to a campaign's {@link PrometheusCheck}: the URL the campaign or the command line
 * gives, or on a cluster without one, OpenShift's monitoring stack ({@link ThanosQuerier}),
 * asked with the kubeconfig's bearer token. TLS is verified against the JDK's authorities, a
 * CA file the user names and, for the cluster's own querier, the kubeconfig's cluster CA.
 * When there is no Prometheus to ask, one line says why and the campaign runs without.
 */
public final class PrometheusChecks {

    private static final String CA_FILE = "the Prometheus CA file";
    private static final String NO_URL_ON_LAB = "prometheus: a lab node has no monitoring stack to find;"
            + " give prometheus.url or --prometheus URL";

    private PrometheusChecks() {
    }

    /**
     * Refuses, before anything starts, what {@link #open} would refuse: a CA or token file that
     * cannot be used, or a lab campaign without a URL.
     *
     * @param onCluster whether the campaign's target is a cluster, where a Prometheus can be found
     */
    public static void check(PrometheusSpec spec, boolean onCluster) {
        if (spec == null) {
            return;
        }
        if (spec.url() == null && !onCluster) {
            throw new IllegalArgumentException(NO_URL_ON_LAB);
        }
        if (spec.caFile() != null) {
            TrustedCertificates.file(spec.caFile(), CA_FILE);
        }
        if (spec.bearerTokenFile() != null) {
            token(spec.bearerTokenFile());
        }
    }

    /**
     * The check a campaign asks, or none.
     *
     * @param spec   what the campaign and command line state; null when no Prometheus is wanted
     * @param client the cluster's client; null on the lab, where only a given URL is asked
     * @param say    where lines for the user go (once each)
     * @throws IllegalArgumentException for a CA or token file that cannot be used, and for a lab
     *     campaign without a URL
     */
    public static Optional<PrometheusCheck> open(PrometheusSpec spec, KubernetesClient client, Consumer<String> say) {
        if (spec == null) {
            return Optional.empty();
        }
        List<X509Certificate> trusted = new ArrayList<>();
        if (spec.caFile() != null) {
            trusted.addAll(TrustedCertificates.file(spec.caFile(), CA_FILE));
        }
        String token = spec.bearerTokenFile() == null ? null : token(spec.bearerTokenFile());
        PrometheusEndpoint endpoint;
        if (spec.url() != null) {
            endpoint = new PrometheusEndpoint(spec.url(), token, TrustedCertificates.context(trusted),
                    spec.url().toString());
        } else if (client == null) {
            throw new IllegalArgumentException(NO_URL_ON_LAB);
        } else {
            ThanosQuerier.Located querier = ThanosQuerier.locate(client);
            if (querier.url() == null) {
                say.accept("no Prometheus beside the probe: " + querier.missing()
                        + "; pass --prometheus URL to compare with another");
                return Optional.empty();
            }
            Config config = client.getConfiguration();
            if (token == null) {
                token = kubeconfigToken(config);
            }
            if (token == null) {
                say.accept("no Prometheus beside the probe: the kubeconfig holds no bearer token for "
                        + ThanosQuerier.NAME + " (a client certificate is not accepted there); log in with oc login, or pass"
                        + " --prometheus URL");
                return Optional.empty();
            }
            if (config.getCaCertData() != null) {
                trusted.addAll(TrustedCertificates.base64(config.getCaCertData()));
            } else if (config.getCaCertFile() != null) {
                trusted.addAll(TrustedCertificates.parse(readQuietly(Path.of(config.getCaCertFile()))));
            }
            endpoint = new PrometheusEndpoint(querier.url(), token, TrustedCertificates.context(trusted),
                    "OpenShift's " + ThanosQuerier.NAME + " (" + querier.url() + ")");
        }
        PrometheusCheck check = new PrometheusCheck(new PrometheusApi(endpoint), new QueryTemplate(spec.query()), say);
        say.accept("asking Prometheus at " + endpoint.where() + " for systemd's CPU per run and node: " + spec.query());
        return Optional.of(check);
    }

    /** The kubeconfig's bearer token, as the client would send it; null when it authenticates otherwise. */
    static String kubeconfigToken(Config config) {
        if (config.getOauthTokenProvider() != null) {
            String t = config.getOauthTokenProvider().getToken();
            if (t != null && !t.isBlank()) {
                return t;
            }
        }
        if (config.getAutoOAuthToken() != null && !config.getAutoOAuthToken().isBlank()) {
            return config.getAutoOAuthToken();
        }
        return config.getOauthToken() == null || config.getOauthToken().isBlank() ? null : config.getOauthToken();
    }

    private static String token(Path file) {
        return SecretFile.read(file, "prometheus.bearerTokenFile");
    }

    private static byte[] readQuietly(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
