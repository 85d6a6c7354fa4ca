package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubensbench.workloads.pods.PodFactory;
import io.kubensbench.workloads.time.Deadline;
import io.kubensbench.workloads.time.Poll;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Removes what a run, or every run, left on a cluster: after a crash, an interrupted
 * campaign or a forgotten churn, the only thing that surely survives is the labels. So
 * cleanup selects by label only, and the API server applies the selector to every delete:
 * an object without the label is never deleted, whatever its name or namespace.
 *
 * <p>Kinds go in dependency order: namespaced objects in every namespace (workload pods and
 * their sources, the probe's ServiceAccount, DaemonSet and RoleBinding), then cluster-scoped
 * RBAC, then the labelled namespaces, on whose disappearance it waits a bounded time.
 * Kinds the cluster does not serve (an OpenShift kind on plain Kubernetes) are skipped.
 * A labelled namespace goes with everything in it, as namespaces do; only kubens-bench
 * labels a namespace, and only one it created ({@link ClusterWorkload#ensureNamespace}).
 */
public final class ClusterCleanup {

    private static final String NAMESPACE_KIND = "Namespace";

    private final KubernetesClient client;
    private final RateLimiter limiter;
    private final List<ResourceDefinitionContext> kinds;
    private final Duration pollInterval;

    /** Cleans up {@link #defaultKinds()}. */
    public ClusterCleanup(KubernetesClient client, RateLimiter limiter) {
        this(client, limiter, List.of());
    }

    /**
     * Cleans up {@link #defaultKinds()} and {@code extraKinds} after them, such as OpenShift's
     * SecurityContextConstraints; each context says whether its kind is namespaced.
     */
    public ClusterCleanup(KubernetesClient client, RateLimiter limiter,
            List<ResourceDefinitionContext> extraKinds) {
        this(client, limiter, extraKinds, ClusterWorkload.DEFAULT_POLL_INTERVAL);
    }

    ClusterCleanup(KubernetesClient client, RateLimiter limiter,
            List<ResourceDefinitionContext> extraKinds, Duration pollInterval) {
        this.client = Objects.requireNonNull(client, "client");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.kinds = Stream.concat(defaultKinds().stream(), extraKinds.stream())
                .sorted((a, b) -> Boolean.compare(!a.isNamespaceScoped(), !b.isNamespaceScoped()))
                .toList();
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /**
     * What kubens-bench creates on a cluster, namespaces aside: namespaced kinds first, then
     * cluster-scoped ones; the DaemonSet before the pods, so that its controller does not
     * recreate a probe pod that was just deleted.
     */
    public static List<ResourceDefinitionContext> defaultKinds() {
        return Stream.of(DaemonSet.class, Pod.class, Secret.class, ConfigMap.class, ServiceAccount.class,
                        RoleBinding.class, ClusterRole.class,
                        ClusterRoleBinding.class)
                .map(ResourceDefinitionContext::fromResourceType)
                .toList();
    }

    /**
     * Deletes every object labelled for {@code runId} (or, when it is null, every object
     * labelled as managed by kubens-bench), then the labelled namespaces, and waits up to
     * {@code namespaceWait} for those to disappear. Namespaces still there are reported, not
     * waited on further.
     */
    public CleanupReport cleanup(String runId, Duration namespaceWait)
            throws IOException, InterruptedException {
        if (namespaceWait == null || namespaceWait.isNegative()) {
            throw new IllegalArgumentException("namespace wait must be zero or positive (got "
                    + namespaceWait + ")");
        }
        Map<String, String> selector = runId == null
                ? Map.of(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY)
                : Map.of(PodFactory.RUN_LABEL, PodFactory.checkedRunId(runId));
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (ResourceDefinitionContext kind : kinds) {
            int count = deleteKind(kind, selector);
            if (count > 0) {
                deleted.merge(kind.getKind(), count, Integer::sum);
            }
        }
        Set<String> namespaces = deleteNamespaces(selector);
        if (!namespaces.isEmpty()) {
            deleted.put(NAMESPACE_KIND, namespaces.size());
        }
        Set<String> left = awaitGone(namespaces, selector, namespaceWait);
        List<String> gone = namespaces.stream().filter(n -> !left.contains(n)).toList();
        return new CleanupReport(deleted, gone, new ArrayList<>(left));
    }

    private int deleteKind(ResourceDefinitionContext kind, Map<String, String> selector)
            throws IOException, InterruptedException {
        String what = kind.getPlural() + " labelled " + ApiErrors.describe(selector);
        try {
            if (!kind.isNamespaceScoped()) {
                if (list(kind, selector).isEmpty()) {
                    return 0;
                }
                limiter.acquire();
                return client.genericKubernetesResources(kind).withLabels(selector)
                        .withGracePeriod(0).delete().size();
            }
            Set<String> namespaces = list(kind, selector).stream()
                    .map(o -> o.getMetadata().getNamespace())
                    .collect(Collectors.toCollection(TreeSet::new));
            int count = 0;
            for (String namespace : namespaces) {
                limiter.acquire();
                count += client.genericKubernetesResources(kind).inNamespace(namespace)
                        .withLabels(selector).withGracePeriod(0).delete().size();
            }
            return count;
        } catch (KubernetesClientException e) {
            throw ApiErrors.failure(e, "delete", what);
        }
    }

    /** The objects of {@code kind} with the labels, in every namespace; none if not served. */
    private List<GenericKubernetesResource> list(ResourceDefinitionContext kind,
            Map<String, String> selector) {
        try {
            var resources = client.genericKubernetesResources(kind);
            return (kind.isNamespaceScoped()
                    ? resources.inAnyNamespace().withLabels(selector).list()
                    : resources.withLabels(selector).list()).getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == ApiErrors.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    /** Deletes the labelled namespaces; returns their names, those already Terminating too. */
    private Set<String> deleteNamespaces(Map<String, String> selector)
            throws IOException, InterruptedException {
        Set<String> names = new TreeSet<>();
        List<Namespace> namespaces;
        try {
            namespaces = client.namespaces().withLabels(selector).list().getItems();
        } catch (KubernetesClientException e) {
            throw ApiErrors.failure(e, "list", "namespaces labelled " + ApiErrors.describe(selector));
        }
        for (Namespace namespace : namespaces) {
            String name = namespace.getMetadata().getName();
            names.add(name);
            if (WorkloadNamespace.terminating(namespace)) {
                continue;
            }
            limiter.acquire();
            try {
                client.namespaces().withName(name).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != ApiErrors.NOT_FOUND && e.getCode() != ApiErrors.CONFLICT) {
                    throw ApiErrors.failure(e, "delete", "namespace " + name);
                }
            }
        }
        return names;
    }

    /** Waits until none of {@code names} is listed; returns those still there at the end. */
    private Set<String> awaitGone(Set<String> names, Map<String, String> selector,
            Duration wait) throws IOException, InterruptedException {
        return Poll.until(Deadline.after(wait), pollInterval, () -> listed(names, selector), Set::isEmpty);
    }

    /** Those of {@code names} that are still listed. */
    private Set<String> listed(Set<String> names, Map<String, String> selector)
            throws IOException, InterruptedException {
        try {
            return client.namespaces().withLabels(selector).list().getItems().stream()
                    .map(n -> n.getMetadata().getName())
                    .filter(names::contains)
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (KubernetesClientException e) {
            throw ApiErrors.failure(e, "list", "namespaces labelled " + ApiErrors.describe(selector));
        }
    }
}
