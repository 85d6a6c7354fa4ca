package io.kubensbench.bench.campaign;

import io.kubensbench.analysis.results.TargetTraits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Kubernetes (OpenShift) cluster as a campaign's target: which cluster, which nodes, how
 * encapsulation is switched between arms, and where the workload's pods go.
 *
 * <p>{@code encapsulation} is required because switching it costs very differently:
 * {@value #MACHINECONFIG} has the Machine Config Operator roll a MachineConfig out (a drain
 * and reboot per node), {@value #MANUAL} expects someone (or a script) to switch the nodes
 * and the harness only verifies the state. A campaign must say which it means.
 *
 * <p>{@code namespace} is a prefix: each campaign works in {@code <namespace>-<run id>} and
 * runs its probe in {@code <namespace>-probe-<run id>}, so campaigns never share a namespace.
 *
 * <p>{@code probeAsRoot} is an explicit opt-in to the documented check's privileges: the node
 * probe then runs as root with {@code SYS_PTRACE} and reads the namespace links, which makes
 * it root on the node in effect. By default it runs as an unprivileged user and compares the
 * namespaces by what any user can read ({@link io.kubensbench.bench.cluster.ProbeManifests}).
 *
 * <p>Invalid values fail with an {@link InvalidCampaignException} naming the field
 * ({@code target.cluster.namespace}).
 */
public record ClusterTargetSpec(String context, Map<String, String> nodeSelector, String encapsulation,
        String namespace, String image, Double qps, Integer burst, Boolean probeAsRoot) {

    public static final String MACHINECONFIG = "machineconfig";
    public static final String MANUAL = "manual";
    public static final String DEFAULT_NAMESPACE = "kubens-bench";
    /**
     * API writes per second and burst. The rate is kube-burner-ocp's default (it uses 20/20; client-go's
     * own default is 5/10); the burst is larger so churn can create one pod's Secrets, ConfigMaps and
     * the pod itself together, as one pod's objects are written back to back.
     */
    public static final double DEFAULT_QPS = 20;
    public static final int DEFAULT_BURST = 40;
    public static final double MAX_QPS = 10_000;
    /** 63 (a DNS label) less "-probe-" and an eight-digit run id. */
    public static final int MAX_NAMESPACE = 48;
    /** Has {@code sleep} (coreutils), is small, and is pullable without credentials. */
    public static final String DEFAULT_IMAGE = "registry.access.redhat.com/ubi9/ubi-minimal";

    /**
     * What a cluster run costs besides warm-up, measure and deploying: settling over at least
     * two probe lines, proving the arm from the probes, and deleting the pods with their
     * Secrets and ConfigMaps through the API. A lower bound: a MachineConfig rollout comes on
     * top whenever the arm changes.
     */
    public static final double RUN_OVERHEAD_SECONDS = 20;
    /** A real node's systemd is never fully idle: 5% of a core is its background on a busy node. */
    public static final double IDLE_CORES = 0.05;
    /** Three minutes for a node to drop the previous run's mount units. */
    public static final double SETTLE_LIMIT_SECONDS = 180;
    /**
     * About how long Ctrl-C's clean-up takes at most: pods, the probe and namespaces deleted
     * (namespaces waited for up to 2 minutes). The harness exits only once it is done.
     */
    public static final double STOP_LIMIT_SECONDS = 600;

    private static final String PATH = "target.cluster.";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** A label key: an optional DNS subdomain prefix and '/', then a name (Kubernetes' qualified name). */
    private static final Pattern LABEL_KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                    + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    public ClusterTargetSpec {
        if (context != null && context.isBlank()) {
            throw new InvalidCampaignException(PATH + "context",
                    "must not be blank (leave it out for the current context)");
        }
        Map<String, String> selector = new LinkedHashMap<>();
        if (nodeSelector != null) {
            nodeSelector.forEach((key, value) -> {
                String at = PATH + "nodeSelector[" + Shown.text(key) + "]";
                if (key == null || !LABEL_KEY.matcher(key).matches() || key.indexOf('/') > 253) {
                    throw new InvalidCampaignException(at, "is not a valid label key");
                }
                if (value == null || !LABEL_VALUE.matcher(value).matches()) {
                    throw new InvalidCampaignException(at, "must be a label value: at most 63 letters, digits or"
                            + " '-_.', starting and ending with a letter or digit, or \"\" (got "
                            + Shown.text(value) + ")");
                }
                selector.put(key, value);
            });
        }
        nodeSelector = Collections.unmodifiableMap(selector);
        if (encapsulation == null) {
            throw new InvalidCampaignException(PATH + "encapsulation",
                    "is required (" + MACHINECONFIG + " or " + MANUAL + ")");
        }
        if (!encapsulation.equals(MACHINECONFIG) && !encapsulation.equals(MANUAL)) {
            throw new InvalidCampaignException(PATH + "encapsulation",
                    "must be " + MACHINECONFIG + " or " + MANUAL + " (got " + Shown.text(encapsulation) + ")");
        }
        namespace = namespace == null ? DEFAULT_NAMESPACE : namespace;
        if (namespace.length() > MAX_NAMESPACE) {
            throw new InvalidCampaignException(PATH + "namespace", "must be at most " + MAX_NAMESPACE
                    + " characters: each campaign appends -<run id> and -probe-<run id> (got "
                    + namespace.length() + ")");
        }
        if (!DNS_LABEL.matcher(namespace).matches()) {
            throw new InvalidCampaignException(PATH + "namespace", "must be a DNS-1123 label: at most 63"
                    + " lowercase letters, digits or '-', starting and ending with a letter or digit (got "
                    + Shown.text(namespace) + ")");
        }
        qps = qps == null ? DEFAULT_QPS : qps;
        if (!(qps > 0 && qps <= MAX_QPS)) {
            throw new InvalidCampaignException(PATH + "qps", "must be above 0 and at most " + (int) MAX_QPS
                    + " API writes a second (got " + qps + ")");
        }
        burst = burst == null ? DEFAULT_BURST : burst;
        if (burst < 1 || burst > MAX_QPS) {
            throw new InvalidCampaignException(PATH + "burst", "must be between 1 and " + (int) MAX_QPS + " (got "
                    + burst + ")");
        }
        image = image == null ? DEFAULT_IMAGE : image;
        try {
            new ImageReference(image);
        } catch (IllegalArgumentException e) {
            throw new InvalidCampaignException(PATH + "image", e.getMessage());
        }
        probeAsRoot = probeAsRoot != null && probeAsRoot;
    }

    /** The image of the pods and the probe, with whether it is pinned by digest. */
    public ImageReference imageReference() {
        return new ImageReference(image);
    }

    /** The cluster of the current kube context, every node, default namespace and image. */
    public static ClusterTargetSpec of(String encapsulation) {
        return new ClusterTargetSpec(null, Map.of(), encapsulation, null, null, null, null, null);
    }

    /**
     * The cluster's traits: arms switched by rollout or by hand, as {@code encapsulation}
     * says; mount events counted on each node by the probe, from PID 1's mount table; the
     * harness CPU is the probe's on each node.
     *
     * @param runId the campaign's run label, for the clean-up command; null before there is one
     */
    public TargetTraits traits(String runId) {
        return new TargetTraits("cluster", MANUAL.equals(encapsulation) ? TargetTraits.ArmSwitching.BY_HAND
                : TargetTraits.ArmSwitching.ROLLOUT, RUN_OVERHEAD_SECONDS, IDLE_CORES, SETTLE_LIMIT_SECONDS,
                TargetTraits.MountEvents.TABLE_CHANGES, "the node probe's shell and its reads on each node",
                STOP_LIMIT_SECONDS, "kubens-bench cleanup --run-id " + (runId == null ? "ID" : runId)
                        + " removes what the campaign created on the cluster" + (MANUAL.equals(encapsulation) ? ""
                        : ", and kubens-bench encapsulation disable --run-id " + (runId == null ? "ID" : runId)
                        + " its MachineConfig"));
    }
}
