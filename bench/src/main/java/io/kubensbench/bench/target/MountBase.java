package io.kubensbench.bench.target;

import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;

/**
 * The mounts a node holds with none of the campaign's pods, in systemd's and in the kubelet's
 * view: what every run's count must come back to, plus its pods. A run's mount table that
 * holds more (a leftover of an earlier run or of the other arm) or less measures a different
 * load than its level says, so the runner checks each run against it.
 *
 * @param systemd mounts in systemd's (PID 1's) namespace
 * @param kubelet mounts in the kubelet's namespace
 */
public record MountBase(long systemd, long kubelet) {

    /** What a run of {@code workload} in {@code state} should hold at any instant, and how far off it may be. */
    public Expected expected(WorkloadSpec workload, Encapsulation state) {
        MountPlan plan = new MountPlan(workload);
        long pods = plan.expectedMounts(workload.pods());
        // With encapsulation on, the pods' mounts live in the kubelet's namespace only.
        long inSystemd = systemd + (state == Encapsulation.ON ? 0 : pods);
        return new Expected(inSystemd, kubelet + pods, tolerance(workload, plan));
    }

    /**
     * The churn in flight: a count read while pods are being replaced misses the mounts of
     * the pods between their deletion and their re-creation, at most a second's worth of
     * replacements (and at least one pod) when the workload churns, none when it does not.
     */
    private static long tolerance(WorkloadSpec workload, MountPlan plan) {
        double rate = workload.churn().podsPerSecond();
        return rate == 0 ? 0 : plan.mountsPerPod() * Math.max(1, (long) Math.ceil(rate));
    }

    /**
     * A run's expected mounts.
     *
     * @param systemd   in systemd's view
     * @param kubelet   in the kubelet's view
     * @param tolerance how far a count may be off, either way
     */
    public record Expected(long systemd, long kubelet, long tolerance) {

        /** Why a count is off, or null when both are within the tolerance; counts of -1 were not read. */
        public String mismatch(long systemdCount, long kubeletCount) {
            if (systemdCount >= 0 && Math.abs(systemdCount - systemd) > tolerance) {
                return "systemd sees " + systemdCount + " mounts, expected " + systemd + " +- " + tolerance;
            }
            if (kubeletCount >= 0 && Math.abs(kubeletCount - kubelet) > tolerance) {
                return "the kubelet sees " + kubeletCount + " mounts, expected " + kubelet + " +- " + tolerance;
            }
            return null;
        }
    }
}
