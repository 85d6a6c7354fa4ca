package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubensbench.workloads.pods.PodFactory;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds what runs left on a cluster, reading only: the namespaces and cluster-scoped objects
 * that carry both a run's label and the managed-by label and a name made for that run, and
 * inside those namespaces what carries the labels. Nothing is looked for outside them, so
 * cleanup needs no cluster-wide list of pods or Secrets. A kind that cannot be listed (a
 * refusal) is noted and the rest are still found; a kind the cluster does not serve is
 * skipped.
 */
final class LeftoverSurvey {

    private final KubernetesClient client;
    private final List<ResourceDefinitionContext> kinds;

    LeftoverSurvey(KubernetesClient client, List<ResourceDefinitionContext> kinds) {
        this.client = client;
        this.kinds = kinds;
    }

    /** The labels that select a run's objects: its run id and the managed-by label, both. */
    static Map<String, String> selector(String runId) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(PodFactory.RUN_LABEL, PodFactory.checkedRunId(runId));
        selector.put(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY);
        return selector;
    }

    /** What run {@code runId} left. */
    RunLeftovers find(String runId) throws InterruptedException {
        Map<String, String> selector = selector(runId);
        List<String> unreadable = new ArrayList<>();
        List<String> spared = new ArrayList<>();
        List<Namespace> namespaces = listNamespaces(selector, unreadable);
        List<RunLeftovers.LeftNamespace> ours = new ArrayList<>();
        for (Namespace namespace : namespaces) {
            String name = namespace.getMetadata().getName();
            if (!RunNames.isFor(name, runId)) {
                spared.add("namespace " + name);
                continue;
            }
            Map<String, Integer> objects = new LinkedHashMap<>();
            for (ResourceDefinitionContext kind : kinds) {
                if (kind.isNamespaceScoped()) {
                    int count = list(kind, name, selector, unreadable).size();
                    if (count > 0) {
                        objects.put(kind.getKind(), count);
                    }
                }
            }
            ours.add(new RunLeftovers.LeftNamespace(name, created(namespace),
                    WorkloadNamespace.terminating(namespace), objects));
        }
        List<RunLeftovers.Found> clusterScoped = new ArrayList<>();
        for (ResourceDefinitionContext kind : kinds) {
            if (!kind.isNamespaceScoped()) {
                for (GenericKubernetesResource o : list(kind, null, selector, unreadable)) {
                    String name = o.getMetadata().getName();
                    if (RunNames.isFor(name, runId)) {
                        clusterScoped.add(new RunLeftovers.Found(kind.getKind(), name));
                    } else {
                        spared.add(kind.getKind() + " " + name);
                    }
                }
            }
        }
        return new RunLeftovers(runId, ours, clusterScoped, spared, unreadable);
    }

    /**
     * The run ids that left something: those of the namespaces and cluster-scoped objects
     * managed by kubens-bench and named for their run, sorted. Failures to list throw: without
     * the list, {@code --all} cannot say what it would delete.
     */
    List<String> runIds() throws IOException, InterruptedException {
        Map<String, String> managed = Map.of(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY);
        TreeSet<String> runs = new TreeSet<>();
        try {
            for (Namespace n : client.namespaces().withLabels(managed).withLabel(PodFactory.RUN_LABEL).list()
                    .getItems()) {
                addRun(runs, n);
            }
        } catch (KubernetesClientException e) {
            throw ApiErrors.failure(e, "list", "namespaces labelled " + ApiErrors.describe(managed));
        }
        for (ResourceDefinitionContext kind : kinds) {
            if (kind.isNamespaceScoped()) {
                continue;
            }
            try {
                for (GenericKubernetesResource o : client.genericKubernetesResources(kind).withLabels(managed)
                        .withLabel(PodFactory.RUN_LABEL).list().getItems()) {
                    addRun(runs, o);
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != ApiErrors.NOT_FOUND) {
                    throw ApiErrors.failure(e, "list", kind.getPlural() + " labelled " + ApiErrors.describe(managed));
                }
            }
        }
        return List.copyOf(runs);
    }

    private static void addRun(TreeSet<String> runs, HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        String runId = labels == null ? null : labels.get(PodFactory.RUN_LABEL);
        try {
            if (runId != null && RunNames.isFor(object.getMetadata().getName(), PodFactory.checkedRunId(runId))) {
                runs.add(runId);
            }
        } catch (IllegalArgumentException e) {
            // a run label kubens-bench never writes: not a run of ours
        }
    }

    private List<Namespace> listNamespaces(Map<String, String> selector, List<String> unreadable)
            throws InterruptedException {
        try {
            return client.namespaces().withLabels(selector).list().getItems();
        } catch (KubernetesClientException e) {
            unreadable.add(ApiErrors.failure(e, "list", "namespaces labelled " + ApiErrors.describe(selector))
                    .getMessage());
            return List.of();
        }
    }

    /** The objects of {@code kind} with the labels, in {@code namespace} (null: cluster-scoped). */
    private List<GenericKubernetesResource> list(ResourceDefinitionContext kind, String namespace,
            Map<String, String> selector, List<String> unreadable) throws InterruptedException {
        try {
            var resources = client.genericKubernetesResources(kind);
            return (namespace == null ? resources.withLabels(selector).list()
                    : resources.inNamespace(namespace).withLabels(selector).list()).getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() != ApiErrors.NOT_FOUND) {
                unreadable.add(ApiErrors.failure(e, "list", kind.getPlural() + (namespace == null ? ""
                        : " in namespace " + namespace) + " labelled " + ApiErrors.describe(selector)).getMessage());
            }
            return List.of();
        }
    }

    private static Instant created(Namespace namespace) {
        String at = namespace.getMetadata().getCreationTimestamp();
        try {
            return at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
