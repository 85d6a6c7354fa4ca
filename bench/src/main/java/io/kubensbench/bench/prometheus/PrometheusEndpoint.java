package io.kubensbench.bench.prometheus;

import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * Where a Prometheus HTTP API is and how to talk to it. The bearer token is never shown: not
 * by {@link #toString()}, not in any message.
 *
 * @param url         the server's base URL (the API is under {@code /api/v1})
 * @param bearerToken sent as {@code Authorization: Bearer ...}; null for none
 * @param tls         the trust for https: the JDK's authorities and any added; null for the JDK's alone
 * @param where       how messages name it, e.g. the URL or "OpenShift's thanos-querier route (https://...)"
 */
public record PrometheusEndpoint(URI url, String bearerToken, SSLContext tls, String where) {

    @Override
    public String toString() {
        return where + (bearerToken == null ? "" : " (with a bearer token)");
    }
}
