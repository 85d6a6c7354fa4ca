package io.kubensbench.bench.sampling;

import java.util.List;

/**
 * Everything read at one instant: a monotonic timestamp (the only clock rates are computed
 * with), wall-clock time for people, whole-machine CPU and each watched process.
 *
 * @param mountCount PID 1's mount table as last counted on the node, where a node probe
 *                   counts it (a cluster node); null where the target counts mount events
 *                   itself (the lab's kubelet stand-in)
 */
public record Sample(long seq, long monotonicNs, long epochMillis, MachineCpu machine,
                     List<ProcessReading> processes, MountTableCount mountCount) {

    public Sample {
        processes = List.copyOf(processes);
    }

    /** A sample without a node's mount count. */
    public Sample(long seq, long monotonicNs, long epochMillis, MachineCpu machine, List<ProcessReading> processes) {
        this(seq, monotonicNs, epochMillis, machine, processes, null);
    }

    /** What could not be read, "role: error" joined by "; "; null when everything was read. */
    public String errors() {
        StringBuilder errors = new StringBuilder();
        for (ProcessReading r : processes) {
            if (r.error() != null) {
                errors.append(errors.length() == 0 ? "" : "; ").append(r.role()).append(": ").append(r.error());
            }
        }
        return errors.length() == 0 ? null : errors.toString();
    }

    /** The reading for a role, or null when the role is not watched. */
    public ProcessReading process(String role) {
        for (ProcessReading r : processes) {
            if (r.role().equals(role)) {
                return r;
            }
        }
        return null;
    }
}
