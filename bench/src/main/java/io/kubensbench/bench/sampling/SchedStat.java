package io.kubensbench.bench.sampling;

import java.nio.charset.StandardCharsets;

/**
 * {@code /proc/PID/schedstat}: nanoseconds on CPU, nanoseconds waiting to run, and
 * timeslices. The on-CPU time is exact scheduler accounting, where stat's utime+stime is
 * tick-based, which is why it is the primary CPU figure.
 */
public record SchedStat(long onCpuNs, long runQueueNs, long timeslices) {

    public static SchedStat parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        return parse(b, b.length);
    }

    public static SchedStat parse(byte[] b, int len) {
        long[] v = new long[3];
        int i = 0;
        for (int k = 0; k < 3; k++) {
            while (i < len && b[i] == ' ') {
                i++;
            }
            int start = i;
            long x = 0;
            while (i < len && b[i] >= '0' && b[i] <= '9') {
                x = x * 10 + (b[i++] - '0');
            }
            if (i == start || (i < len && b[i] != ' ' && b[i] != '\n')) {
                throw new IllegalArgumentException("not a /proc/PID/schedstat line: "
                        + new String(b, 0, Math.min(len, 80), StandardCharsets.US_ASCII).strip());
            }
            v[k] = x;
        }
        return new SchedStat(v[0], v[1], v[2]);
    }
}
