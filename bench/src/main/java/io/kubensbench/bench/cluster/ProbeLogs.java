package io.kubensbench.bench.cluster;

/**
 * Opens the log of a node's probe pod. The cluster's is {@link #FOLLOW}; tests hand in lines
 * of their own instead, which is how a campaign runs end to end against a mock API server.
 */
@FunctionalInterface
interface ProbeLogs {

    /** The API server's log of the pod, followed. */
    ProbeLogs FOLLOW = NodeProbe::stream;

    ProbeStream open(NodeProbe probe, String node, String pod);
}
