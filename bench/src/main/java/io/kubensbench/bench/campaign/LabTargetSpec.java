package io.kubensbench.bench.campaign;

import io.kubensbench.analysis.results.TargetTraits;

/**
 * The embedded lab node as a campaign's target. It has no settings yet; it is a record, and
 * a field of its own in the file ({@code target: {lab: {}}}), so that settings can be added
 * later without changing what existing files mean. Until then the reader refuses any field
 * under it, rather than silently ignoring a setting the user thinks took effect.
 */
public record LabTargetSpec() {

    /**
     * What a lab run costs besides warm-up, measure and deploying: setting the arm (starting
     * or stopping the lab's kubens.service, checking the namespace identities), starting the
     * kubelet stand-in, and tearing down. Measured with {@code lab verify} on a 2-core
     * machine: about 0.15 s to start kubens.service and 0.3 to 0.5 s to start the stand-in;
     * 2 s leaves room for tear-down and slower machines.
     */
    public static final double RUN_OVERHEAD_SECONDS = 2;
    /**
     * The lab's systemd has nothing to do but the workload's mounts: between runs it drops to
     * a few ticks a minute, so 0.5% of a core over half a second is idle.
     */
    public static final double IDLE_CORES = 0.005;
    /**
     * Dropping 7,500 mount units took a lab node's systemd up to 48 s in the runs of
     * {@code lab-dose-response.yaml} on a 2-core machine; over twice that is a stuck node.
     */
    public static final double SETTLE_LIMIT_SECONDS = 120;

    /** The lab's traits: arms switched in place, events counted, the harness is this JVM. */
    public TargetTraits traits() {
        return new TargetTraits("lab", TargetTraits.ArmSwitching.IN_PLACE, RUN_OVERHEAD_SECONDS, IDLE_CORES,
                SETTLE_LIMIT_SECONDS, TargetTraits.MountEvents.COUNTED,
                "the kubens-bench JVM on this machine (sampling, the run's orchestration)", 60,
                "nothing: the kernel ends the lab node with the harness (parent-death signal), and its mounts"
                        + " and cgroups go with it");
    }
}
