package io.kubensbench.bench.sampling;

import java.nio.charset.StandardCharsets;

/**
 * The fields of {@code /proc/PID/stat} a CPU measurement needs. The command name is the only
 * field that may hold spaces and parentheses ({@code (sd-pam)}, {@code a) b}), so parsing
 * anchors on the last closing parenthesis rather than splitting the line. Parsing works on
 * the bytes as read, without regular expressions or intermediate strings, because it runs
 * on every sample.
 *
 * @param threads        number of threads (schedstat covers one thread only)
 * @param startTimeTicks process start, in clock ticks after boot: a different value for the
 *                       same PID means another process (a restart)
 */
public record ProcStat(long pid, String comm, char state, long utimeTicks, long stimeTicks, long threads,
                       long startTimeTicks) {

    /** utime + stime, in clock ticks. */
    public long cpuTicks() {
        return utimeTicks + stimeTicks;
    }

    /** Parses one {@code /proc/PID/stat} line; fails with a message that quotes the line. */
    public static ProcStat parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parse(b, b.length);
    }

    /** Parses the first {@code len} bytes of {@code b}, as read from the file. */
    public static ProcStat parse(byte[] b, int len) {
        int open = indexOf(b, len, (byte) '(');
        int close = lastIndexOf(b, len, (byte) ')');
        if (open < 1 || close < open || close + 3 >= len) {
            throw malformed(b, len);
        }
        // Fields after the name, 1-based as in proc(5): 3 state, 14 utime, 15 stime,
        // 20 num_threads, 22 starttime.
        long[] f = new long[23];
        int field = 3;
        int i = close + 2;
        char state = (char) b[i];
        while (i < len && b[i] != ' ') {
            i++;
        }
        while (field < 22 && i < len) {
            i++;
            field++;
            long v = 0;
            boolean digits = false;
            boolean negative = i < len && b[i] == '-';
            if (negative) {
                i++;
            }
            while (i < len && b[i] >= '0' && b[i] <= '9') {
                v = v * 10 + (b[i++] - '0');
                digits = true;
            }
            if (!digits || (i < len && b[i] != ' ' && b[i] != '\n')) {
                throw malformed(b, len);
            }
            f[field] = negative ? -v : v;
        }
        if (field < 22) {
            throw malformed(b, len);
        }
        long pid = 0;
        for (int k = 0; k < open; k++) {
            if (b[k] >= '0' && b[k] <= '9') {
                pid = pid * 10 + (b[k] - '0');
            } else if (b[k] != ' ') {
                throw malformed(b, len);
            }
        }
        String comm = new String(b, open + 1, close - open - 1, StandardCharsets.UTF_8);
        return new ProcStat(pid, comm, state, f[14], f[15], f[20], f[22]);
    }

    private static int indexOf(byte[] b, int len, byte c) {
        for (int i = 0; i < len; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, int len, byte c) {
        for (int i = len - 1; i >= 0; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException malformed(byte[] b, int len) {
        String one = new String(b, 0, Math.min(len, 80), StandardCharsets.UTF_8).strip().replace('\n', ' ');
        return new IllegalArgumentException("not a /proc/PID/stat line: " + one + (len > 80 ? "..." : ""));
    }
}
