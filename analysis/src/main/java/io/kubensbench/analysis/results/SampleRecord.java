package io.kubensbench.analysis.results;

/**
 * One sample during a run, a line of {@code samples.jsonl}: for charts over time and
 * within-run checks. Counters are cumulative as read; -1 means not read in this sample.
 *
 * @param tNs time since the start of the run's warm-up, monotonic clock
 * @param phase {@code warmup} or {@code measure}
 */
public record SampleRecord(
        int run, String attempt, long seq, long tNs, String phase,
        long systemdSchedNs, long systemdStatTicks, long kubeletSchedNs, long harnessSchedNs,
        double machineBusy, long systemdMounts, long kubeletMounts,
        String systemdMntNs, String kubeletMntNs, String error) {
}
