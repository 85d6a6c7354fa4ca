package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The API calls of one deployment, in one namespace and under its labels. Every write waits
 * for the campaign's {@link RateLimiter} first, so the pace of creates and deletes is the
 * campaign's whoever calls, and is tried again while the API server throttles it
 * ({@link Throttling}); reads are not limited.
 */
final class WorkloadApi {

    private final KubernetesClient client;
    private final RateLimiter limiter;
    private final String namespace;
    private final Map<String, String> selector;
    private final Throttling throttling;

    WorkloadApi(KubernetesClient client, RateLimiter limiter, String namespace, Map<String, String> selector,
            Throttling throttling) {
        this.client = client;
        this.limiter = limiter;
        this.namespace = namespace;
        this.selector = selector;
        this.throttling = throttling;
    }

    /** Creates {@code object}, or takes it when an earlier try of this deployment made it. */
    void create(HasMetadata object) throws IOException, InterruptedException {
        throttling.run(() -> {
            limiter.acquire();
            CreateOrAdopt.create(client.resource(object), object, selector, "use another namespace or run id");
        });
    }

    /** Deletes {@code object} with grace period 0; one already gone is fine. */
    void delete(HasMetadata object) throws IOException, InterruptedException {
        throttling.run(() -> {
            limiter.acquire();
            try {
                client.resource(object).withGracePeriod(0).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != ApiErrors.NOT_FOUND) {
                    throw ApiErrors.failure(e, "delete", ApiErrors.describe(object));
                }
            }
        });
    }

    /** Deletes the deployment's Pods (grace period 0), Secrets and ConfigMaps by label. */
    void deleteAll() throws IOException, InterruptedException {
        throttling.run(() -> {
            limiter.acquire();
            try {
                client.pods().inNamespace(namespace).withLabels(selector).withGracePeriod(0).delete();
            } catch (KubernetesClientException e) {
                throw ApiErrors.failure(e, "delete", "pods " + where());
            }
        });
        throttling.run(() -> {
            limiter.acquire();
            try {
                client.secrets().inNamespace(namespace).withLabels(selector).delete();
            } catch (KubernetesClientException e) {
                throw ApiErrors.failure(e, "delete", "secrets " + where());
            }
        });
        throttling.run(() -> {
            limiter.acquire();
            try {
                client.configMaps().inNamespace(namespace).withLabels(selector).delete();
            } catch (KubernetesClientException e) {
                throw ApiErrors.failure(e, "delete", "configmaps " + where());
            }
        });
    }

    /** The deployment's pods as the API server lists them now. */
    List<Pod> pods() throws IOException, InterruptedException {
        try {
            return client.pods().inNamespace(namespace).withLabels(selector).list().getItems();
        } catch (KubernetesClientException e) {
            throw ApiErrors.failure(e, "list", "pods " + where());
        }
    }

    /** {@code in namespace bench labelled kubens-bench.io/run=r1}: where the deployment's objects are. */
    String where() {
        return "in namespace " + namespace + " labelled " + ApiErrors.describe(selector);
    }
}
