package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.workloads.cluster.RunNames;
import io.kubensbench.workloads.pods.PodFactory;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects a cluster campaign creates for its workload, in one place, so that
 * {@code plan --manifests} prints exactly what {@code run} creates: the campaign's namespace,
 * then per node the level's pods pinned to that node by its {@code kubernetes.io/hostname}
 * label, with their Secrets and ConfigMaps. Pinning is what makes every node carry the
 * level's pods, so each node is measured under the same load.
 */
public final class ClusterManifests {

    /** The label the kubelet puts on its node; the pods' pin. */
    public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    private final ClusterTargetSpec target;
    private final String runId;
    private final boolean openShift;

    /** The objects as created on plain Kubernetes. */
    public ClusterManifests(ClusterTargetSpec target, String runId) {
        this(target, runId, false);
    }

    private ClusterManifests(ClusterTargetSpec target, String runId, boolean openShift) {
        this.target = target;
        this.runId = runId;
        this.openShift = openShift;
    }

    /**
     * The same objects for a cluster that admits pods by SCCs ({@code openShift}) or not: on
     * OpenShift the pods name no user ({@link PodFactory#withUser(Long)}).
     */
    public ClusterManifests onOpenShift(boolean onOpenShift) {
        return new ClusterManifests(target, runId, onOpenShift);
    }

    /** The run label and the managed-by label, on everything a campaign creates. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PodFactory.RUN_LABEL, runId);
        labels.put(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY);
        return labels;
    }

    /**
     * The campaign's own namespace, {@code <target.cluster.namespace>-<run id>}: two campaigns
     * on one cluster never share one, so deleting it removes nothing of anyone else's.
     */
    public String namespaceName() {
        return RunNames.of(target.namespace(), runId);
    }

    /** Where the node probe runs, {@code <target.cluster.namespace>-probe-<run id>}. */
    public String probeNamespaceName() {
        return probeNamespace(target.namespace(), runId);
    }

    /** The probe's namespace for a namespace prefix and a run id. */
    public static String probeNamespace(String prefix, String runId) {
        return RunNames.of(prefix + "-probe", runId);
    }

    /** The namespace the workload's pods go to, labelled so cleanup finds it. */
    public Namespace namespace() {
        return new NamespaceBuilder().withNewMetadata().withName(namespaceName()).withLabels(labels())
                .endMetadata().build();
    }

    /**
     * The pods of one level on one node: {@code attempt} names them (unique per run and node),
     * {@code hostname} pins them; null leaves them to the campaign's node selector alone.
     */
    public PodFactory factory(WorkloadSpec workload, String attempt, String hostname) {
        Map<String, String> selector = new LinkedHashMap<>(target.nodeSelector());
        if (hostname != null) {
            selector.put(HOSTNAME_LABEL, hostname);
        }
        return new PodFactory(workload, runId, namespaceName(), target.image(), selector).withAttempt(attempt)
                .withUser(openShift ? null : PodFactory.DEFAULT_USER);
    }

    /** The attempt name of node {@code k}'s pods in a run tagged {@code tag}. */
    public static String attempt(String tag, int k) {
        return tag + "-" + k;
    }

    /** Everything one run of a level creates on these nodes (hostname label values), in creation order. */
    public List<HasMetadata> objects(WorkloadSpec workload, String tag, List<String> hostnames) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(namespace());
        if (hostnames.isEmpty()) {
            objects.addAll(factory(workload, attempt(tag, 0), null).allObjects());
        }
        for (int k = 0; k < hostnames.size(); k++) {
            objects.addAll(factory(workload, attempt(tag, k), hostnames.get(k)).allObjects());
        }
        return objects;
    }
}
