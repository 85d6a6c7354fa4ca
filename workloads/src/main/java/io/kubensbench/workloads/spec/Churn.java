package io.kubensbench.workloads.spec;

/**
 * Pods replaced per second while measuring. Churn is what makes the mount table change, and
 * systemd pays per change, so a steady workload and a churning one are different experiments.
 */
public record Churn(double podsPerSecond) {

    /** Above this a single node cannot keep up; the number is surely a typo. */
    public static final int MAX_PODS_PER_SECOND = 1000;

    public Churn {
        Checks.between("workload.churn.podsPerSecond", podsPerSecond, 0, MAX_PODS_PER_SECOND);
    }

    /** A steady workload: pods are created once and left alone. */
    public static Churn none() {
        return new Churn(0);
    }
}
