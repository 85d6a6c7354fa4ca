package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubensbench.bench.campaign.ImageReference;
import io.kubensbench.bench.sampling.Sampler;
import io.kubensbench.workloads.cluster.RunNames;
import io.kubensbench.workloads.pods.PodFactory;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The node probe's objects: a DaemonSet that runs {@code probe.sh} on every Linux node and
 * what it needs to be admitted, built from fabric8's model so the objects can be inspected
 * before anything reaches a cluster ({@code plan --manifests} prints them). A cluster campaign
 * has no other way to read PID 1's counters and tell the mount namespaces of PID 1, kubelet
 * and CRI-O apart; {@link NodeProbe} creates, watches and removes these objects.
 *
 * <p>Privileges: the node's PID namespace ({@code hostPID}), because PID 1, kubelet and CRI-O
 * are only visible there; the user and capabilities are {@link ProbePrivileges}' (an
 * unprivileged user by default, root with {@code SYS_PTRACE} only when asked for); no host
 * network, IPC or ports, no privilege escalation, not privileged, a read-only root file
 * system, the runtime's default seccomp profile, no volumes at all, no service-account token:
 * the script is passed inline and the probe never talks to the API server.
 *
 * <p>On OpenShift, where security context constraints decide admission, a dedicated SCC
 * allows exactly that, a ClusterRole grants {@code use} of it, and a RoleBinding in the
 * probe's namespace gives it to the probe's ServiceAccount only. Every object carries the
 * run's labels, and the cluster-scoped ones a name made for the run, so cleanup by run id
 * removes the probe with the rest of the run.
 *
 * <p>The SCC keeps SELinux at {@code MustRunAs}: no SELinux option is asked for. CRI-O gives
 * a container that shares the host's PID namespace the {@code spc_t} type whatever it asks
 * (cri-o/cri-o#112; openshift/origin#25488), because SELinux separation would otherwise
 * block exactly the host /proc reads the probe is for. Should a node's policy still deny
 * one, the probe prints {@code -} for what it could not read and {@link NodeVerification}
 * says UNKNOWN with the reason, rather than guessing.
 */
public final class ProbeManifests {

    /** Value of {@code app.kubernetes.io/name} on the probe's objects. */
    public static final String NAME = "kubens-bench-probe";
    public static final String NAME_LABEL = "app.kubernetes.io/name";
    /** The label kubelet puts on its node with the node's operating system. */
    public static final String OS_LABEL = "kubernetes.io/os";
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
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    private final String namespace;
    private final String image;
    private final String runId;
    private final Duration interval;
    private final Map<String, String> nodeSelector;
    private final boolean openShift;
    private final ProbePrivileges privileges;

    /**
     * The probe of run {@code runId} in {@code namespace}, printing a line every
     * {@code interval} on the Linux nodes {@code nodeSelector} matches; {@code openShift} adds
     * what SCC admission needs; {@code privileges} says who it runs as.
     */
    public ProbeManifests(String namespace, String image, String runId, Duration interval,
            Map<String, String> nodeSelector, boolean openShift, ProbePrivileges privileges) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("probe namespace \"" + namespace
                    + "\" must be a DNS-1123 label (lowercase letters, digits, '-', at most 63)");
        }
        PodFactory.checkedRunId(runId);
        try {
            new ImageReference(image);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the probe image " + e.getMessage(), e);
        }
        if (interval == null || interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("probe interval " + (interval == null ? null : Durations.exact(interval))
                    + " must be at least " + Durations.exact(MIN_INTERVAL));
        }
        this.namespace = namespace;
        this.image = image;
        this.runId = runId;
        this.interval = interval;
        this.nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        this.openShift = openShift;
        this.privileges = privileges;
    }

    public String namespace() {
        return namespace;
    }

    public boolean openShift() {
        return openShift;
    }

    /** Who the probe runs as, and so what it can do on a node. */
    public ProbePrivileges privileges() {
        return privileges;
    }

    /** The probe's image, with whether it is pinned by digest. */
    public ImageReference image() {
        return new ImageReference(image);
    }

    /** The probe script as shipped, run by the DaemonSet as {@code sh -c SCRIPT}. */
    public static String script() {
        try (InputStream in = ProbeManifests.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the probe script " + SCRIPT_RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the probe script " + SCRIPT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** How often the probe prints a line. */
    public Duration interval() {
        return interval;
    }

    /** {@code PROBE_INTERVAL}: seconds, with a fraction only where needed ({@code 1}, {@code 0.5}). */
    String intervalSeconds() {
        return BigDecimal.valueOf(interval.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    /**
     * The share of a core the probe's counts of PID 1's mount table may use: the lab sampler's
     * rule (after a count that cost c, the next no sooner than c / budget later) with half its
     * budget, because the probe's lines cost about 0.2% of a core on their own and the probe as
     * a whole is held to 0.5% (measured: README, Clusters).
     */
    static final double MOUNT_BUDGET = Sampler.MOUNT_BUDGET / 2;

    /** {@code PROBE_MOUNT_BUDGET_PPM}: {@link #MOUNT_BUDGET} in millionths of a core. */
    static String mountBudgetPpm() {
        return Long.toString(Math.round(MOUNT_BUDGET * 1_000_000));
    }

    /** The labels every object of the probe carries: the run's, who manages it, what it is. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PodFactory.RUN_LABEL, runId);
        labels.put(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY);
        labels.put(NAME_LABEL, NAME);
        return labels;
    }

    /** The labels that select the probe's pods, for the DaemonSet and for finding them. */
    Map<String, String> selectorLabels() {
        return Map.of(PodFactory.RUN_LABEL, runId, NAME_LABEL, NAME);
    }

    /** The run whose label the probe's objects carry. */
    public String runId() {
        return runId;
    }

    /** The nodes the campaign selected; the DaemonSet also requires {@value #OS_LABEL}=linux. */
    public Map<String, String> nodeSelector() {
        return nodeSelector;
    }

    /** The DaemonSet's node selector: the campaign's, on Linux nodes only (the probe is a shell script). */
    Map<String, String> podNodeSelector() {
        Map<String, String> selector = new LinkedHashMap<>(nodeSelector);
        selector.put(OS_LABEL, "linux");
        return selector;
    }

    /** The name of the probe's cluster-scoped objects, made for the run so that cleanup finds them. */
    private String clusterName() {
        return RunNames.of(NAME, runId);
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
        Map<String, String> selector = selectorLabels();
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
                .withNodeSelector(podNodeSelector())
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
                .addNewEnv().withName("PROBE_NS_LINKS").withValue(privileges.linksSetting()).endEnv()
                .addNewEnv().withName("PROBE_MOUNT_BUDGET_PPM").withValue(mountBudgetPpm()).endEnv()
                .withNewResources()
                .addToRequests("cpu", new Quantity("5m"))
                .addToRequests("memory", new Quantity("16Mi"))
                .addToLimits("memory", new Quantity("64Mi"))
                .endResources()
                .withSecurityContext(privileges.securityContext())
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * The SCC that admits exactly the probe's pod: host PID only, the probe's one user and
     * the capabilities {@link ProbePrivileges} asks for (none by default; required drop ALL
     * with an allowed capability is how restricted-v2 grants NET_BIND_SERVICE), no volumes,
     * read-only root, default seccomp, SELinux as assigned to the namespace.
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
                .addToAdditionalProperties(privileges.sccFields())
                .addToAdditionalProperties("requiredDropCapabilities", List.of("ALL"))
                .addToAdditionalProperties("defaultAddCapabilities", List.of())
                .addToAdditionalProperties("readOnlyRootFilesystem", true)
                .addToAdditionalProperties("seLinuxContext", Map.of("type", "MustRunAs"))
                .addToAdditionalProperties("fsGroup", Map.of("type", "RunAsAny"))
                .addToAdditionalProperties("supplementalGroups", Map.of("type", "RunAsAny"))
                .addToAdditionalProperties("seccompProfiles", List.of("runtime/default"))
                .addToAdditionalProperties("volumes", List.of())
                .addToAdditionalProperties("users", List.of())
                .addToAdditionalProperties("groups", List.of())
                .build();
    }
}
