package io.kubensbench.bench.cluster;

import io.kubensbench.bench.sampling.MountEventWindow;

/**
 * The mount events a node's probe counted between two of its lines: every change of PID 1's
 * mount table on the node, whoever made it, and the node time between the two counts. This is
 * the one place an observation reads them from; lines of a probe that cannot count give none,
 * and the window records them as not counted.
 */
@FunctionalInterface
interface NodeMountEvents {

    /** Nothing counted: what a probe that cannot count events gives. */
    NodeMountEvents NOT_COUNTED = (from, to) -> MountEventWindow.Count.NOT_COUNTED;

    /** The probe's own counts: from the last count at or before {@code from} to the last at or before {@code to}. */
    NodeMountEvents COUNTED = (from, to) -> to.eventsSince(from);

    /**
     * The events counted on the node from {@code from} to {@code to}, two lines of one node's
     * probe; -1 events when either line has no count, or the counter restarted in between.
     */
    MountEventWindow.Count between(ProbeLine from, ProbeLine to);
}
