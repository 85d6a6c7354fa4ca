package io.kubensbench.bench.cli;

import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.PrometheusSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --prometheus URL}, {@code --prometheus-ca FILE} and {@code --no-prometheus}: which
 * Prometheus a campaign's runs are compared with, over the campaign file's {@code prometheus}
 * block. A cluster campaign asks OpenShift's monitoring stack unless told otherwise; a lab
 * campaign asks only a URL it is given.
 */
final class PrometheusOptions {

    @Option(names = "--prometheus", paramLabel = "URL",
            description = "Compare each run's systemd CPU with this Prometheus (over prometheus.url; default on a"
                    + " cluster: OpenShift's thanos-querier route).")
    String url;

    @Option(names = "--prometheus-ca", paramLabel = "FILE",
            description = "PEM file of certificate authorities to trust for an https Prometheus, besides the JDK's.")
    Path caFile;

    @Option(names = "--no-prometheus", description = "Ask no Prometheus, whatever the campaign file says.")
    boolean off;

    /** The Prometheus wanted, the file's block with the options over it; null when none is. */
    PrometheusSpec effective(CampaignSpec spec) {
        return effective(spec.prometheus(), spec.target().isLab());
    }

    /**
     * The Prometheus wanted over {@code fromFile} (null when there is no file or it has no
     * block): on a cluster OpenShift's monitoring stack unless told otherwise, on the lab only a
     * URL given; null when none is.
     */
    PrometheusSpec effective(PrometheusSpec fromFile, boolean lab) {
        if (off) {
            if (url != null || caFile != null) {
                throw new IllegalArgumentException("--no-prometheus does not go with --prometheus or --prometheus-ca");
            }
            return null;
        }
        PrometheusSpec p = fromFile;
        if (p == null) {
            if (url == null && caFile == null) {
                return lab ? null : PrometheusSpec.defaults();
            }
            p = PrometheusSpec.defaults();
        }
        if (url != null) {
            p = p.withUrl(uri(url));
        }
        return caFile == null ? p : p.withCaFile(caFile);
    }

    private static URI uri(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--prometheus: not a URL: " + e.getReason());
        }
        PrometheusSpec.checkUrl("--prometheus", uri);
        return uri;
    }
}
