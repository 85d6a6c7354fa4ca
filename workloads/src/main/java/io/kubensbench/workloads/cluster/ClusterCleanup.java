package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubensbench.workloads.time.Deadline;
import io.kubensbench.workloads.time.Durations;
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
import java.util.stream.Stream;

/**
 * Removes what one run left on a cluster: after a crash, an interrupted campaign or a
 * forgotten churn, the only thing that surely survives is the labels and the names. So
 * cleanup goes by run id, always: it deletes what carries that run's label and the
 * managed-by label and sits in, or is, an object named for the run ({@link RunNames}). The
 * API server applies the label selector to every delete; a labelled namespace or ClusterRole
 * of another name is spared and reported, since deleting a namespace deletes all it holds.
 *
 * <p>Kinds go in dependency order: in each of the run's namespaces the DaemonSet first (so its
 * controller does not recreate a probe pod just deleted), the pods and their sources, the
 * probe's ServiceAccount and RoleBinding; then the run's cluster-scoped objects one by name;
 * then its namespaces, on whose disappearance it waits a bounded time. Kinds the cluster does
 * not serve (an OpenShift kind on plain Kubernetes) are skipped. A kind the user may not
 * list or delete is reported and the rest still go; a delete the API server throttles waits
 * and is tried again ({@link Throttling}).
 */
public final class ClusterCleanup {

    private final KubernetesClient client;
    private final RateLimiter limiter;
    private final List<ResourceDefinitionContext> kinds;
    private final Duration pollInterval;
    private final Throttling throttling = new Throttling();

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
     * recreate a probe pod that was just deleted. No ClusterRoleBinding: kubens-bench never
     * creates one, so it never lists or deletes one.
     */
    public static List<ResourceDefinitionContext> defaultKinds() {
        return Stream.of(DaemonSet.class, Pod.class, Secret.class, ConfigMap.class, ServiceAccount.class,
                        RoleBinding.class, ClusterRole.class)
                .map(ResourceDefinitionContext::fromResourceType)
                .toList();
    }

    /** What run {@code runId} left, found without deleting anything. */
    public RunLeftovers find(String runId) throws InterruptedException {
        return new LeftoverSurvey(client, kinds).find(runId);
    }

    /**
     * What every run left, per run id: the runs are those whose namespaces or cluster-scoped
     * objects carry the managed-by label, a run label, and a name made for that run.
     */
    public Map<String, RunLeftovers> findAll() throws IOException, InterruptedException {
        LeftoverSurvey survey = new LeftoverSurvey(client, kinds);
        Map<String, RunLeftovers> runs = new LinkedHashMap<>();
        for (String runId : survey.runIds()) {
            runs.put(runId, survey.find(runId));
        }
        return runs;
    }

    /** Finds what run {@code runId} left and deletes it; see {@link #delete}. */
    public CleanupReport cleanup(String runId, Duration namespaceWait) throws InterruptedException {
        checkWait(namespaceWait);
        return delete(find(runId), namespaceWait);
    }

    /**
     * Deletes what {@code found} lists, each kind in each of the run's namespaces by the run's
     * labels, the cluster-scoped objects by name, then the namespaces, and waits up to
     * {@code namespaceWait} for those to disappear. Namespaces still there are reported, not
     * waited on further; so is every delete that failed, after the others were made.
     */
    public CleanupReport delete(RunLeftovers found, Duration namespaceWait) throws InterruptedException {
        checkWait(namespaceWait);
        Map<String, String> selector = LeftoverSurvey.selector(found.runId());
        Map<String, Integer> deleted = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>(found.unreadable());
        boolean refused = false;
        for (ResourceDefinitionContext kind : kinds) {
            try {
                int count = kind.isNamespaceScoped() ? deleteInNamespaces(kind, found, selector)
                        : deleteClusterScoped(kind, found);
                if (count > 0) {
                    deleted.merge(kind.getKind(), count, Integer::sum);
                }
            } catch (IOException e) {
                failures.add(e.getMessage());
                refused |= e instanceof ClusterAccessException;
            }
        }
        Set<String> namespaces = new TreeSet<>();
        for (RunLeftovers.LeftNamespace namespace : found.namespaces()) {
            try {
                deleteNamespace(namespace);
                namespaces.add(namespace.name());
            } catch (IOException e) {
                failures.add(e.getMessage());
                refused |= e instanceof ClusterAccessException;
            }
        }
        if (!namespaces.isEmpty()) {
            deleted.put("Namespace", namespaces.size());
        }
        Set<String> left;
        try {
            left = awaitGone(namespaces, namespaceWait);
        } catch (IOException e) {
            failures.add(e.getMessage());
            refused |= e instanceof ClusterAccessException;
            left = namespaces;
        }
        Set<String> still = left;
        List<String> gone = namespaces.stream().filter(n -> !still.contains(n)).toList();
        return new CleanupReport(deleted, gone, new ArrayList<>(still), found.spared(), failures,
                refused || !found.unreadable().isEmpty());
    }

    private static void checkWait(Duration namespaceWait) {
        if (namespaceWait == null || namespaceWait.isNegative()) {
            throw new IllegalArgumentException("namespace wait must be zero or positive (got "
                    + (namespaceWait == null ? "null" : Durations.exact(namespaceWait)) + ")");
        }
    }

    /** Deletes the labelled objects of {@code kind} in each of the run's namespaces that holds some. */
    private int deleteInNamespaces(ResourceDefinitionContext kind, RunLeftovers found, Map<String, String> selector)
            throws IOException, InterruptedException {
        int count = 0;
        for (RunLeftovers.LeftNamespace namespace : found.namespaces()) {
            if (!namespace.objects().containsKey(kind.getKind())) {
                continue;
            }
            int[] deleted = {0};
            throttling.run(() -> {
                limiter.acquire();
                try {
                    deleted[0] = client.genericKubernetesResources(kind).inNamespace(namespace.name())
                            .withLabels(selector).withGracePeriod(0).delete().size();
                } catch (KubernetesClientException e) {
                    throw ApiErrors.failure(e, "delete", kind.getPlural() + " in namespace " + namespace.name()
                            + " labelled " + ApiErrors.describe(selector));
                }
            });
            count += deleted[0];
        }
        return count;
    }

    /** Deletes the run's objects of a cluster-scoped {@code kind} one by name; one already gone is fine. */
    private int deleteClusterScoped(ResourceDefinitionContext kind, RunLeftovers found)
            throws IOException, InterruptedException {
        int count = 0;
        for (RunLeftovers.Found object : found.clusterScoped()) {
            if (!object.kind().equals(kind.getKind())) {
                continue;
            }
            int[] deleted = {0};
            throttling.run(() -> {
                limiter.acquire();
                try {
                    deleted[0] = client.genericKubernetesResources(kind).withName(object.name()).withGracePeriod(0)
                            .delete().size();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != ApiErrors.NOT_FOUND) {
                        throw ApiErrors.failure(e, "delete", kind.getPlural() + " " + object.name());
                    }
                }
            });
            count += deleted[0];
        }
        return count;
    }

    /** Deletes the namespace by name unless it is already Terminating; one already gone is fine. */
    private void deleteNamespace(RunLeftovers.LeftNamespace namespace) throws IOException, InterruptedException {
        if (namespace.terminating()) {
            return;
        }
        throttling.run(() -> {
            limiter.acquire();
            try {
                client.namespaces().withName(namespace.name()).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != ApiErrors.NOT_FOUND && e.getCode() != ApiErrors.CONFLICT) {
                    throw ApiErrors.failure(e, "delete", "namespace " + namespace.name());
                }
            }
        });
    }

    /** Waits until none of {@code names} exists; returns those still there at the end. */
    private Set<String> awaitGone(Set<String> names, Duration wait) throws IOException, InterruptedException {
        return Poll.until(Deadline.after(wait), pollInterval, () -> existing(names), Set::isEmpty);
    }

    /** Those of {@code names} that still exist. */
    private Set<String> existing(Set<String> names) throws IOException, InterruptedException {
        Set<String> left = new TreeSet<>();
        for (String name : names) {
            try {
                if (client.namespaces().withName(name).get() != null) {
                    left.add(name);
                }
            } catch (KubernetesClientException e) {
                throw ApiErrors.failure(e, "get", "namespace " + name);
            }
        }
        return left;
    }
}
