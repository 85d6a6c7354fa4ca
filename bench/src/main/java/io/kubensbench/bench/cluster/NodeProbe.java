package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.kubensbench.workloads.cluster.ApiErrors;
import io.kubensbench.workloads.cluster.CreateOrAdopt;
import io.kubensbench.workloads.pods.PodFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The node probe on a cluster: creates its {@link ProbeManifests objects}, waits until it is
 * ready on every node, follows its log per node, and removes it. It only ever touches objects
 * that carry its run's label, so it never adopts or alters what another run or person made.
 */
final class NodeProbe {

    private final KubernetesClient client;
    private final ProbeManifests manifests;

    NodeProbe(KubernetesClient client, ProbeManifests manifests) {
        this.client = client;
        this.manifests = manifests;
    }

    /** A probe for the cluster {@code client} talks to, asking it whether it is OpenShift. */
    static NodeProbe forCluster(KubernetesClient client, String namespace, String image, String runId,
            Duration interval, Map<String, String> nodeSelector, ProbePrivileges privileges) throws IOException {
        return new NodeProbe(client, new ProbeManifests(namespace, image, runId, interval, nodeSelector,
                servesOpenShiftSecurity(client), privileges));
    }

    /**
     * Whether the API server serves {@code security.openshift.io}, i.e. admits pods by SCCs.
     * Asks for the list of groups, not for the group itself: a server that answers any path
     * (a mock) must not pass for OpenShift.
     */
    static boolean servesOpenShiftSecurity(KubernetesClient client) throws IOException {
        try {
            var groups = client.getApiGroups();
            return groups != null && groups.getGroups() != null && groups.getGroups().stream()
                    .anyMatch(g -> ProbeManifests.OPENSHIFT_SECURITY_GROUP.equals(g.getName()));
        } catch (KubernetesClientException e) {
            throw ApiErrors.explain(e, "list", "the API groups");
        }
    }

    ProbeManifests manifests() {
        return manifests;
    }

    /**
     * Creates every object. An object that already exists is taken as is when it carries
     * this run's label (a deploy resumed after a failure) and refused otherwise.
     */
    void deploy() throws IOException {
        Map<String, String> ours = Map.of(PodFactory.RUN_LABEL, manifests.runId());
        for (HasMetadata object : manifests.objects()) {
            String otherwise = "choose another " + (object.getKind().equals("Namespace") ? "probe namespace" : "run id");
            try {
                CreateOrAdopt.create(resource(object), object, ours, otherwise);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while creating the node probe");
            }
        }
    }

    /**
     * Waits until the probe runs and is ready on each of {@code nodes}; returns node name to
     * probe pod name. Fails at once, with the server's words, when the cluster refuses the
     * probe's pods, and at the timeout naming each node whose probe is not ready and why.
     */
    Map<String, String> awaitReady(Duration timeout, Collection<String> nodes) throws IOException {
        return new ProbeReadiness(client, manifests).await(timeout, nodes);
    }

    /** The nodes the probe's selector matches that can run it now, and those that cannot, with why. */
    UsableNodes usableNodes() throws IOException {
        return new ProbeReadiness(client, manifests).usableNodes();
    }

    /**
     * Follows the probe's log on {@code node}, starting at {@code podName}. After a break
     * (the pod restarted, the connection dropped) it finds the node's current probe pod again
     * and asks for the newest line only.
     */
    ProbeStream stream(String node, String podName) {
        return new ProbeLog(client, manifests).stream(node, podName);
    }

    /**
     * Deletes every object of the probe that carries this run's label and the managed-by label;
     * objects already gone are fine, and anything without both is left alone.
     */
    void delete() throws IOException {
        List<HasMetadata> objects = manifests.objects();
        for (int i = objects.size() - 1; i >= 0; i--) {
            HasMetadata object = objects.get(i);
            Resource<? extends HasMetadata> resource = resource(object);
            try {
                HasMetadata existing = resource.get();
                Map<String, String> labels = existing == null ? null : existing.getMetadata().getLabels();
                if (labels != null && manifests.runId().equals(labels.get(PodFactory.RUN_LABEL))
                        && PodFactory.MANAGED_BY.equals(labels.get(PodFactory.MANAGED_BY_LABEL))) {
                    resource.delete();
                }
            } catch (KubernetesClientException e) {
                throw ApiErrors.explain(e, "delete", ApiErrors.describe(object));
            }
        }
    }

    private Resource<? extends HasMetadata> resource(HasMetadata object) {
        if (object instanceof GenericKubernetesResource generic) {
            return client.genericKubernetesResources(ProbeManifests.SCC).resource(generic);
        }
        return client.resource(object);
    }
}
