package io.kubensbench.workloads.pods;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.kubensbench.workloads.spec.VolumeKind;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the pods of a workload, with the Secrets and ConfigMaps their volumes reference, as
 * fabric8 objects ready to create (or to print for {@code plan --manifests}).
 *
 * <p>The pods are shaped so that kubelet and CRI-O create exactly the mounts of the
 * {@link io.kubensbench.workloads.mounts.MountPlan}: volume names come from {@link VolumeKind},
 * and {@code automountServiceAccountToken: false} keeps the API server from adding a
 * projected token volume the spec did not ask for. Containers only sleep, with tiny requests
 * and no grace period, so that many pods fit on a node and churn is fast: the mounts are the
 * load, not the containers.
 *
 * <p>The pods pass Pod Security's {@code restricted} profile, which many namespaces enforce:
 * every volume kind they use is one it allows, and they run as a non-root user with every
 * capability dropped, no privilege escalation and the runtime's default seccomp profile. The
 * user is {@link #DEFAULT_USER} unless told otherwise; on OpenShift none is named
 * ({@link #withUser(Long)} null), because its restricted SCC assigns one from the namespace's
 * range and refuses any other.
 */
public final class PodFactory {

    /** Label on every object of a run; the key for listing, waiting and cleanup. */
    public static final String RUN_LABEL = "kubens-bench.io/run";
    /**
     * Label on every object of one deployment of a run ({@link #withAttempt}): a campaign
     * deploys many times into one namespace, and each deployment is waited on and deleted on
     * its own while the previous one may still be terminating.
     */
    public static final String ATTEMPT_LABEL = "kubens-bench.io/attempt";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "kubens-bench";
    /** The user the pods run as where the cluster does not assign one: nobody. */
    public static final long DEFAULT_USER = 65534;
    /** Keeps a container alive without doing anything; needs a coreutils or busybox image. */
    public static final List<String> DEFAULT_COMMAND = List.of("sleep", "infinity");

    /** Short enough that every derived name stays a DNS-1123 label; usable as a label value. */
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,18}[a-z0-9])?");
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Projected token lifetime: the API server's minimum is 10 minutes. */
    private static final long TOKEN_EXPIRATION_SECONDS = 3607;

    private final WorkloadSpec spec;
    private final String runId;
    private final String namespace;
    private final String image;
    private final Map<String, String> nodeSelector;
    private final List<String> command;
    /** Null until {@link #withAttempt}: names then derive from the run id. */
    private final String attempt;
    /** The pods' user; null leaves it to the cluster (an OpenShift SCC assigns one). */
    private final Long user;

    public PodFactory(WorkloadSpec spec, String runId, String namespace, String image,
            Map<String, String> nodeSelector) {
        this(spec, runId, namespace, image, nodeSelector, DEFAULT_COMMAND, null, DEFAULT_USER);
    }

    private PodFactory(WorkloadSpec spec, String runId, String namespace, String image,
            Map<String, String> nodeSelector, List<String> command, String attempt, Long user) {
        this.spec = Objects.requireNonNull(spec, "spec");
        checkedRunId(runId);
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace \"" + namespace
                    + "\" must be a DNS-1123 label (lowercase letters, digits, '-', at most 63)");
        }
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("image must not be blank");
        }
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        this.runId = runId;
        this.namespace = namespace;
        this.image = image;
        this.nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        this.command = List.copyOf(command);
        this.attempt = attempt == null ? null : checkedId("attempt", attempt);
        if (user != null && user <= 0) {
            throw new IllegalArgumentException("the pods' user must be a uid above 0 (got " + user + ")");
        }
        this.user = user;
    }

    /**
     * Returns {@code runId} if it can be a run id: it goes into object names and label
     * values, so it is 1 to 20 lowercase letters, digits or '-'. Cleanup checks a run id a
     * user typed with the same rule.
     */
    public static String checkedRunId(String runId) {
        return checkedId("run id", runId);
    }

    private static String checkedId(String what, String id) {
        if (id == null || !RUN_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " \"" + id + "\" must be 1 to 20 lowercase"
                    + " letters, digits or '-', starting and ending with a letter or digit");
        }
        return id;
    }

    /** The same factory with containers running {@code newCommand} instead of sleeping. */
    public PodFactory withCommand(List<String> newCommand) {
        return new PodFactory(spec, runId, namespace, image, nodeSelector, newCommand, attempt, user);
    }

    /**
     * The same factory with pods running as {@code uid}, or, with null, as whatever user the
     * cluster assigns (OpenShift's restricted SCC assigns one from the namespace's range and
     * refuses pods that name another). Either way they must not run as root.
     */
    public PodFactory withUser(Long uid) {
        return new PodFactory(spec, runId, namespace, image, nodeSelector, command, attempt, uid);
    }

    /**
     * The same factory for one deployment of the run: every object also carries
     * {@link #ATTEMPT_LABEL}, and pods are named {@code kb-<attempt>-<index>}, so a campaign
     * can deploy again into the same namespace while the pods of the last deployment are
     * still terminating. {@code attempt} follows the run id's rule.
     */
    public PodFactory withAttempt(String newAttempt) {
        return new PodFactory(spec, runId, namespace, image, nodeSelector, command,
                checkedId("attempt", newAttempt), user);
    }

    public WorkloadSpec spec() {
        return spec;
    }

    public String runId() {
        return runId;
    }

    public String namespace() {
        return namespace;
    }

    /** The deployment this factory names objects for, if {@link #withAttempt} set one. */
    public Optional<String> attempt() {
        return Optional.ofNullable(attempt);
    }

    /**
     * {@code kb-<runId>-<index>}, or {@code kb-<attempt>-<index>} with an attempt: unique per
     * run (or deployment), and tells a run's pods apart at a glance.
     */
    public String podName(int index) {
        return "kb-" + (attempt == null ? runId : attempt) + "-" + index;
    }

    /**
     * The name of pod {@code index} after it has been replaced {@code generation} times:
     * {@link #podName(int)} at generation 0, else with {@code -g<generation>}, so a churned
     * pod never reuses the name of one that may still be terminating.
     */
    public String podName(int index, int generation) {
        checkIndex(index);
        if (generation < 0) {
            throw new IllegalArgumentException("pod generation must not be negative (got "
                    + generation + ")");
        }
        return generation == 0 ? podName(index) : podName(index) + "-g" + generation;
    }

    /**
     * The Secrets and ConfigMaps pod {@code index} references, then the pod itself: the order
     * to create them in, so kubelet finds every source when it mounts.
     */
    public List<HasMetadata> objectsForPod(int index) {
        return objectsForPod(index, 0);
    }

    /**
     * The objects of pod {@code index} at {@code generation}, named after
     * {@link #podName(int, int)}: generation 0 is {@link #objectsForPod(int)}, each later one
     * a fresh replacement for churn.
     */
    public List<HasMetadata> objectsForPod(int index, int generation) {
        String podName = podName(index, generation);
        List<HasMetadata> objects = new ArrayList<>();
        for (int i = 0; i < spec.volumesPerPod().secret(); i++) {
            objects.add(new SecretBuilder()
                    .withMetadata(metadata(secretName(podName, i)))
                    .withType("Opaque")
                    .addToStringData("value", podName + " secret " + i)
                    .build());
        }
        for (int i = 0; i < spec.volumesPerPod().configMap(); i++) {
            objects.add(new ConfigMapBuilder()
                    .withMetadata(metadata(configMapName(podName, i)))
                    .addToData("value", podName + " config " + i)
                    .build());
        }
        objects.add(pod(podName));
        return objects;
    }

    /** Every object of the workload, pod by pod in creation order. */
    public List<HasMetadata> allObjects() {
        List<HasMetadata> objects = new ArrayList<>();
        for (int index = 0; index < spec.pods(); index++) {
            objects.addAll(objectsForPod(index));
        }
        return objects;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= spec.pods()) {
            throw new IllegalArgumentException("pod index must be between 0 and "
                    + (spec.pods() - 1) + " (got " + index + ")");
        }
    }

    private HasMetadata pod(String podName) {
        List<Volume> volumes = volumes(podName);
        List<VolumeMount> mounts = volumes.stream()
                .map(v -> new VolumeMountBuilder()
                        .withName(v.getName())
                        .withMountPath("/mnt/" + v.getName())
                        .build())
                .toList();
        List<Container> containers = new ArrayList<>();
        for (int c = 0; c < spec.containersPerPod(); c++) {
            containers.add(new ContainerBuilder()
                    .withName("c" + c)
                    .withImage(image)
                    .withCommand(command)
                    .withVolumeMounts(mounts)
                    .withNewSecurityContext()
                        .withAllowPrivilegeEscalation(false)
                        .withNewCapabilities().withDrop("ALL").endCapabilities()
                    .endSecurityContext()
                    .withNewResources()
                        .addToRequests("cpu", new Quantity("1m"))
                        .addToRequests("memory", new Quantity("8Mi"))
                    .endResources()
                    .build());
        }
        return new PodBuilder()
                .withMetadata(metadata(podName))
                .withNewSpec()
                    .withAutomountServiceAccountToken(false)
                    .withEnableServiceLinks(false)
                    .withTerminationGracePeriodSeconds(0L)
                    .withNewSecurityContext()
                        .withRunAsNonRoot(true)
                        .withRunAsUser(user)
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                    .endSecurityContext()
                    .withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
                    .withContainers(containers)
                    .withVolumes(volumes)
                .endSpec()
                .build();
    }

    private List<Volume> volumes(String podName) {
        List<Volume> volumes = new ArrayList<>();
        for (VolumeKind kind : VolumeKind.values()) {
            for (int i = 0; i < spec.volumesPerPod().count(kind); i++) {
                volumes.add(volume(kind, kind.volumeName(i), podName, i));
            }
        }
        return volumes;
    }

    private static Volume volume(VolumeKind kind, String name, String podName, int i) {
        VolumeBuilder volume = new VolumeBuilder().withName(name);
        return switch (kind) {
            case SECRET -> volume.withNewSecret()
                    .withSecretName(secretName(podName, i))
                    .endSecret().build();
            // Like the token volume the API server injects, minus the root CA ConfigMap,
            // so that every object the pod references is one this factory creates.
            case PROJECTED -> volume.withNewProjected()
                    .addNewSource().withNewServiceAccountToken()
                        .withPath("token")
                        .withExpirationSeconds(TOKEN_EXPIRATION_SECONDS)
                    .endServiceAccountToken().endSource()
                    .addNewSource().withNewDownwardAPI()
                        .addNewItem().withPath("namespace")
                            .withNewFieldRef().withFieldPath("metadata.namespace").endFieldRef()
                        .endItem()
                    .endDownwardAPI().endSource()
                    .endProjected().build();
            case CONFIG_MAP -> volume.withNewConfigMap()
                    .withName(configMapName(podName, i))
                    .endConfigMap().build();
            case EMPTY_DIR_MEMORY -> volume.withNewEmptyDir()
                    .withMedium("Memory")
                    .endEmptyDir().build();
            case DOWNWARD_API -> volume.withNewDownwardAPI()
                    .addNewItem().withPath("labels")
                        .withNewFieldRef().withFieldPath("metadata.labels").endFieldRef()
                    .endItem()
                    .endDownwardAPI().build();
            case EMPTY_DIR_DISK -> volume.withNewEmptyDir().endEmptyDir().build();
        };
    }

    private ObjectMeta metadata(String name) {
        ObjectMetaBuilder metadata = new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace)
                .addToLabels(RUN_LABEL, runId)
                .addToLabels(MANAGED_BY_LABEL, MANAGED_BY);
        if (attempt != null) {
            metadata.addToLabels(ATTEMPT_LABEL, attempt);
        }
        return metadata.build();
    }

    private static String secretName(String podName, int i) {
        return podName + "-secret-" + i;
    }

    private static String configMapName(String podName, int i) {
        return podName + "-configmap-" + i;
    }
}
