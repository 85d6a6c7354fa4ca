package io.kubensbench.bench.campaign;

import io.kubensbench.analysis.results.Environment;
import io.kubensbench.bench.sampling.Watched;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Where a campaign runs: a lab node or a cluster node. The runner knows only this, so the
 * same plan, sampling and records serve both.
 */
public interface Target extends AutoCloseable {

    /** Starts what the target needs (a lab node, a probe); called once per campaign. */
    void prepare() throws IOException;

    /** The node's name in the results. */
    String node();

    /** What the results depend on: kernel, systemd version, CPU, cluster. */
    Environment describe() throws IOException;

    /**
     * Returns once the node's systemd is idle again: unmounting the previous run's pods leaves
     * it thousands of mount units to drop, and that tail must not land in the next run.
     *
     * @return how long it took
     */
    Duration settle() throws IOException;

    /**
     * Puts the node in an arm's encapsulation state, starts kubelet and the container runtime
     * the way the node starts them (for the level's pod shape), and reports the namespace
     * identities that prove the state.
     */
    NamespaceIdentities enter(Encapsulation state, WorkloadSpec shape) throws IOException;

    /** Deploys the level's base pods; {@code tag} keeps pod ids unique per run. */
    void deploy(WorkloadSpec workload, String tag) throws IOException;

    /** Starts deleting and recreating pods at the workload's churn rate. */
    Churn startChurn(WorkloadSpec workload);

    /** The processes to sample: systemd, kubelet, and the harness itself. */
    List<Watched> watched();

    /** Removes the level's pods and stops kubelet and the runtime. */
    void undeploy() throws IOException;

    @Override
    void close();

    /** A running churn: it tells how many mounts it created and removed. */
    interface Churn {
        /** Mount events (mounts + unmounts) caused so far. */
        long events();

        /** Stops churning; returns the mount events it caused in all. */
        long stop() throws IOException;
    }
}
