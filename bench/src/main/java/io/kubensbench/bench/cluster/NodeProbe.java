package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubensbench.bench.config.Durations;
import io.kubensbench.workloads.pods.PodFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The node probe: a DaemonSet that runs {@code probe.sh} on every node and what it needs to
 * be admitted, built from fabric8's model so the objects can be inspected before anything
 * reaches a cluster. A cluster campaign has no other way to read PID 1's counters and the
 * namespaces the product documentation's verification compares.
 *
 * <p>Privileges, each one needed and nothing more:
 * <ul>
 *   <li>{@code hostPID}: PID 1, kubelet and CRI-O are only visible in the node's PID
 *       namespace; /proc inside the container then is the node's.</li>
 *   <li>user 0 and the capability {@code SYS_PTRACE}: {@code readlink /proc/PID/ns/mnt} of
 *       another process needs ptrace read access, which means the same user as the target
 *       (the node's daemons run as root) and, for targets that are not dumpable, this
 *       capability. Every other capability is dropped.</li>
 *   <li>no host network, IPC or ports, no privilege escalation, not privileged, a read-only
 *       root file system, the runtime's default seccomp profile: the probe only reads
 *       /proc and writes to stdout.</li>
 *   <li>no volumes at all, no host paths, no service-account token: the script is passed
 *       inline and the probe never talks to the API server.</li>
 * </ul>
 * On OpenShift, where security context constraints decide admission, a dedicated SCC
 * allows exactly that, a ClusterRole grants {@code use} of it, and a RoleBinding in the
 * probe's namespace gives it to the probe's ServiceAccount only. Every object carries the
 * run label, so cleanup by label removes the probe with the rest of the run.
 *
 * <p>The SCC keeps SELinux at {@code MustRunAs}: no SELinux option is asked for. CRI-O gives
 * a container that shares the host's PID namespace the {@code spc_t} type whatever it asks
 * (cri-o/cri-o#112; openshift/origin#25488), because SELinux separation would otherwise
 * block exactly the host /proc reads the probe is for. Should a node's policy still deny
 * one, the probe prints {@code -} for what it could not read and {@link NodeVerification}
 * says UNKNOWN with the reason, rather than guessing.
 */
public final class NodeProbe {

    /** Value of {@code app.kubernetes.io/name} on the probe's objects. */
    public static final String NAME = "kubens-bench-probe";
    public static final String NAME_LABEL = "app.kubernetes.io/name";
    /** The API group whose presence marks OpenShift's admission by SCCs. */
    public static final String OPENSHIFT_SECURITY_GROUP = "security.openshift.io";
    /** How SCCs are addressed through the generic client: no OpenShift client needed. */
    public static final ResourceDefinitionContext SCC = new ResourceDefinitionContext.Builder()
            .withGroup(OPENSHIFT_SECURITY_GROUP)
            .withVersion("v1")
            .withKind("SecurityContextConstraints")
            .withPlural("securitycontextconstraints")
            .withNamespaced(false)
            .build();

    private static final String SCRIPT_RESOURCE = "/io/kubensbench/bench/cluster/probe.sh";
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,18}[a-z0-9])?");
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final String namespace;
    private final String image;
    private final String runId;
    private final Duration interval;
    private final Map<String, String> nodeSelector;
    private final boolean openShift;

    /** A probe for the cluster {@code client} talks to, asking it whether it is OpenShift. */
    public NodeProbe(KubernetesClient client, String namespace, String image, String runId, Duration interval,
            Map<String, String> nodeSelector) throws IOException {
        this(client, namespace, image, runId, interval, nodeSelector, servesOpenShiftSecurity(client));
    }

    /**
     * A probe for a cluster known to be OpenShift (SCC admission) or not; {@code client} may be
     * null to print its {@link #objects()} only, as {@code plan --manifests} does.
     */
    public NodeProbe(KubernetesClient client, String namespace, String image, String runId, Duration interval,
            Map<String, String> nodeSelector, boolean openShift) {
        this.client = client;
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("probe namespace \"" + namespace
                    + "\" must be a DNS-1123 label (lowercase letters, digits, '-', at most 63)");
        }
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id \"" + runId + "\" must be 1 to 20 lowercase"
                    + " letters, digits or '-', starting and ending with a letter or digit");
        }
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("probe image must not be blank (a plain shell image such as busybox)");
        }
        if (interval == null || interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("probe interval " + (interval == null ? null : Durations.format(interval))
                    + " must be at least " + Durations.format(MIN_INTERVAL));
        }
        this.namespace = namespace;
        this.image = image;
        this.runId = runId;
        this.interval = interval;
        this.nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        this.openShift = openShift;
    }

    /**
     * Whether the API server serves {@code security.openshift.io}, i.e. admits pods by SCCs.
     * Asks for the list of groups, not for the group itself: a server that answers any path
     * (a mock) must not pass for OpenShift.
     */
    public static boolean servesOpenShiftSecurity(KubernetesClient client) throws IOException {
        try {
            var groups = client.getApiGroups();
            return groups != null && groups.getGroups() != null
                    && groups.getGroups().stream().anyMatch(g -> OPENSHIFT_SECURITY_GROUP.equals(g.getName()));
        } catch (KubernetesClientException e) {
            throw apiError(e, "list", "the API groups");
        }
    }

    public String namespace() {
        return namespace;
    }

    public boolean openShift() {
        return openShift;
    }

    /** The probe script as shipped, run by the DaemonSet as {@code sh -c SCRIPT}. */
    public static String script() {
        try (InputStream in = NodeProbe.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the probe script " + SCRIPT_RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the probe script " + SCRIPT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** {@code PROBE_INTERVAL}: seconds, with a fraction only where needed ({@code 1}, {@code 0.5}). */
    String intervalSeconds() {
        return BigDecimal.valueOf(interval.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    /** The labels every object of the probe carries: the run's, who manages it, what it is. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PodFactory.RUN_LABEL, runId);
        labels.put(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY);
        labels.put(NAME_LABEL, NAME);
        return labels;
    }

    private String clusterName() {
        return NAME + "-" + runId;
    }

    private ObjectMeta meta(String name, boolean namespaced) {
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withName(name).withLabels(labels());
        if (namespaced) {
            meta.withNamespace(namespace);
        }
        return meta.build();
    }

    /**
     * Everything the probe needs, in the order to create it: the namespace (Pod Security
     * admission must allow hostPID there, hence {@code enforce=privileged}), the
     * ServiceAccount, on OpenShift the SCC, its ClusterRole and RoleBinding (admission needs
     * them before the first pod), then the DaemonSet.
     */
    public List<HasMetadata> objects() {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .withLabels(labels())
                .addToLabels("pod-security.kubernetes.io/enforce", "privileged")
                .endMetadata()
                .build());
        objects.add(new ServiceAccountBuilder()
                .withMetadata(meta(NAME, true))
                .withAutomountServiceAccountToken(false)
                .build());
        if (openShift) {
            objects.add(securityContextConstraints());
            objects.add(new ClusterRoleBuilder()
                    .withMetadata(meta(clusterName(), false))
                    .addNewRule()
                    .withApiGroups(OPENSHIFT_SECURITY_GROUP)
                    .withResources("securitycontextconstraints")
                    .withResourceNames(clusterName())
                    .withVerbs("use")
                    .endRule()
                    .build());
            objects.add(new RoleBindingBuilder()
                    .withMetadata(meta(clusterName(), true))
                    .withNewRoleRef()
                    .withApiGroup("rbac.authorization.k8s.io")
                    .withKind("ClusterRole")
                    .withName(clusterName())
                    .endRoleRef()
                    .addNewSubject()
                    .withKind("ServiceAccount")
                    .withName(NAME)
                    .withNamespace(namespace)
                    .endSubject()
                    .build());
        }
        objects.add(daemonSet());
        return objects;
    }

    private DaemonSet daemonSet() {
        Map<String, String> selector = Map.of(PodFactory.RUN_LABEL, runId, NAME_LABEL, NAME);
        return new DaemonSetBuilder()
                .withMetadata(meta(NAME, true))
                .withNewSpec()
                .withNewSelector().withMatchLabels(selector).endSelector()
                .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels()).endMetadata()
                .withNewSpec()
                .withServiceAccountName(NAME)
                .withAutomountServiceAccountToken(false)
                .withHostPID(true)
                .withHostNetwork(false)
                .withHostIPC(false)
                .withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
                .addNewToleration().withOperator("Exists").endToleration()
                .withTerminationGracePeriodSeconds(2L)
                .addNewContainer()
                .withName("probe")
                .withImage(image)
                .withCommand("sh", "-c", script())
                .addNewEnv()
                .withName("NODE_NAME")
                .withNewValueFrom().withNewFieldRef().withFieldPath("spec.nodeName").endFieldRef().endValueFrom()
                .endEnv()
                .addNewEnv().withName("PROBE_INTERVAL").withValue(intervalSeconds()).endEnv()
                .withNewResources()
                .addToRequests("cpu", new Quantity("5m"))
                .addToRequests("memory", new Quantity("16Mi"))
                .addToLimits("memory", new Quantity("64Mi"))
                .endResources()
                .withNewSecurityContext()
                .withRunAsUser(0L)
                .withRunAsNonRoot(false)
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .withPrivileged(false)
                .withNewCapabilities().withDrop("ALL").withAdd("SYS_PTRACE").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * The SCC that admits exactly the probe's pod: host PID only, SYS_PTRACE as the one
     * capability it may add to an otherwise empty set (required drop ALL with an allowed
     * capability is how restricted-v2 grants NET_BIND_SERVICE), any user (it runs as 0), no
     * volumes, read-only root, default seccomp, SELinux as assigned to the namespace.
     */
    private GenericKubernetesResource securityContextConstraints() {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(OPENSHIFT_SECURITY_GROUP + "/v1")
                .withKind("SecurityContextConstraints")
                .withMetadata(meta(clusterName(), false))
                .addToAdditionalProperties("allowHostPID", true)
                .addToAdditionalProperties("allowHostNetwork", false)
                .addToAdditionalProperties("allowHostPorts", false)
                .addToAdditionalProperties("allowHostIPC", false)
                .addToAdditionalProperties("allowHostDirVolumePlugin", false)
                .addToAdditionalProperties("allowPrivilegedContainer", false)
                .addToAdditionalProperties("allowPrivilegeEscalation", false)
                .addToAdditionalProperties("allowedCapabilities", List.of("SYS_PTRACE"))
                .addToAdditionalProperties("requiredDropCapabilities", List.of("ALL"))
                .addToAdditionalProperties("defaultAddCapabilities", List.of())
                .addToAdditionalProperties("readOnlyRootFilesystem", true)
                .addToAdditionalProperties("runAsUser", Map.of("type", "RunAsAny"))
                .addToAdditionalProperties("seLinuxContext", Map.of("type", "MustRunAs"))
                .addToAdditionalProperties("fsGroup", Map.of("type", "RunAsAny"))
                .addToAdditionalProperties("supplementalGroups", Map.of("type", "RunAsAny"))
                .addToAdditionalProperties("seccompProfiles", List.of("runtime/default"))
                .addToAdditionalProperties("volumes", List.of())
                .addToAdditionalProperties("users", List.of())
                .addToAdditionalProperties("groups", List.of())
                .build();
    }

    /**
     * Creates every object. An object that already exists is taken as is when it carries
     * this run's label (a deploy resumed after a failure) and refused otherwise, so the probe
     * never adopts or alters what another run or person made.
     */
    public void deploy() throws IOException {
        for (HasMetadata object : objects()) {
            Resource<? extends HasMetadata> resource = resource(object);
            try {
                resource.create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw apiError(e, "create", describe(object));
                }
                HasMetadata existing = get(resource, object);
                if (existing == null || !ours(existing)) {
                    throw new IOException(describe(object) + " already exists and is not kubens-bench run " + runId
                            + "'s (label " + PodFactory.RUN_LABEL + "); delete it or choose another "
                            + (object.getKind().equals("Namespace") ? "probe namespace" : "run id"));
                }
            }
        }
    }

    /**
     * Waits until the probe runs and is ready on every node it is scheduled to; returns node
     * name to probe pod name. The timeout's message names each node whose probe is not
     * ready and why (the pod's phase and its container's waiting reason).
     */
    public Map<String, String> awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            DaemonSet ds;
            List<Pod> pods;
            try {
                ds = client.apps().daemonSets().inNamespace(namespace).withName(NAME).get();
                pods = client.pods().inNamespace(namespace).withLabels(selectorLabels()).list().getItems();
            } catch (KubernetesClientException e) {
                throw apiError(e, "read", "the probe DaemonSet " + namespace + "/" + NAME + " and its pods");
            }
            if (ds == null) {
                throw new IOException("the probe DaemonSet " + namespace + "/" + NAME
                        + " does not exist; deploy the probe first");
            }
            DaemonSetStatus status = ds.getStatus();
            int desired = status == null || status.getDesiredNumberScheduled() == null ? 0
                    : status.getDesiredNumberScheduled();
            int ready = status == null || status.getNumberReady() == null ? 0 : status.getNumberReady();
            Map<String, String> byNode = readyPods(pods);
            if (desired > 0 && ready >= desired && byNode.size() >= desired) {
                return byNode;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException(notReady(timeout, desired, byNode, pods));
            }
            try {
                Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the node probe", e);
            }
        }
    }

    private Map<String, String> selectorLabels() {
        return Map.of(PodFactory.RUN_LABEL, runId, NAME_LABEL, NAME);
    }

    private static Map<String, String> readyPods(List<Pod> pods) {
        Map<String, String> byNode = new TreeMap<>();
        for (Pod pod : pods) {
            if (isReady(pod)) {
                byNode.put(pod.getSpec().getNodeName(), pod.getMetadata().getName());
            }
        }
        return byNode;
    }

    private static boolean isReady(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getSpec() == null
                || pod.getSpec().getNodeName() == null || pod.getStatus() == null
                || !"Running".equals(pod.getStatus().getPhase()) || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private String notReady(Duration timeout, int desired, Map<String, String> ready, List<Pod> pods) {
        String head = "the node probe is not ready within " + Durations.format(timeout);
        if (desired == 0) {
            return head + ": its DaemonSet " + namespace + "/" + NAME + " is scheduled on no node"
                    + (nodeSelector.isEmpty() ? "" : " (nodeSelector " + new TreeMap<>(nodeSelector) + " matches none)");
        }
        List<String> reasons = new ArrayList<>();
        int withPod = 0;
        for (Pod pod : pods) {
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if (node != null) {
                withPod++;
            }
            if (!isReady(pod)) {
                reasons.add((node == null ? "unscheduled pod " + pod.getMetadata().getName() : "node " + node)
                        + ": " + why(pod));
            }
        }
        if (withPod < desired) {
            reasons.add((desired - withPod) + " of " + desired + " nodes have no probe pod yet");
        }
        return head + " (" + ready.size() + " of " + desired + " nodes ready): " + String.join("; ", reasons);
    }

    private static String why(Pod pod) {
        if (pod.getStatus() == null) {
            return "no status yet";
        }
        StringBuilder s = new StringBuilder(pod.getStatus().getPhase() == null ? "no phase" : pod.getStatus().getPhase());
        List<ContainerStatus> containers = pod.getStatus().getContainerStatuses();
        if (containers != null) {
            for (ContainerStatus c : containers) {
                ContainerStateWaiting waiting = c.getState() == null ? null : c.getState().getWaiting();
                ContainerStateTerminated done = c.getState() == null ? null : c.getState().getTerminated();
                if (waiting != null) {
                    s.append(", ").append(waiting.getReason()).append(message(waiting.getMessage()));
                } else if (done != null) {
                    s.append(", exited ").append(done.getExitCode()).append(' ').append(done.getReason())
                            .append(message(done.getMessage()));
                } else if (!Boolean.TRUE.equals(c.getReady())) {
                    s.append(", not ready");
                }
            }
        }
        if (pod.getStatus().getConditions() != null) {
            for (PodCondition c : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
                    s.append(", ").append(c.getReason()).append(message(c.getMessage()));
                }
            }
        }
        return s.toString();
    }

    private static String message(String m) {
        return m == null || m.isBlank() ? "" : ": " + m.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    /**
     * Follows the probe's log on {@code node}, starting at {@code podName}. After a break
     * (the pod restarted, the connection dropped) it finds the node's current probe pod again
     * and asks for the newest line only.
     */
    public ProbeStream stream(String node, String podName) {
        return new ProbeStream(node, resume -> openLog(resume ? currentPod(node) : podName, resume));
    }

    private InputStream openLog(String podName, boolean resume) throws IOException {
        PodResource pod = client.pods().inNamespace(namespace).withName(podName);
        LogWatch watch;
        try {
            watch = resume ? pod.tailingLines(1).watchLog() : pod.watchLog();
        } catch (KubernetesClientException e) {
            throw apiError(e, "follow the log of", "pod " + namespace + "/" + podName);
        }
        return new FilterInputStream(watch.getOutput()) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    watch.close();
                }
            }
        };
    }

    private String currentPod(String node) throws IOException {
        try {
            // Filtered here rather than by a spec.nodeName field selector: one list per reopen is
            // cheap, and it behaves the same on every server, the test mock included.
            for (Pod pod : client.pods().inNamespace(namespace).withLabels(selectorLabels()).list().getItems()) {
                if (node.equals(pod.getSpec().getNodeName()) && pod.getMetadata().getDeletionTimestamp() == null) {
                    return pod.getMetadata().getName();
                }
            }
        } catch (KubernetesClientException e) {
            throw apiError(e, "list", "the probe pods of node " + node);
        }
        throw new IOException("no probe pod on node " + node + " in namespace " + namespace);
    }

    /**
     * Deletes every object of the probe that carries this run's label; objects already gone
     * are fine, and anything without the label is left alone.
     */
    public void delete() throws IOException {
        List<HasMetadata> objects = objects();
        for (int i = objects.size() - 1; i >= 0; i--) {
            HasMetadata object = objects.get(i);
            Resource<? extends HasMetadata> resource = resource(object);
            HasMetadata existing = get(resource, object);
            if (existing == null || !ours(existing)) {
                continue;
            }
            try {
                resource.delete();
            } catch (KubernetesClientException e) {
                throw apiError(e, "delete", describe(object));
            }
        }
    }

    private Resource<? extends HasMetadata> resource(HasMetadata object) {
        if (object instanceof GenericKubernetesResource generic) {
            return client.genericKubernetesResources(SCC).resource(generic);
        }
        return client.resource(object);
    }

    private static HasMetadata get(Resource<? extends HasMetadata> resource, HasMetadata object) throws IOException {
        try {
            return resource.get();
        } catch (KubernetesClientException e) {
            throw apiError(e, "read", describe(object));
        }
    }

    private boolean ours(HasMetadata existing) {
        Map<String, String> labels = existing.getMetadata().getLabels();
        return labels != null && runId.equals(labels.get(PodFactory.RUN_LABEL));
    }

    private static String describe(HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        return object.getKind() + " " + (meta.getNamespace() == null ? "" : meta.getNamespace() + "/") + meta.getName();
    }

    private static IOException apiError(KubernetesClientException e, String verb, String resource) {
        return ApiErrors.explain(e, verb, resource);
    }
}
