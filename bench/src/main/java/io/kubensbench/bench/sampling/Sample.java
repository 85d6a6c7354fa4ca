package io.kubensbench.bench.sampling;

import java.util.List;

/**
 * Everything read at one instant: a monotonic timestamp (the only clock rates are computed
 * with), wall-clock time for people, whole-machine CPU and each watched process.
 */
public record Sample(long seq, long monotonicNs, long epochMillis, MachineCpu machine,
                     List<ProcessReading> processes) {

    public Sample {
        processes = List.copyOf(processes);
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
