package io.kubensbench.bench.cluster;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The CPU this JVM's threads use over a window, per thread, from the kernel's per-thread clocks
 * (ThreadMXBean): what tells a harness's threads from a server's sharing the JVM, which the
 * process's total cannot. The threads are read every second, so that a thread ending inside
 * the window keeps what it used up to its last reading; a thread born and gone between two
 * readings is missed. Work outside Java threads (the JIT compilers, the garbage collector) has
 * no thread to count it under; {@link Window} gives the process's total and the collectors'
 * time beside.
 */
final class ThreadCpu implements AutoCloseable {

    /** The thread that reads the others; it counts under its own name. */
    static final String READER = "thread-cpu-reader";

    /** What the window measured: nanoseconds of CPU per group, and for the whole process. */
    record Window(long nanos, Map<String, Long> byGroup, long processNs, long gcMillis) {
        /** The CPU of the groups {@code group} names, together. */
        long of(String... groups) {
            long sum = 0;
            for (String g : groups) {
                sum += byGroup.getOrDefault(g, 0L);
            }
            return sum;
        }
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Map<Long, Long> first = new ConcurrentHashMap<>();
    private final Map<Long, Long> latest = new ConcurrentHashMap<>();
    private final long startNs;
    private final long processStartNs;
    private final long gcStartMillis;
    private final Thread reader;
    private volatile boolean stopped;

    /** Starts the window now. */
    ThreadCpu() {
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        startNs = System.nanoTime();
        processStartNs = os.getProcessCpuTime();
        gcStartMillis = gcMillis();
        read(true);
        reader = new Thread(this::readEverySecond, READER);
        reader.setDaemon(true);
        reader.start();
    }

    private void readEverySecond() {
        while (!stopped) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            read(false);
        }
    }

    /** Notes each live thread's CPU; a thread first seen after the start counts from zero. */
    private synchronized void read(boolean atStart) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            names.putIfAbsent(info.getThreadId(), info.getThreadName());
            first.putIfAbsent(info.getThreadId(), atStart ? cpu : 0L);
            latest.put(info.getThreadId(), cpu);
        }
    }

    /** Ends the window; the CPU each group used in it, the group of a thread named by {@code group}. */
    synchronized Window stop(Function<String, String> group) {
        read(false);
        stopped = true;
        long nanos = System.nanoTime() - startNs;
        Map<String, Long> byGroup = new TreeMap<>();
        latest.forEach((id, cpu) -> byGroup.merge(group.apply(names.get(id)), cpu - first.get(id), Long::sum));
        return new Window(nanos, byGroup, os.getProcessCpuTime() - processStartNs, gcMillis() - gcStartMillis);
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    @Override
    public void close() {
        stopped = true;
        reader.interrupt();
    }
}
