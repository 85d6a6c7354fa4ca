package io.kubensbench.bench.sampling;

/**
 * Mount events over a window of samples, from the node's own counts: the events between the
 * count the window's first sample carries (the last count at or before the window starts)
 * and the count its last sample carries (the last at or before it ends), over the time
 * between those two counts. Where the counter restarted between two samples (the probe was
 * replaced, the node rebooted), that interval is left out and counted as a gap, as a CPU
 * interval across a restart is; the rest still adds up exactly.
 */
public final class MountEventWindow {

    /**
     * What the window counted.
     *
     * @param events mount events between the counts, -1 when no two could be compared (fewer
     *               than two samples carried a count, the probe cannot count events, or the
     *               counter restarted between every two)
     * @param spanNs the node time between those counts, gaps left out; 0 when the window
     *               held no count after its first (its rate is then unknown)
     * @param gaps   intervals left out because the counter restarted
     */
    public record Count(long events, long spanNs, int gaps) {

        /** Nothing counted: no count, or a probe that cannot count. */
        public static final Count NOT_COUNTED = new Count(-1, 0, 0);

        /** Events per second over the counted span; NaN when not counted or counted over no time. */
        public double perSecond() {
            return events < 0 || spanNs <= 0 ? Double.NaN : events * 1e9 / spanNs;
        }
    }

    private MountTableCount last;
    private long events;
    private long spanNs;
    private int gaps;
    private boolean compared;

    /** Adds the window's next sample; one without a count (a target that does not count) is passed over. */
    public void add(Sample sample) {
        add(sample.mountCount());
    }

    /** Adds the count the window's next sample carries. */
    public void add(MountTableCount count) {
        if (count == null) {
            return;
        }
        if (last != null) {
            long d = count.eventsSince(last);
            if (d >= 0) {
                events += d;
                spanNs += count.countedAtNs() - last.countedAtNs();
                compared = true;
            } else if (!count.counter().equals(last.counter())) {
                gaps++;
            }
        }
        last = count;
    }

    /** The window so far. */
    public Count count() {
        return new Count(compared ? events : -1, spanNs, gaps);
    }
}
