package io.kubensbench.bench.cluster;

import java.util.OptionalLong;

/**
 * The mount events a node's probe counted between two of its lines: every mount and unmount on
 * the node, whoever made it. This is the one place an observation reads them from; a probe
 * line that does not carry a count gives none, and the window records them as not counted.
 */
@FunctionalInterface
interface NodeMountEvents {

    /** What the probe lines of this kubens-bench carry: no count of mount events. */
    NodeMountEvents NOT_COUNTED = (from, to) -> OptionalLong.empty();

    /**
     * The events counted on the node from {@code from} to {@code to}, two lines of one node's
     * probe; empty when either line has no count, or the counter restarted in between.
     */
    OptionalLong between(ProbeLine from, ProbeLine to);
}
