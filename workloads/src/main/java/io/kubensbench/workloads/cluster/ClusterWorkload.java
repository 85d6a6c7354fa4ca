package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.workloads.pods.PodFactory;
import io.kubensbench.workloads.time.Deadline;
import io.kubensbench.workloads.time.Durations;
import io.kubensbench.workloads.time.Poll;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;

/**
 * One deployment of a workload's pods on a real cluster: what the cluster target does where
 * the lab's kubelet stand-in mounts directly. Every API write goes through the campaign's
 * {@link RateLimiter}, so the rate at which mounts appear on the node is set by the campaign,
 * not by how fast the client happens to be, and a write the API server throttles (429) waits
 * and is tried again ({@link Throttling}). Objects are found again by label only (the run
 * label, and the attempt label when the factory has one), so a deployment can always be
 * waited on and deleted, also by a later process.
 *
 * <p>Plain creates, not server-side apply: a deployment only ever creates fresh names, and
 * creates work the same on every API server, including fabric8's mock.
 */
public final class ClusterWorkload {

    /** Pod churn in the background; see {@link ClusterWorkload#startChurn}. */
    public interface Churner {

        /** Pods replaced so far. */
        long replaced();

        /**
         * Stops churning, waits for a replacement in progress, and returns the pods replaced.
         * Throws the failure that stopped the churn early, if one did.
         */
        long stop() throws IOException;
    }

    /** How often waits list the pods again: about what a person watching would expect. */
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    private static final Churner NO_CHURN = new Churner() {
        @Override
        public long replaced() {
            return 0;
        }

        @Override
        public long stop() {
            return 0;
        }
    };

    private final KubernetesClient client;
    private final PodFactory factory;
    private final RateLimiter limiter;
    private final ClusterWorkloadOptions options;
    private final Duration pollInterval;
    private final Map<String, String> selector;
    private final WorkloadApi api;
    /** Per pod index, how many times churn has replaced it: names the current pod. */
    private final AtomicIntegerArray generations;
    private ChurnLoop churn;

    public ClusterWorkload(KubernetesClient client, PodFactory factory, RateLimiter limiter,
            ClusterWorkloadOptions options) {
        this(client, factory, limiter, options, DEFAULT_POLL_INTERVAL);
    }

    ClusterWorkload(KubernetesClient client, PodFactory factory, RateLimiter limiter,
            ClusterWorkloadOptions options, Duration pollInterval) {
        this(client, factory, limiter, options, pollInterval, new Throttling());
    }

    ClusterWorkload(KubernetesClient client, PodFactory factory, RateLimiter limiter,
            ClusterWorkloadOptions options, Duration pollInterval, Throttling throttling) {
        this.client = Objects.requireNonNull(client, "client");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.options = Objects.requireNonNull(options, "options");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PodFactory.RUN_LABEL, factory.runId());
        factory.attempt().ifPresent(attempt -> labels.put(PodFactory.ATTEMPT_LABEL, attempt));
        this.selector = Collections.unmodifiableMap(labels);
        this.api = new WorkloadApi(client, limiter, factory.namespace(), selector, throttling);
        this.generations = new AtomicIntegerArray(factory.spec().pods());
    }

    /**
     * Makes sure the factory's namespace exists, creating it with {@code labels} (the run and
     * managed-by labels, so cleanup finds it) when it does not. A namespace that already
     * exists is used as it is and keeps its labels, so cleanup never deletes a namespace the
     * user made. A Terminating namespace cannot take new pods: that is an error.
     */
    public void ensureNamespace(Map<String, String> labels)
            throws IOException, InterruptedException {
        WorkloadNamespace.ensure(client, limiter, factory.namespace(), labels);
    }

    /**
     * Creates every object of every pod, Secrets and ConfigMaps before the pod that mounts
     * them, each create through the rate limiter. A few pods are created at a time, so that
     * the QPS budget, not the API server's round trip, sets the pace. An object
     * that already exists with this deployment's labels (left by an earlier try of the same
     * deployment) counts as created; one that belongs to another run, or is being deleted, is
     * an error, and so is any other failed create: the first failure is thrown once the
     * creates in flight have finished.
     *
     * @param createdSoFar told the number of objects in place after each one, one call at a
     *     time, from the threads that create
     * @return the number of objects in place, every object of the workload
     */
    public int deploy(IntConsumer createdSoFar) throws IOException, InterruptedException {
        return new ParallelDeploy(api, "kubens-bench deploy " + factory.namespace())
                .deploy(generations.length(), index -> factory.objectsForPod(index, generations.get(index)),
                        createdSoFar);
    }

    /**
     * Waits until every current pod, churn replacements included, is in phase Running,
     * listing the deployment's pods every poll interval. Fails at once when a pod has ended
     * (Failed or Succeeded), since it will never run, and after {@code timeout} with how many
     * pods are not Running and why, for the first few.
     *
     * @param runningSoFar told the number of Running pods after each poll
     */
    public void awaitRunning(Duration timeout, IntConsumer runningSoFar)
            throws IOException, InterruptedException {
        new RunningWait(api, factory.namespace(), pollInterval).await(timeout, this::podNames, runningSoFar);
    }

    /**
     * Starts replacing pods in the background, {@code podsPerSecond} on average: each time
     * the pod that has lived longest is deleted with its Secrets and ConfigMaps (grace period
     * 0) and a replacement with a fresh name ({@link PodFactory#podName(int, int)}) is
     * created, going round the pod indexes. Churn makes the node's mount table change, which
     * is what systemd pays for. Each replacement costs {@link #writesPerReplacement()} writes
     * through the rate limiter, so a rate above {@code qps / writesPerReplacement()} is not
     * reached; {@link Churner#replaced()} tells what was.
     *
     * @param podsPerSecond 0 for a steady workload: the churner returned does nothing
     */
    public synchronized Churner startChurn(double podsPerSecond) {
        if (!(podsPerSecond >= 0) || Double.isInfinite(podsPerSecond)) {
            throw new IllegalArgumentException("churn podsPerSecond must be 0 or more (got "
                    + podsPerSecond + ")");
        }
        if (churn != null && !churn.stopped()) {
            throw new IllegalStateException("churn is already running in namespace "
                    + factory.namespace() + "; stop it first");
        }
        if (podsPerSecond == 0) {
            return NO_CHURN;
        }
        churn = new ChurnLoop("kubens-bench churn " + factory.namespace(), podsPerSecond,
                number -> replace((int) (number % generations.length())));
        churn.start();
        return churn;
    }

    /** API writes one churn replacement costs: delete and create every object of a pod. */
    public int writesPerReplacement() {
        return 2 * factory.objectsForPod(0).size();
    }

    /**
     * Deletes this deployment's Pods, Secrets and ConfigMaps by label (grace period 0), after
     * stopping churn if it runs, and waits up to the options' delete timeout until no pod of
     * the deployment is left. A churn failure is thrown after the deletion, not instead of it.
     */
    public void delete() throws IOException, InterruptedException {
        IOException churnFailure = stopChurn();
        try {
            deleteByLabel();
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (churnFailure != null) {
                e.addSuppressed(churnFailure);
            }
            throw e;
        }
        if (churnFailure != null) {
            throw churnFailure;
        }
    }

    /** The names of the current pods, one per index, churn replacements included. */
    public List<String> podNames() {
        List<String> names = new ArrayList<>(generations.length());
        for (int index = 0; index < generations.length(); index++) {
            names.add(factory.podName(index, generations.get(index)));
        }
        return names;
    }

    /** The labels that select this deployment's objects: the run's, and the attempt's. */
    public Map<String, String> selector() {
        return selector;
    }

    private void replace(int index) throws IOException, InterruptedException {
        int generation = generations.get(index);
        List<HasMetadata> old = factory.objectsForPod(index, generation);
        // The pod first, so kubelet starts unmounting; then the sources it mounted.
        for (int i = old.size() - 1; i >= 0; i--) {
            api.delete(old.get(i));
        }
        generations.set(index, generation + 1);
        for (HasMetadata object : factory.objectsForPod(index, generation + 1)) {
            api.create(object);
        }
    }

    private synchronized IOException stopChurn() {
        if (churn == null || churn.stopped()) {
            return null;
        }
        try {
            churn.stop();
            return null;
        } catch (IOException e) {
            return e;
        } finally {
            churn = null;
        }
    }

    private void deleteByLabel() throws IOException, InterruptedException {
        api.deleteAll();
        Duration timeout = options.deleteTimeout();
        int left = Poll.until(Deadline.after(timeout), pollInterval, () -> api.pods().size(), n -> n == 0);
        if (left > 0) {
            throw new IOException(left + (left == 1 ? " pod" : " pods") + " still present " + api.where()
                    + " after " + Durations.exact(timeout) + " (deleted with grace period 0)");
        }
    }
}
