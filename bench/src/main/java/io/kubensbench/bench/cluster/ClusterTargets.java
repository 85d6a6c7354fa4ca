package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.target.ObservedNodes;
import io.kubensbench.bench.target.Target;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
import io.kubensbench.workloads.ids.Ids;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Opens a cluster's selected nodes as a campaign's {@link Target}; the only way in from outside this package. */
public final class ClusterTargets {

    private ClusterTargets() {
    }

    /**
     * A cluster target under a fresh run id, with the default timeouts; {@code client} stays
     * the caller's to close, after the target.
     *
     * @param interval  how often the node probe prints a line (the campaign's sampling interval)
     * @param switching what the user decided about encapsulation switches, and the stop flag
     * @param log       one line per step the user should see (run id, rollouts, clean-up)
     */
    public static Target open(KubernetesClient client, ClusterTargetSpec spec, String version, Duration interval,
            SwitchOptions switching, Consumer<String> log) {
        ClusterWorkloadOptions d = ClusterWorkloadOptions.defaults();
        ClusterWorkloadOptions options = new ClusterWorkloadOptions(spec.qps(), spec.burst(), d.runningTimeout(),
                d.deleteTimeout());
        return new ClusterTarget(client, spec, Ids.random(), version, interval, options,
                ClusterTarget.Timeouts.defaults(), switching, log);
    }

    /**
     * The selected nodes of {@code spec}, observed while their own workload runs: only the node
     * probe is deployed, under a fresh run id. With {@code encapsulation: machineconfig} the
     * arms are switched as a campaign switches them, with {@code manual} only checked.
     *
     * @param interval how often the node probe prints a line
     */
    public static ObservedNodes observe(KubernetesClient client, ClusterTargetSpec spec, String version,
            Duration interval, SwitchOptions switching, Consumer<String> log) {
        return new ClusterObservation(client, spec, Ids.random(), version, interval,
                ClusterTarget.Timeouts.defaults(), switching, log, ProbeLogs.FOLLOW, NodeMountEvents.COUNTED);
    }

    /**
     * What each encapsulation switch of a campaign on {@code spec}'s nodes reboots, read from
     * the cluster (its Ready nodes and MachineConfigPools); creates nothing, for {@code plan}.
     */
    public static Reboots reboots(KubernetesClient client, ClusterTargetSpec spec) throws IOException {
        return ClusterPools.read(client).rebootsFor(SelectedNodes.select(client, spec.nodeSelector()).names());
    }

    /**
     * The state a campaign switching {@code reboots}' MachineConfigs finds: {@code on} when
     * every one of them exists, {@code off} when none does, {@code mixed} otherwise; read only.
     * Whether the first run needs a rollout follows from it.
     */
    public static String encapsulationState(KubernetesClient client, Reboots reboots) throws IOException {
        List<String> enabled = new ClusterEncapsulation(client).enabledRoles();
        return MachineConfigSwitch.stateOf(reboots.roles().stream().map(enabled::contains).toList());
    }
}
