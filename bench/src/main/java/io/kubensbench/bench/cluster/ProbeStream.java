package io.kubensbench.bench.cluster;

import io.kubensbench.workloads.time.Deadline;
import io.kubensbench.workloads.time.Durations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Follows one node's probe log on a daemon thread and keeps its latest line, so a campaign
 * can read every node at the moment it wants (the edges of a measure window) without
 * holding a connection per read. Lines arrive late and in bursts; that does not matter,
 * because each line carries the node's own clock.
 *
 * <p>A log ends when the probe pod restarts (a node reboot restarts it) or the connection
 * drops; the stream then reopens it, asking only for the newest line, and skips a line it
 * already has. A log can also stall without ending (a proxy or the API server keeps the
 * connection open but passes nothing on): when nothing arrives for the idle limit, three
 * probe intervals and at least {@link #MIN_IDLE}, a watchdog closes it, and it is reopened
 * the same way. Rates across the gap stay exact: they come from counter deltas, and a reboot
 * in between shows as a boot id change.
 *
 * <p>A malformed line is counted and skipped, the first one's error kept for {@link #problem()}:
 * one garbled line must not end a campaign, but a probe that prints nothing usable must be
 * visible.
 */
final class ProbeStream implements AutoCloseable {

    /** Opens the probe's log; {@code resume} asks for the newest line only, after a break. */
    @FunctionalInterface
    public interface Source {
        InputStream open(boolean resume) throws IOException;
    }

    private static final Duration DEFAULT_REOPEN_DELAY = Duration.ofSeconds(1);
    /** The shortest idle limit: a log delivers lines late and in bursts, and a reopen costs a request. */
    static final Duration MIN_IDLE = Duration.ofSeconds(5);

    private final String node;
    private final Source source;
    private final long reopenDelayNanos;
    private final long idleNanos;
    private final Thread thread;
    private final Thread watchdog;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();

    // Guarded by lock.
    private ProbeLine latest;
    private String latestText;
    private long lines;
    private long malformed;
    private long reopened;
    private String firstMalformed;
    private String streamProblem;
    private InputStream current;
    /** When the current log last delivered anything, or was opened. */
    private long activeAt = System.nanoTime();
    /** The log the watchdog closed for stalling, so its end is not reported as a break. */
    private InputStream stalled;
    private long stalls;
    private boolean closed;

    /** Follows {@code source} for {@code node}, reopening it a second after it ends. */
    public ProbeStream(String node, Source source) {
        this(node, source, DEFAULT_REOPEN_DELAY);
    }

    /** As above, with the pause before reopening an ended log. */
    public ProbeStream(String node, Source source, Duration reopenDelay) {
        this(node, source, reopenDelay, MIN_IDLE);
    }

    /**
     * As above, reopening a log that delivers nothing for {@code idleLimit}
     * ({@link #idleLimit(Duration)} of the probe's interval).
     */
    public ProbeStream(String node, Source source, Duration reopenDelay, Duration idleLimit) {
        this.node = node;
        this.source = source;
        this.reopenDelayNanos = reopenDelay.toNanos();
        this.idleNanos = idleLimit.toNanos();
        this.thread = new Thread(this::follow, "probe-stream-" + node);
        thread.setDaemon(true);
        this.watchdog = new Thread(this::watch, "probe-stream-watchdog-" + node);
        watchdog.setDaemon(true);
        thread.start();
        watchdog.start();
    }

    /** How long a log of a probe printing every {@code interval} may stay silent: three intervals, at least {@link #MIN_IDLE}. */
    static Duration idleLimit(Duration interval) {
        Duration three = interval.multipliedBy(3);
        return three.compareTo(MIN_IDLE) < 0 ? MIN_IDLE : three;
    }

    public String node() {
        return node;
    }

    private void follow() {
        boolean resume = false;
        while (!isClosed()) {
            try (InputStream in = source.open(resume)) {
                if (!attach(in)) {
                    return;
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String text;
                while ((text = reader.readLine()) != null) {
                    accept(text);
                }
            } catch (IOException | RuntimeException e) {
                if (isClosed()) {
                    return;
                }
                if (!wasStalled()) {
                    note("the probe log of node " + node + " broke: " + oneLine(e));
                }
            }
            resume = true;
            lock.lock();
            try {
                current = null;
                if (closed) {
                    return;
                }
                reopened++;
                arrived.awaitNanos(reopenDelayNanos);
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean attach(InputStream in) {
        lock.lock();
        try {
            current = in;
            activeAt = System.nanoTime();
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the log just ended was closed by the watchdog. */
    private boolean wasStalled() {
        return locked(() -> stalled != null && stalled == current);
    }

    /** Closes the current log when it has delivered nothing for the idle limit; the reader then reopens it. */
    private void watch() {
        long check = Math.max(1, Math.min(idleNanos / 4, 1_000_000_000L));
        while (true) {
            InputStream silent = null;
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                long now = System.nanoTime();
                if (current != null && current != stalled && now - activeAt > idleNanos) {
                    silent = current;
                    stalled = current;
                    stalls++;
                    streamProblem = "the probe log of node " + node + " stalled: no line for "
                            + Durations.exact(Duration.ofNanos(idleNanos)) + "; reopened";
                }
            } finally {
                lock.unlock();
            }
            if (silent != null) {
                try {
                    silent.close();
                } catch (IOException e) {
                    // the reader sees the end of the log either way
                }
            }
            try {
                Thread.sleep(Duration.ofNanos(check).toMillis(), (int) (check % 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void accept(String text) {
        lock.lock();
        try {
            activeAt = System.nanoTime();
        } finally {
            lock.unlock();
        }
        ProbeLine line;
        try {
            line = ProbeLine.parse(text);
        } catch (IllegalArgumentException e) {
            lock.lock();
            try {
                malformed++;
                if (firstMalformed == null) {
                    firstMalformed = "node " + node + ": " + e.getMessage();
                }
            } finally {
                lock.unlock();
            }
            return;
        }
        if (line == null) {
            return;
        }
        lock.lock();
        try {
            if (text.equals(latestText)) {
                return;
            }
            latest = line;
            latestText = text;
            lines++;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void note(String problem) {
        lock.lock();
        try {
            streamProblem = problem;
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosed() {
        return locked(() -> closed);
    }

    /** The newest line received, or null before the first. */
    public ProbeLine latest() {
        return locked(() -> latest);
    }

    /**
     * Waits for a line newer than the one held when called, and returns it; fails naming the
     * node, and what went wrong if anything did, when none arrives in time.
     */
    public ProbeLine awaitNext(Duration timeout) throws IOException {
        Deadline deadline = Deadline.after(timeout);
        lock.lock();
        try {
            long seen = lines;
            while (lines == seen) {
                long left = deadline.remainingNanos();
                if (closed || left <= 0) {
                    String why = problem();
                    throw new IOException("no probe line from node " + node + " within " + Durations.exact(timeout)
                            + (closed ? " (stream closed)" : "") + (why == null ? "" : ": " + why));
                }
                arrived.awaitNanos(left);
            }
            return latest;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the probe line of node " + node, e);
        } finally {
            lock.unlock();
        }
    }

    /** Measurement lines received (a line received again after a reopen counts once). */
    public long lines() {
        return locked(() -> lines);
    }

    /** Lines that looked like measurements but did not parse. */
    public long malformed() {
        return locked(() -> malformed);
    }

    /** How many times the log ended or broke and was opened again. */
    public long reopened() {
        return locked(() -> reopened);
    }

    /** How many times the log stalled (open, but silent for the idle limit) and was closed to be reopened. */
    public long stalls() {
        return locked(() -> stalls);
    }

    /**
     * What is wrong with this node's stream, or null: the first malformed line's error, else
     * the last time the log broke.
     */
    public String problem() {
        return locked(() -> firstMalformed == null ? streamProblem
                : firstMalformed + (malformed > 1 ? " (and " + (malformed - 1) + " more malformed lines)" : ""));
    }

    /** Stops following: closes the log and ends the thread. */
    @Override
    public void close() {
        InputStream in;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            in = current;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // the reader thread sees the end of the stream either way
            }
        }
        thread.interrupt();
        watchdog.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            watchdog.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.strip().replaceAll("\\s*\\n\\s*", " ");
    }

    /** Reads shared state under the lock the reader thread writes it under. */
    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }
}
