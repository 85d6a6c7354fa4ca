package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.workloads.pods.PodFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * One deployment of a workload's pods on a real cluster: what the cluster target does where
 * the lab's kubelet stand-in mounts directly. Every API write goes through the campaign's
 * {@link RateLimiter}, so the rate at which mounts appear on the node is set by the campaign,
 * not by how fast the client happens to be. Objects are found again by label only (the run
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
    /** Pods named in a timeout message; the rest are only counted. */
    private static final int PODS_NAMED = 3;
    private static final String RUNNING = "Running";
    /**
     * Pods created at a time. Each waits for its API round trip; four keep a budget of
     * 80 writes/s busy even at 50 ms per request, and still create pods roughly in order.
     */
    private static final int DEPLOY_WORKERS = 4;

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
    /** Per pod index, how many times churn has replaced it: names the current pod. */
    private final AtomicIntegerArray generations;
    private ChurnLoop churn;

    public ClusterWorkload(KubernetesClient client, PodFactory factory, RateLimiter limiter,
            ClusterWorkloadOptions options) {
        this(client, factory, limiter, options, DEFAULT_POLL_INTERVAL);
    }

    ClusterWorkload(KubernetesClient client, PodFactory factory, RateLimiter limiter,
            ClusterWorkloadOptions options, Duration pollInterval) {
        this.client = Objects.requireNonNull(client, "client");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.options = Objects.requireNonNull(options, "options");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PodFactory.RUN_LABEL, factory.runId());
        factory.attempt().ifPresent(attempt -> labels.put(PodFactory.ATTEMPT_LABEL, attempt));
        this.selector = Collections.unmodifiableMap(labels);
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
        String name = factory.namespace();
        Namespace existing = getNamespace(name);
        if (existing == null) {
            limiter.acquire();
            Namespace namespace = new NamespaceBuilder()
                    .withNewMetadata().withName(name).withLabels(Map.copyOf(labels)).endMetadata()
                    .build();
            try {
                client.resource(namespace).create();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != ApiErrors.CONFLICT) {
                    throw ApiErrors.failure("creating namespace " + name, e);
                }
            }
            existing = getNamespace(name); // created meanwhile by someone else
        }
        if (existing != null && terminating(existing)) {
            throw new IOException("namespace " + name + " is Terminating; wait until it is gone"
                    + " or use another namespace");
        }
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
        int pods = generations.length();
        AtomicInteger nextIndex = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Progress created = new Progress(createdSoFar);
        Callable<Void> worker = () -> {
            try {
                for (int index = nextIndex.getAndIncrement();
                        index < pods && failure.get() == null;
                        index = nextIndex.getAndIncrement()) {
                    for (HasMetadata object : factory.objectsForPod(index, generations.get(index))) {
                        create(object);
                        created.add();
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                failure.compareAndSet(null, e);
            }
            return null;
        };
        int workers = Math.min(DEPLOY_WORKERS, pods);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "kubens-bench deploy " + factory.namespace());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(worker));
            }
            for (Future<Void> future : running) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("deploy worker failed outside its own handling", e);
        } finally {
            pool.shutdownNow();
        }
        Exception failed = failure.get();
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        return created.count();
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
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Pod> listed = listPods().stream()
                    .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p, (a, b) -> a));
            List<String> current = podNames();
            List<String> notRunning = new ArrayList<>();
            for (String name : current) {
                Pod pod = listed.get(name);
                String phase = pod == null || pod.getStatus() == null ? null
                        : pod.getStatus().getPhase();
                if (RUNNING.equals(phase)) {
                    continue;
                }
                if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
                    throw new IOException("pod " + name + " in namespace " + factory.namespace()
                            + " is " + describe(pod) + " and will not run again");
                }
                notRunning.add(name);
            }
            runningSoFar.accept(current.size() - notRunning.size());
            if (notRunning.isEmpty()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException(notRunning.size() + " of " + current.size()
                        + " pods not Running after " + DurationText.of(timeout) + ": "
                        + notRunning.stream().limit(PODS_NAMED)
                                .map(name -> name + " " + describe(listed.get(name)))
                                .collect(Collectors.joining(", "))
                        + (notRunning.size() > PODS_NAMED ? ", ..." : ""));
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, pollInterval.toNanos()));
        }
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

    private void create(HasMetadata object) throws IOException, InterruptedException {
        limiter.acquire();
        try {
            client.resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != ApiErrors.CONFLICT) {
                throw ApiErrors.failure("creating " + ApiErrors.describe(object), e);
            }
            requireSameDeployment(object);
        }
    }

    /** After a conflict: the existing object must be this deployment's, and staying. */
    private void requireSameDeployment(HasMetadata object)
            throws IOException, InterruptedException {
        HasMetadata existing;
        try {
            existing = client.resource(object).get();
        } catch (KubernetesClientException e) {
            throw ApiErrors.failure("reading " + ApiErrors.describe(object), e);
        }
        if (existing == null || existing.getMetadata().getDeletionTimestamp() != null) {
            throw new IOException(ApiErrors.describe(object) + " already exists and is being"
                    + " deleted; deploy again with a new attempt");
        }
        Map<String, String> labels = existing.getMetadata().getLabels();
        if (labels == null || !labels.entrySet().containsAll(selector.entrySet())) {
            throw new IOException(ApiErrors.describe(object) + " already exists and is not"
                    + " part of this deployment (labels " + labels + "); use another namespace"
                    + " or run id");
        }
    }

    private void replace(int index) throws IOException, InterruptedException {
        int generation = generations.get(index);
        List<HasMetadata> old = factory.objectsForPod(index, generation);
        // The pod first, so kubelet starts unmounting; then the sources it mounted.
        for (int i = old.size() - 1; i >= 0; i--) {
            deleteObject(old.get(i));
        }
        generations.set(index, generation + 1);
        for (HasMetadata object : factory.objectsForPod(index, generation + 1)) {
            create(object);
        }
    }

    private void deleteObject(HasMetadata object) throws IOException, InterruptedException {
        limiter.acquire();
        try {
            client.resource(object).withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != ApiErrors.NOT_FOUND) {
                throw ApiErrors.failure("deleting " + ApiErrors.describe(object), e);
            }
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
        String namespace = factory.namespace();
        String what = "in namespace " + namespace + " labelled " + ApiErrors.describe(selector);
        try {
            limiter.acquire();
            client.pods().inNamespace(namespace).withLabels(selector).withGracePeriod(0).delete();
            limiter.acquire();
            client.secrets().inNamespace(namespace).withLabels(selector).delete();
            limiter.acquire();
            client.configMaps().inNamespace(namespace).withLabels(selector).delete();
        } catch (KubernetesClientException e) {
            throw ApiErrors.failure("deleting the workload " + what, e);
        }
        Duration timeout = options.deleteTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int left = listPods().size();
            if (left == 0) {
                return;
            }
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                throw new IOException(left + (left == 1 ? " pod" : " pods") + " still present "
                        + what + " after "
                        + DurationText.of(timeout) + " (deleted with grace period 0)");
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, pollInterval.toNanos()));
        }
    }

    private List<Pod> listPods() throws IOException, InterruptedException {
        try {
            return client.pods().inNamespace(factory.namespace()).withLabels(selector).list()
                    .getItems();
        } catch (KubernetesClientException e) {
            throw ApiErrors.failure("listing pods in namespace " + factory.namespace(), e);
        }
    }

    private Namespace getNamespace(String name) throws IOException, InterruptedException {
        try {
            return client.namespaces().withName(name).get();
        } catch (KubernetesClientException e) {
            throw ApiErrors.failure("reading namespace " + name, e);
        }
    }

    static boolean terminating(Namespace namespace) {
        return namespace.getMetadata().getDeletionTimestamp() != null
                || namespace.getStatus() != null
                        && "Terminating".equals(namespace.getStatus().getPhase());
    }

    /** {@code Pending (ImagePullBackOff)}: the phase, and why, as far as the status says. */
    private static String describe(Pod pod) {
        if (pod == null) {
            return "not found";
        }
        PodStatus status = pod.getStatus();
        // The API server sets Pending on create; only a bare mock leaves the phase empty.
        String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        String reason = status == null ? null : reason(status);
        return reason == null ? phase : phase + " (" + reason + ")";
    }

    private static String reason(PodStatus status) {
        for (ContainerStatus container : status.getContainerStatuses()) {
            if (container.getState() != null && container.getState().getWaiting() != null
                    && container.getState().getWaiting().getReason() != null) {
                return container.getState().getWaiting().getReason();
            }
            if (container.getState() != null && container.getState().getTerminated() != null
                    && container.getState().getTerminated().getReason() != null) {
                return container.getState().getTerminated().getReason();
            }
        }
        for (PodCondition condition : status.getConditions()) {
            if ("False".equals(condition.getStatus()) && condition.getReason() != null) {
                return condition.getReason();
            }
        }
        return status.getReason();
    }

    /** Objects in place so far, told to the caller one call at a time. */
    private static final class Progress {

        private final IntConsumer listener;
        private int count;

        Progress(IntConsumer listener) {
            this.listener = listener;
        }

        synchronized void add() {
            listener.accept(++count);
        }

        synchronized int count() {
            return count;
        }
    }
}
