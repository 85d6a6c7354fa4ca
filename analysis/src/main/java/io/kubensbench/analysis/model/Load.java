package io.kubensbench.analysis.model;

/**
 * A node's load as systemd sees it with encapsulation off: the mounts in its table and how
 * many lines of that table appear or disappear a second. With encapsulation on the same pods
 * make the same load; systemd just no longer sees it, so both states are modelled against this.
 *
 * @param mounts          mounts in PID 1's mount table
 * @param eventsPerSecond mount events a second (mountinfo lines that appeared plus those that disappeared)
 */
public record Load(double mounts, double eventsPerSecond) {

    public Load {
        if (!(mounts >= 0) || !(eventsPerSecond >= 0)) {
            throw new IllegalArgumentException("a load needs mounts >= 0 and events/s >= 0 (got " + mounts + ", "
                    + eventsPerSecond + ")");
        }
    }
}
