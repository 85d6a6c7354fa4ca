package io.kubensbench.reports.charts;

import io.kubensbench.analysis.results.SampleRecord;
import java.util.function.ToLongFunction;

/** (a) systemd's CPU over time per arm, one line per run, from schedstat deltas between samples. */
public final class SystemdCpuOverTimeChart extends CpuOverTime {

    @Override
    String idPrefix() {
        return "systemd-cpu-time";
    }

    @Override
    String who() {
        return "systemd (PID 1)";
    }

    @Override
    String caption() {
        return "systemd's CPU between consecutive samples (schedstat delta over time delta), one line per run; "
                + "dashed: warm-up, not measured; solid: the measure window.";
    }

    @Override
    ToLongFunction<SampleRecord> counter() {
        return SampleRecord::systemdSchedNs;
    }
}
