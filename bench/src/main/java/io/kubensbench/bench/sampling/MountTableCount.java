package io.kubensbench.bench.sampling;

/**
 * PID 1's mount table as a node probe last counted it. Counting a big table costs the node
 * more than reading a CPU counter, so the probe counts it only now and then and every line
 * repeats the last count with when it was made; mount events come as a counter that only
 * grows, so the events between any two lines are one subtraction, exact and never counted
 * twice, however the lines are grouped into windows.
 *
 * @param counter     who counted: the node's boot id and the probe process; a restarted
 *                    probe counts from zero again, so counts of two counters do not compare
 * @param seq         the probe line that made the count
 * @param countedAtNs the node's uptime at that line, in ns
 * @param mounts      lines of PID 1's mountinfo then, -1 when the probe could not count them
 * @param events      mount events since the counter's first count (lines of PID 1's mountinfo
 *                    that appeared plus those that disappeared between consecutive counts),
 *                    -1 when the probe cannot count them
 */
public record MountTableCount(String counter, long seq, long countedAtNs, long mounts, long events) {

    /**
     * The mount events from {@code earlier} to this count, or -1 when they cannot be told: a
     * different counter (a restarted probe or a reboot in between), events not counted, or
     * {@code earlier} made after this count.
     */
    public long eventsSince(MountTableCount earlier) {
        if (earlier == null || !counter.equals(earlier.counter) || events < 0 || earlier.events < 0
                || seq < earlier.seq || events < earlier.events) {
            return -1;
        }
        return events - earlier.events;
    }
}
