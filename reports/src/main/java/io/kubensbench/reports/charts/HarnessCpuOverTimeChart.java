package io.kubensbench.reports.charts;

import io.kubensbench.analysis.results.SampleRecord;
import java.util.function.ToLongFunction;

/** (f) The harness's own CPU over time: what observing cost. */
public final class HarnessCpuOverTimeChart extends CpuOverTime {

    @Override
    String idPrefix() {
        return "harness-cpu-time";
    }

    @Override
    String who() {
        return "Harness";
    }

    @Override
    String caption() {
        return "The harness's own CPU between consecutive samples, one line per run: what observing cost; "
                + "dashed: warm-up.";
    }

    @Override
    ToLongFunction<SampleRecord> counter() {
        return SampleRecord::harnessSchedNs;
    }
}
