package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.Map;

/**
 * The namespace a deployment's pods go to. kubens-bench labels, and so may later delete, only
 * a namespace it created itself; one the user made is used as it is. A namespace being deleted
 * takes no new pods, so it is refused up front rather than failing pod by pod.
 */
final class WorkloadNamespace {

    private WorkloadNamespace() {
    }

    /** Makes sure namespace {@code name} exists, creating it with {@code labels} when it does not. */
    static void ensure(KubernetesClient client, RateLimiter limiter, String name, Map<String, String> labels)
            throws IOException, InterruptedException {
        Namespace existing = get(client, name);
        if (existing == null) {
            limiter.acquire();
            Namespace namespace = new NamespaceBuilder()
                    .withNewMetadata().withName(name).withLabels(Map.copyOf(labels)).endMetadata()
                    .build();
            try {
                client.resource(namespace).create();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != ApiErrors.CONFLICT) {
                    throw ApiErrors.failure(e, "create", "namespace " + name);
                }
            }
            existing = get(client, name); // created meanwhile by someone else
        }
        if (existing != null && terminating(existing)) {
            throw new IOException("namespace " + name + " is Terminating; wait until it is gone"
                    + " or use another namespace");
        }
    }

    /** Whether the namespace is being deleted. */
    static boolean terminating(Namespace namespace) {
        return namespace.getMetadata().getDeletionTimestamp() != null
                || namespace.getStatus() != null
                        && "Terminating".equals(namespace.getStatus().getPhase());
    }

    private static Namespace get(KubernetesClient client, String name) throws IOException, InterruptedException {
        try {
            return client.namespaces().withName(name).get();
        } catch (KubernetesClientException e) {
            throw ApiErrors.failure(e, "get", "namespace " + name);
        }
    }
}
