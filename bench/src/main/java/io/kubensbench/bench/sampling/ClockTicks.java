package io.kubensbench.bench.sampling;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The kernel's USER_HZ, from sysconf(_SC_CLK_TCK): the unit of /proc/PID/stat's utime and
 * stime. Read from the system, never assumed to be 100.
 */
public final class ClockTicks {

    private static final int SC_CLK_TCK = 2;

    private ClockTicks() {
    }

    interface C extends Library {
        long sysconf(int name);
    }

    /** Clock ticks per second on this machine. */
    public static long perSecond() {
        long hz = Native.load("c", C.class).sysconf(SC_CLK_TCK);
        if (hz <= 0) {
            throw new IllegalStateException("sysconf(_SC_CLK_TCK) returned " + hz);
        }
        return hz;
    }
}
