package io.kubensbench.bench.lab;

import io.kubensbench.bench.campaign.Encapsulation;

/**
 * Mount counts in systemd's and the kubelet's namespaces before and after deploying pods:
 * the mechanism itself. Off, systemd sees every pod mount; on, its count does not move.
 */
public record MountVisibility(int pods, int mountsPerPod, long systemdBefore, long systemdAfter,
                              long kubeletBefore, long kubeletAfter) {

    public long expectedDelta() {
        return (long) pods * mountsPerPod;
    }

    public long systemdDelta() {
        return systemdAfter - systemdBefore;
    }

    public long kubeletDelta() {
        return kubeletAfter - kubeletBefore;
    }

    /** Whether the counts are what the arm predicts, mount for mount. */
    public boolean matches(Encapsulation arm) {
        return kubeletDelta() == expectedDelta()
                && systemdDelta() == (arm == Encapsulation.ON ? 0 : expectedDelta());
    }
}
