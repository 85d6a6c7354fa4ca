package io.kubensbench.analysis.results;

/**
 * One finished run, a line of {@code runs.jsonl}: the unit of analysis. Its CPU figures are
 * counter deltas over the measure window (exact, not averages of samples); samples only
 * feed charts and within-run checks.
 *
 * @param index             position in the campaign's plan (stable across resumes)
 * @param attempt           which attempt at this run wrote the record; a later attempt of
 *                          the same index supersedes every record of an earlier one (an
 *                          interrupted run redone by {@code --resume}); a run measured on
 *                          several nodes writes one record per node, its attempt id followed
 *                          by {@code -<node number>}
 * @param arm               arm name ({@code off}, {@code on}, {@code off-b}, ...)
 * @param encapsulation     the state the arm claims: {@code off} or {@code on}
 * @param measureNs         wall time of the measure window, monotonic clock
 * @param systemdSchedNs    systemd's on-CPU time over the window (schedstat)
 * @param systemdStatTicks  systemd's utime+stime over the window, in clock ticks
 * @param mountEvents       mount events during the window, as the target's traits say where
 *                          they come from (made by the lab's kubelet stand-in, or changes of
 *                          PID 1's mount table counted on the node); -1 when not counted
 * @param systemdMounts     mounts in systemd's namespace at the end of the window
 * @param kubeletMounts     mounts in the kubelet's namespace at the end of the window
 * @param valid             whether the run may enter the analysis
 * @param invalidReason     why not, when not
 * @param settleNs          how long the run waited for systemd to go idle before it started
 * @param startCores        systemd's share of a core when the run started (after settling);
 *                          null in records written before it was kept
 * @param expectedSystemdMounts what systemd's view should hold: the node's mounts without the
 *                          campaign's pods plus, with encapsulation off, the level's pods by
 *                          the mount plan; null where the target cannot know (a cluster)
 * @param expectedKubeletMounts the same for the kubelet's view, which always holds the pods
 * @param mountTolerance    how far a count may be off for the pods being replaced at the
 *                          instant it is read; a run off by more is invalid
 * @param segment           the run's design segment: the stretch of consecutive runs of one
 *                          arm it was planned in, from 0 in plan order ({@code aba}: 0 and 2
 *                          the baseline's, 1 the candidate's; {@code blocked}: 0 and 1); null
 *                          in records written before it was kept
 * @param prometheusCores   systemd's CPU over the same window as the campaign's Prometheus
 *                          sees it, in cores; null when Prometheus was not asked or gave no figure
 * @param prometheusMissing why there is no Prometheus figure when one was asked for, in a few
 *                          words; null otherwise
 * @param mountEventsNs     the node time {@code mountEvents} were counted over, where the node
 *                          counts them now and then (between the last count at or before the
 *                          window's start and the last at or before its end); null where they
 *                          cover the measure window itself (the lab, and records written before)
 *
 * <p>Records are made with {@link #builder()}, by field name: a positional constructor of
 * this many fields is where a swapped pair goes unnoticed.
 */
public record RunRecord(
        int index, String attempt, int repetition, String level, int pods, String arm, String encapsulation,
        String node, String startedAt, String endedAt,
        long measureNs, long systemdSchedNs, long systemdStatTicks, long ticksPerSecond,
        long kubeletSchedNs, long harnessSchedNs,
        long mountEvents, long systemdMounts, long kubeletMounts,
        String systemdMntNs, String kubeletMntNs, String runtimeMntNs,
        int samples, int resets, boolean valid, String invalidReason,
        long settleNs, Double startCores,
        Long expectedSystemdMounts, Long expectedKubeletMounts, Long mountTolerance, Integer segment,
        Double prometheusCores, String prometheusMissing, Long mountEventsNs) {

    /** How the reason of a run stopped by the user begins; a resume redoes such runs. */
    public static final String INTERRUPTED = "interrupted";

    /** {@code mountEvents} of a record whose events nobody counted (a probe that does not count them). */
    public static final long NOT_COUNTED = -1;

    /** systemd's CPU over the window, in cores (1.0 = one core fully busy), from schedstat. */
    public double systemdCores() {
        return measureNs == 0 ? 0 : (double) systemdSchedNs / measureNs;
    }

    /** The same from stat ticks (tick resolution), as a cross-check. */
    public double systemdStatCores() {
        return measureNs == 0 || ticksPerSecond == 0 ? 0 : systemdStatTicks * 1e9 / ticksPerSecond / measureNs;
    }

    /**
     * The smallest step of {@link #systemdCores()} the counters can show: one nanosecond over
     * the window, or one clock tick when the nanoseconds are the stat ticks converted (a
     * cluster probe that could not read schedstat records them so). Two runs closer than
     * this are the same as far as the counters can tell. NaN without a window.
     */
    public double systemdResolution() {
        if (measureNs <= 0) {
            return Double.NaN;
        }
        boolean ticks = ticksPerSecond > 0 && systemdStatTicks > 0
                && systemdSchedNs == systemdStatTicks * 1_000_000_000L / ticksPerSecond;
        return (ticks ? 1e9 / ticksPerSecond : 1) / measureNs;
    }

    public double kubeletCores() {
        return measureNs == 0 ? 0 : (double) kubeletSchedNs / measureNs;
    }

    public double harnessCores() {
        return measureNs == 0 ? 0 : (double) harnessSchedNs / measureNs;
    }

    /**
     * Mount events per second over the span they were counted over ({@code mountEventsNs},
     * else the measure window); NaN when they were not counted, or counted over no time (no
     * count of the node's table fell inside the window after its start).
     */
    public double mountEventsPerSecond() {
        if (mountEvents < 0) {
            return Double.NaN;
        }
        if (mountEventsNs != null) {
            return mountEventsNs <= 0 ? Double.NaN : mountEvents * 1e9 / mountEventsNs;
        }
        return measureNs == 0 ? 0 : mountEvents * 1e9 / measureNs;
    }

    /** Whether {@code mountEvents} holds a count, rather than {@link #NOT_COUNTED}. */
    public boolean mountEventsCounted() {
        return mountEvents >= 0;
    }

    /** A record built field by field; unset fields are 0, false or null. */
    public static Builder builder() {
        return new Builder();
    }

    /** This record's fields in a builder, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.index = index;
        b.attempt = attempt;
        b.repetition = repetition;
        b.level = level;
        b.pods = pods;
        b.arm = arm;
        b.encapsulation = encapsulation;
        b.node = node;
        b.startedAt = startedAt;
        b.endedAt = endedAt;
        b.measureNs = measureNs;
        b.systemdSchedNs = systemdSchedNs;
        b.systemdStatTicks = systemdStatTicks;
        b.ticksPerSecond = ticksPerSecond;
        b.kubeletSchedNs = kubeletSchedNs;
        b.harnessSchedNs = harnessSchedNs;
        b.mountEvents = mountEvents;
        b.systemdMounts = systemdMounts;
        b.kubeletMounts = kubeletMounts;
        b.systemdMntNs = systemdMntNs;
        b.kubeletMntNs = kubeletMntNs;
        b.runtimeMntNs = runtimeMntNs;
        b.samples = samples;
        b.resets = resets;
        b.valid = valid;
        b.invalidReason = invalidReason;
        b.settleNs = settleNs;
        b.startCores = startCores;
        b.expectedSystemdMounts = expectedSystemdMounts;
        b.expectedKubeletMounts = expectedKubeletMounts;
        b.mountTolerance = mountTolerance;
        b.segment = segment;
        b.prometheusCores = prometheusCores;
        b.prometheusMissing = prometheusMissing;
        b.mountEventsNs = mountEventsNs;
        return b;
    }

    /** Builds a {@link RunRecord} by field name. */
    public static final class Builder {
        private int index;
        private String attempt;
        private int repetition;
        private String level;
        private int pods;
        private String arm;
        private String encapsulation;
        private String node;
        private String startedAt;
        private String endedAt;
        private long measureNs;
        private long systemdSchedNs;
        private long systemdStatTicks;
        private long ticksPerSecond;
        private long kubeletSchedNs;
        private long harnessSchedNs;
        private long mountEvents;
        private long systemdMounts;
        private long kubeletMounts;
        private String systemdMntNs;
        private String kubeletMntNs;
        private String runtimeMntNs;
        private int samples;
        private int resets;
        private boolean valid;
        private String invalidReason;
        private long settleNs;
        private Double startCores;
        private Long expectedSystemdMounts;
        private Long expectedKubeletMounts;
        private Long mountTolerance;
        private Integer segment;
        private Double prometheusCores;
        private String prometheusMissing;
        private Long mountEventsNs;

        public Builder index(int index) {
            this.index = index;
            return this;
        }

        public Builder attempt(String attempt) {
            this.attempt = attempt;
            return this;
        }

        public Builder repetition(int repetition) {
            this.repetition = repetition;
            return this;
        }

        public Builder level(String level) {
            this.level = level;
            return this;
        }

        public Builder pods(int pods) {
            this.pods = pods;
            return this;
        }

        public Builder arm(String arm) {
            this.arm = arm;
            return this;
        }

        public Builder encapsulation(String encapsulation) {
            this.encapsulation = encapsulation;
            return this;
        }

        public Builder node(String node) {
            this.node = node;
            return this;
        }

        public Builder startedAt(String startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder endedAt(String endedAt) {
            this.endedAt = endedAt;
            return this;
        }

        public Builder measureNs(long measureNs) {
            this.measureNs = measureNs;
            return this;
        }

        public Builder systemdSchedNs(long systemdSchedNs) {
            this.systemdSchedNs = systemdSchedNs;
            return this;
        }

        public Builder systemdStatTicks(long systemdStatTicks) {
            this.systemdStatTicks = systemdStatTicks;
            return this;
        }

        public Builder ticksPerSecond(long ticksPerSecond) {
            this.ticksPerSecond = ticksPerSecond;
            return this;
        }

        public Builder kubeletSchedNs(long kubeletSchedNs) {
            this.kubeletSchedNs = kubeletSchedNs;
            return this;
        }

        public Builder harnessSchedNs(long harnessSchedNs) {
            this.harnessSchedNs = harnessSchedNs;
            return this;
        }

        public Builder mountEvents(long mountEvents) {
            this.mountEvents = mountEvents;
            return this;
        }

        public Builder systemdMounts(long systemdMounts) {
            this.systemdMounts = systemdMounts;
            return this;
        }

        public Builder kubeletMounts(long kubeletMounts) {
            this.kubeletMounts = kubeletMounts;
            return this;
        }

        public Builder systemdMntNs(String systemdMntNs) {
            this.systemdMntNs = systemdMntNs;
            return this;
        }

        public Builder kubeletMntNs(String kubeletMntNs) {
            this.kubeletMntNs = kubeletMntNs;
            return this;
        }

        public Builder runtimeMntNs(String runtimeMntNs) {
            this.runtimeMntNs = runtimeMntNs;
            return this;
        }

        public Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        public Builder resets(int resets) {
            this.resets = resets;
            return this;
        }

        public Builder valid(boolean valid) {
            this.valid = valid;
            return this;
        }

        public Builder invalidReason(String invalidReason) {
            this.invalidReason = invalidReason;
            return this;
        }

        public Builder settleNs(long settleNs) {
            this.settleNs = settleNs;
            return this;
        }

        public Builder startCores(Double startCores) {
            this.startCores = startCores;
            return this;
        }

        public Builder expectedSystemdMounts(Long expectedSystemdMounts) {
            this.expectedSystemdMounts = expectedSystemdMounts;
            return this;
        }

        public Builder expectedKubeletMounts(Long expectedKubeletMounts) {
            this.expectedKubeletMounts = expectedKubeletMounts;
            return this;
        }

        public Builder mountTolerance(Long mountTolerance) {
            this.mountTolerance = mountTolerance;
            return this;
        }

        public Builder segment(Integer segment) {
            this.segment = segment;
            return this;
        }

        public Builder prometheusCores(Double prometheusCores) {
            this.prometheusCores = prometheusCores;
            return this;
        }

        public Builder prometheusMissing(String prometheusMissing) {
            this.prometheusMissing = prometheusMissing;
            return this;
        }

        public Builder mountEventsNs(Long mountEventsNs) {
            this.mountEventsNs = mountEventsNs;
            return this;
        }

        public RunRecord build() {
            return new RunRecord(index, attempt, repetition, level, pods, arm, encapsulation, node, startedAt, endedAt, measureNs, systemdSchedNs, systemdStatTicks, ticksPerSecond, kubeletSchedNs, harnessSchedNs, mountEvents, systemdMounts, kubeletMounts, systemdMntNs, kubeletMntNs, runtimeMntNs, samples, resets, valid, invalidReason, settleNs, startCores, expectedSystemdMounts, expectedKubeletMounts, mountTolerance, segment, prometheusCores, prometheusMissing, mountEventsNs);
        }
    }
}
