package io.kubensbench.analysis.results;

/**
 * One finished run, a line of {@code runs.jsonl}: the unit of analysis. Its CPU figures are
 * counter deltas over the measure window (exact, not averages of samples); samples only
 * feed charts and within-run checks.
 *
 * @param index             position in the campaign's plan (stable across resumes)
 * @param attempt           which attempt at this run wrote the record; a later attempt of
 *                          the same index supersedes an earlier one (an interrupted run
 *                          redone by {@code --resume})
 * @param arm               arm name ({@code off}, {@code on}, {@code off-b}, ...)
 * @param encapsulation     the state the arm claims: {@code off} or {@code on}
 * @param measureNs         wall time of the measure window, monotonic clock
 * @param systemdSchedNs    systemd's on-CPU time over the window (schedstat)
 * @param systemdStatTicks  systemd's utime+stime over the window, in clock ticks
 * @param mountEvents       mounts created plus removed by the workload during the window
 * @param systemdMounts     mounts in systemd's namespace at the end of the window
 * @param kubeletMounts     mounts in the kubelet's namespace at the end of the window
 * @param valid             whether the run may enter the analysis
 * @param invalidReason     why not, when not
 */
public record RunRecord(
        int index, String attempt, int repetition, String level, int pods, String arm, String encapsulation,
        String node, String startedAt, String endedAt,
        long measureNs, long systemdSchedNs, long systemdStatTicks, long ticksPerSecond,
        long kubeletSchedNs, long harnessSchedNs,
        long mountEvents, long systemdMounts, long kubeletMounts,
        String systemdMntNs, String kubeletMntNs, String runtimeMntNs,
        int samples, int resets, boolean valid, String invalidReason) {

    /** How the reason of a run stopped by the user begins; a resume redoes such runs. */
    public static final String INTERRUPTED = "interrupted";

    /** systemd's CPU over the window, in cores (1.0 = one core fully busy), from schedstat. */
    public double systemdCores() {
        return measureNs == 0 ? 0 : (double) systemdSchedNs / measureNs;
    }

    /** The same from stat ticks (tick resolution), as a cross-check. */
    public double systemdStatCores() {
        return measureNs == 0 || ticksPerSecond == 0 ? 0 : systemdStatTicks * 1e9 / ticksPerSecond / measureNs;
    }

    public double kubeletCores() {
        return measureNs == 0 ? 0 : (double) kubeletSchedNs / measureNs;
    }

    public double harnessCores() {
        return measureNs == 0 ? 0 : (double) harnessSchedNs / measureNs;
    }

    public double mountEventsPerSecond() {
        return measureNs == 0 ? 0 : mountEvents * 1e9 / measureNs;
    }
}
