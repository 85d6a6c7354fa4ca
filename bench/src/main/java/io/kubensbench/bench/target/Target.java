package io.kubensbench.bench.target;

import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.RolloutRecord;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where a campaign runs: a lab node or a cluster's selected nodes. The runner knows only this,
 * so the same plan, sampling and records serve both. Every run measures all of the target's
 * nodes at once, one record per node: a cluster is the distributed engine, and node is a
 * block in the analysis. What differs between targets (how arms switch, what a run costs,
 * what a field means) is stated by {@link #traits}, which is all the runner and the CLI may
 * decide on.
 */
public interface Target extends AutoCloseable {

    /** What this target can do and how it measures; known before {@link #prepare}. */
    TargetTraits traits();

    /** Starts what the target needs (a lab node, a probe); called once per campaign. */
    void prepare() throws IOException;

    /** The nodes each run measures, by the name the results give them; known after prepare. */
    List<String> nodes();

    /** What the results depend on: kernel, systemd version, CPU, cluster. */
    Environment describe() throws IOException;

    /**
     * Waits until the nodes' systemd is idle again, or the traits' settle limit passes:
     * unmounting the previous run's pods leaves it thousands of mount units to drop, and that
     * tail must not land in the next run.
     */
    Settled settle() throws IOException;

    /**
     * Refuses, with the nodes that contradict it, to measure an arm whose state the nodes do
     * not show; for targets whose arms are switched by hand, checked before a campaign starts.
     */
    void requireArm(String arm, Encapsulation state) throws IOException;

    /**
     * Puts the nodes in an arm's encapsulation state (or, where the target cannot switch it,
     * checks they are in it), starts what the level's pods need, and reports per node the
     * namespace identities that prove the state.
     */
    Map<String, NamespaceIdentities> enter(Encapsulation state, WorkloadSpec shape) throws IOException;

    /**
     * Per node, the mounts it held with none of the campaign's pods when the current arm
     * state was first entered (so a leftover that appears later shows as an excess), in
     * systemd's and in the kubelet's view. Nodes the target cannot vouch for (a cluster node
     * also runs other people's pods) are left out, and their counts are not checked.
     */
    Map<String, MountBase> mountBase();

    /**
     * About how long one switch of the nodes' encapsulation state takes before any was
     * measured: a rollout's rule of thumb from the pools it reboots, known after
     * {@link #prepare}; zero where a switch is part of a run's overhead (the lab) or the
     * user's (by hand).
     */
    default Duration switchEstimate() {
        return Duration.ZERO;
    }

    /**
     * Has {@code listener} told of every switch of the nodes' state that took time (a
     * rollout), as it ends, also one that timed out or failed; targets whose switches are
     * part of a run never call it.
     */
    default void onSwitch(Consumer<RolloutRecord> listener) {
    }

    /** Deploys the level's base pods on every node; {@code tag} keeps pod names unique per run. */
    void deploy(WorkloadSpec workload, String tag) throws IOException;

    /** Starts deleting and recreating pods at the workload's churn rate, on every node. */
    Churn startChurn(WorkloadSpec workload) throws IOException;

    /** Each node's samples for this run: systemd, kubelet and the sampler's own cost. */
    Map<String, SampleSource> sources() throws IOException;

    /** Removes the level's pods and stops what {@link #enter} started. */
    void undeploy() throws IOException;

    @Override
    void close();

    /**
     * A running churn. Where the workload's own maker counts the mounts it creates and
     * removes (traits {@code COUNTED}: the lab's kubelet stand-in), the churn tells them;
     * where the node counts them ({@code TABLE_CHANGES}), the samples carry them instead.
     */
    interface Churn {
        /** Mount events (mounts + unmounts) the churn made on a node so far; 0 where it does not count them. */
        default long events(String node) {
            return 0;
        }

        /** Stops churning; reports the first failure. */
        void stop() throws IOException;

        /** No churn at all. */
        static Churn none() {
            return () -> { };
        }
    }
}
