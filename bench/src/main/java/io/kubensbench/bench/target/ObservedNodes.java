package io.kubensbench.bench.target;

import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.sampling.MountEventWindow;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.SampleSource;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Nodes whose own workload is observed ({@code kubens-bench observe}): a {@link Target} without
 * a workload of ours. The observer reads systemd on each node while someone else's load runs,
 * checks or switches the arm, and asks for the mount events each node counted; it never
 * deploys, churns or settles, because the load is not its to start or stop.
 */
public interface ObservedNodes extends AutoCloseable {

    /** What the nodes can do and how they are measured; known before {@link #prepare}. */
    TargetTraits traits();

    /** Starts what reading the nodes needs (the node probe); called once. */
    void prepare() throws IOException;

    /** The nodes observed, by the name the results give them; known after prepare. */
    List<String> nodes();

    /** What the results depend on: kernel, systemd version, cluster. */
    Environment describe() throws IOException;

    /** Refuses, naming each node that contradicts it, to observe an arm the nodes are not in. */
    void requireArm(String arm, Encapsulation state) throws IOException;

    /** Each node's namespace identities as they are now, once the probe has found kubelet and the runtime. */
    Map<String, NamespaceIdentities> identities() throws IOException;

    /**
     * Puts the nodes in {@code state} where the nodes' arms are switched by kubens-bench (a
     * MachineConfig rollout), and reports per node the namespace identities that prove it.
     */
    Map<String, NamespaceIdentities> enter(Encapsulation state) throws IOException;

    /** Each node's samples, one probe line each: systemd, kubelet and the probe's own cost. */
    Map<String, SampleSource> sources();

    /**
     * The mount events counted on {@code node} between two of its samples (from {@link
     * #sources()}), every change of PID 1's mount table there whoever made it, and the node time
     * they were counted over; -1 events when the node's probe does not count them, which the
     * records keep as not counted.
     */
    MountEventWindow.Count mountEvents(String node, Sample from, Sample to);

    /** Removes everything this observation created, also after Ctrl-C. */
    @Override
    void close();
}
