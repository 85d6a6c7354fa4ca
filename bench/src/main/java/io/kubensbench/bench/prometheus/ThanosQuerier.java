package io.kubensbench.bench.prometheus;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * OpenShift's monitoring stack as a Prometheus: the {@code thanos-querier} Route in
 * {@code openshift-monitoring}, which serves the Prometheus query API over every Prometheus
 * of the cluster (platform, and user workloads when enabled) to a bearer token allowed to view
 * cluster monitoring. Read as a generic resource, so no OpenShift client library is needed.
 */
public final class ThanosQuerier {

    public static final String NAMESPACE = "openshift-monitoring";
    public static final String NAME = "thanos-querier";
    public static final ResourceDefinitionContext ROUTE = new ResourceDefinitionContext.Builder()
            .withGroup("route.openshift.io").withVersion("v1").withKind("Route").withPlural("routes")
            .withNamespaced(true).build();

    /**
     * The querier's URL, or why there is none.
     *
     * @param url     https://HOST[/PATH] (http:// for a route without TLS); null when none
     * @param missing why none, in one line; null when found
     */
    public record Located(URI url, String missing) {
    }

    private ThanosQuerier() {
    }

    /** Looks the route up; a cluster without routes, the route or the right to read it says why. */
    public static Located locate(KubernetesClient client) {
        GenericKubernetesResource route;
        try {
            route = client.genericKubernetesResources(ROUTE).inNamespace(NAMESPACE).withName(NAME).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                return new Located(null, "you may not read route " + NAMESPACE + "/" + NAME + " (forbidden)");
            }
            return new Located(null, "route " + NAMESPACE + "/" + NAME + " could not be read: "
                    + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : e.getMessage()).replace('\n', ' '));
        }
        if (route == null) {
            return new Located(null, "the cluster has no route " + NAMESPACE + "/" + NAME
                    + " (not OpenShift, or no monitoring stack)");
        }
        Map<String, Object> spec = map(route.getAdditionalProperties().get("spec"));
        String host = text(spec.get("host"));
        if (host == null) {
            List<?> ingress = route.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                    && status.get("ingress") instanceof List<?> l ? l : List.of();
            host = ingress.isEmpty() ? null : text(map(ingress.get(0)).get("host"));
        }
        if (host == null || host.isBlank()) {
            return new Located(null, "route " + NAMESPACE + "/" + NAME + " has no host");
        }
        String path = text(spec.get("path"));
        String scheme = spec.get("tls") == null ? "http" : "https";
        try {
            String suffix = path == null || path.equals("/") ? "" : path;
            return new Located(URI.create(scheme + "://" + host + suffix), null);
        } catch (IllegalArgumentException e) {
            return new Located(null, "route " + NAMESPACE + "/" + NAME + " has a host that is not a URL: " + host);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Object o) {
        return o instanceof String s ? s : null;
    }
}
