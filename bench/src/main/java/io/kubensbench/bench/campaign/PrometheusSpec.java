package io.kubensbench.bench.campaign;

import io.kubensbench.analysis.results.AgreementTolerance;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The campaign file's {@code prometheus} block: which Prometheus to ask for systemd's CPU
 * beside the harness's own figure, with what query, and how far apart the two may be. A
 * performance team reads its cluster's dashboards; this relates kubens-bench's numbers to
 * theirs. Every field may be left out: without {@code url}, a cluster campaign asks
 * OpenShift's monitoring stack (its {@code thanos-querier} route) and a lab campaign asks none.
 *
 * @param url             where Prometheus's HTTP API is; null to find it on the cluster
 * @param query           the query template; null for {@link #DEFAULT_QUERY}
 * @param tolerance       when the two figures disagree
 * @param caFile          a PEM file of certificate authorities to trust besides the JDK's; null for none
 * @param bearerTokenFile a file whose content is sent as a bearer token to {@code url}; null for none
 */
public record PrometheusSpec(URI url, String query, AgreementTolerance tolerance, Path caFile, Path bearerTokenFile) {

    /** The placeholder for the node's name, as the runs name it. */
    public static final String NODE = "node";
    /** The placeholder for the window's length as a PromQL duration, e.g. {@code 20s} or {@code 9876ms}. */
    public static final String WINDOW = "window";
    public static final List<String> PLACEHOLDERS = List.of(NODE, WINDOW);

    /**
     * cAdvisor's CPU counter of systemd's cgroup ({@code /init.scope}) on the node, as the
     * kubelet exposes it and OpenShift's monitoring stack labels it with {@code node}, as a rate
     * over the window: cores.
     */
    public static final String DEFAULT_QUERY =
            "sum(rate(container_cpu_usage_seconds_total{id=\"/init.scope\",node=\"{{node}}\"}[{{window}}]))";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

    public PrometheusSpec {
        query = query == null ? DEFAULT_QUERY : query;
        tolerance = tolerance == null ? AgreementTolerance.DEFAULT : tolerance;
        if (url != null) {
            checkUrl("prometheus.url", url);
        }
        checkQuery("prometheus.query", query);
    }

    /** Nothing stated: the defaults, and the URL found on the cluster. */
    public static PrometheusSpec defaults() {
        return new PrometheusSpec(null, null, null, null, null);
    }

    public PrometheusSpec withUrl(URI url) {
        return new PrometheusSpec(url, query, tolerance, caFile, bearerTokenFile);
    }

    public PrometheusSpec withCaFile(Path caFile) {
        return new PrometheusSpec(url, query, tolerance, caFile, bearerTokenFile);
    }

    /** Refuses anything but an absolute http or https URL with a host. */
    public static void checkUrl(String path, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null || url.getHost().isEmpty()) {
            throw new InvalidCampaignException(path, "must be an http or https URL with a host, such as"
                    + " http://127.0.0.1:9090 (got " + Shown.text(url.toString()) + ")");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new InvalidCampaignException(path, "must be the server's base URL, without ?query or #fragment"
                    + " (got " + Shown.text(url.toString()) + ")");
        }
    }

    /** The placeholders a query template uses, each known; otherwise one line naming the unknown one. */
    static void checkQuery(String path, String query) {
        if (query.isBlank()) {
            throw new InvalidCampaignException(path, "must not be blank");
        }
        Matcher m = PLACEHOLDER.matcher(query);
        List<String> unknown = new ArrayList<>();
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add("{{" + m.group(1) + "}}");
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidCampaignException(path, "unknown placeholder " + String.join(", ", unknown)
                    + " (known: {{node}}, the node's name; {{window}}, the window as a PromQL duration)");
        }
    }
}
