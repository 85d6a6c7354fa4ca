package io.kubensbench.workloads.spec;

/**
 * The load one measurement puts on a node. Both targets read it: the lab realises it as
 * mounts, the cluster as pods, so the two arms of an experiment stay comparable.
 * Invalid values are rejected on construction with an {@link InvalidSpecException} naming
 * the field.
 */
public record WorkloadSpec(int pods, int containersPerPod, VolumeCounts volumesPerPod,
        Churn churn) {

    public static final int MAX_PODS = 100_000;
    public static final int MAX_CONTAINERS_PER_POD = 64;

    public WorkloadSpec {
        if (pods < 1) {
            throw new InvalidSpecException("workload.pods",
                    "must be at least 1 (got " + pods + ")");
        }
        if (pods > MAX_PODS) {
            throw new InvalidSpecException("workload.pods",
                    "must be at most " + MAX_PODS + " (got " + pods + ")");
        }
        Checks.between("workload.containersPerPod", containersPerPod, 1, MAX_CONTAINERS_PER_POD);
        Checks.required("workload.volumesPerPod", volumesPerPod);
        Checks.required("workload.churn", churn);
    }

    /** 50 steady pods of two containers with {@link VolumeCounts#defaults()}. */
    public static WorkloadSpec defaults() {
        return new WorkloadSpec(50, 2, VolumeCounts.defaults(), Churn.none());
    }

    /** The same pods at another scale, as a dose-response level needs. */
    public WorkloadSpec withPods(int newPods) {
        return new WorkloadSpec(newPods, containersPerPod, volumesPerPod, churn);
    }
}
