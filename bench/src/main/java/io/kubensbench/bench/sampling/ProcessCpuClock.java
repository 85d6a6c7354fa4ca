package io.kubensbench.bench.sampling;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The kernel's per-process CPU clock (what clock_getcpuclockid(3) returns for a PID): the
 * scheduler's on-CPU nanoseconds summed over every thread of the process, including threads
 * that have exited. /proc/PID/schedstat holds the same accounting for one thread only, so
 * for a multi-threaded process (a JVM, kubelet) this clock is the exact whole-process figure.
 */
final class ProcessCpuClock {

    private static final int CPUCLOCK_SCHED = 2;

    interface C extends Library {
        int clock_gettime(int clockId, long[] timespec) throws LastErrorException;
    }

    private final C c = Native.load("c", C.class);
    private final long[] timespec = new long[2];

    /** On-CPU nanoseconds of the whole process; throws when it is gone. */
    synchronized long nanos(long pid) throws ProcessGoneException {
        int clockId = (~(int) pid << 3) | CPUCLOCK_SCHED;
        try {
            c.clock_gettime(clockId, timespec);
        } catch (LastErrorException e) {
            throw new ProcessGoneException(pid);
        }
        return timespec[0] * 1_000_000_000L + timespec[1];
    }
}
