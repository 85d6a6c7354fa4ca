package io.kubensbench.workloads.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubensbench.workloads.time.Deadline;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The wait until a deployment's current pods are all in phase Running. A pod that has ended
 * (Failed or Succeeded) will never run, so the wait fails at once on it instead of running
 * into its timeout; a timeout names the first few pods that are not Running and why.
 */
final class RunningWait {

    /** Pods named in a timeout message; the rest are only counted. */
    private static final int PODS_NAMED = 3;
    private static final String RUNNING = "Running";

    private final WorkloadApi api;
    private final String namespace;
    private final Duration pollInterval;

    RunningWait(WorkloadApi api, String namespace, Duration pollInterval) {
        this.api = api;
        this.namespace = namespace;
        this.pollInterval = pollInterval;
    }

    /**
     * Waits until every pod {@code current} names (asked again on every poll, as churn
     * replaces pods) is Running.
     *
     * @param runningSoFar told the number of Running pods after each poll
     */
    void await(Duration timeout, Supplier<List<String>> current, IntConsumer runningSoFar)
            throws IOException, InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        while (true) {
            Map<String, Pod> listed = api.pods().stream()
                    .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p, (a, b) -> a));
            List<String> names = current.get();
            List<String> notRunning = new ArrayList<>();
            for (String name : names) {
                Pod pod = listed.get(name);
                String phase = pod == null || pod.getStatus() == null ? null : pod.getStatus().getPhase();
                if (RUNNING.equals(phase)) {
                    continue;
                }
                if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
                    throw new IOException("pod " + name + " in namespace " + namespace + " is "
                            + PodDiagnosis.of(pod) + " and will not run again");
                }
                notRunning.add(name);
            }
            runningSoFar.accept(names.size() - notRunning.size());
            if (notRunning.isEmpty()) {
                return;
            }
            if (deadline.passed()) {
                throw new IOException(notRunning.size() + " of " + names.size() + " pods not Running after "
                        + Durations.exact(timeout) + ": "
                        + notRunning.stream().limit(PODS_NAMED)
                                .map(name -> name + " " + PodDiagnosis.of(listed.get(name)))
                                .collect(Collectors.joining(", "))
                        + (notRunning.size() > PODS_NAMED ? ", ..." : ""));
            }
            deadline.sleep(pollInterval);
        }
    }
}
