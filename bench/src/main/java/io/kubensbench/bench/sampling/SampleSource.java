package io.kubensbench.bench.sampling;

import java.io.IOException;

/**
 * Where one node's samples come from: this machine's /proc for the lab, the node's probe for a
 * cluster. The sampling loop and the runner take every sample through this, so a cluster node
 * is measured with the same accounting as the lab.
 */
public interface SampleSource {

    /** Takes (or, for a remote node, fetches the newest) sample. */
    Sample next() throws IOException;

    /** The clock ticks per second of the node's /proc/PID/stat counters. */
    long ticksPerSecond();
}
