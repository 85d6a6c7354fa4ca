package io.kubensbench.bench.sampling;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Follows each role's counters sample by sample and adds up the intervals that are valid,
 * so a restart or reboot in the middle of a window costs that one interval and is counted,
 * never turned into a negative or huge rate.
 */
public final class CpuAccumulator {

    private final long ticksPerSecond;
    private final Map<String, State> states = new LinkedHashMap<>();
    private long samples;

    public CpuAccumulator(long ticksPerSecond) {
        this.ticksPerSecond = ticksPerSecond;
    }

    private static final class State {
        ProcessReading last;
        long lastNs;
        long elapsedNs;
        long schedNs;
        long statTicks;
        int resets;
        String lastReset;
        String comm;
        long pid;
    }

    /** Samples added so far. */
    public long samples() {
        return samples;
    }

    /** Adds a sample; returns the interval since the previous one per role (absent on reset). */
    public Map<String, CpuInterval> add(Sample s) {
        samples++;
        Map<String, CpuInterval> step = new LinkedHashMap<>();
        for (ProcessReading r : s.processes()) {
            State st = states.computeIfAbsent(r.role(), k -> new State());
            st.pid = r.pid();
            if (!r.present()) {
                continue;
            }
            st.comm = r.cpu().comm();
            if (st.last != null) {
                String reset = st.last.cpu().resetReason(r.cpu());
                CpuInterval iv = CpuInterval.between(st.last.cpu(), r.cpu(), s.monotonicNs() - st.lastNs, ticksPerSecond);
                if (iv != null) {
                    step.put(r.role(), iv);
                    st.elapsedNs += iv.elapsedNs();
                    st.schedNs += iv.schedNs();
                    st.statTicks += iv.statTicks();
                } else if (reset != null) {
                    st.resets++;
                    st.lastReset = reset;
                }
            }
            st.last = r;
            st.lastNs = s.monotonicNs();
        }
        return step;
    }

    /** The totals per role so far. */
    public Map<String, CpuTotals> totals() {
        Map<String, CpuTotals> out = new LinkedHashMap<>();
        states.forEach((role, st) -> out.put(role, new CpuTotals(role, st.pid, st.comm, st.elapsedNs, st.schedNs,
                st.statTicks, ticksPerSecond, st.resets, st.lastReset)));
        return out;
    }
}
