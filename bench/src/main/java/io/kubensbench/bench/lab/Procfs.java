package io.kubensbench.bench.lab;

import io.kubensbench.workloads.time.Deadline;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Host-side reads of /proc the lab's set-up and checks need beyond sampling: children, programs, mount points. */
public final class Procfs {

    private Procfs() {
    }

    /** Whether a mount sits at exactly {@code mountPoint} in the process's namespace. */
    public static boolean seesMount(long pid, String mountPoint) throws IOException {
        try (var lines = Files.lines(Path.of("/proc/" + pid + "/mountinfo"))) {
            return lines.map(l -> l.split(" ", 6)).anyMatch(f -> f.length > 4 && f[4].equals(mountPoint));
        }
    }

    /**
     * The first child of a process, waiting for it to appear: how the harness finds the host
     * PID of what {@code nsenter --pid} forked into the lab.
     */
    public static long firstChild(long pid, Duration timeout) throws IOException {
        Deadline deadline = Deadline.after(timeout);
        Path children = Path.of("/proc/" + pid + "/task/" + pid + "/children");
        while (true) {
            try {
                String s = Files.readString(children).trim();
                if (!s.isEmpty()) {
                    return Long.parseLong(s.split("\\s+")[0]);
                }
            } catch (NoSuchFileException e) {
                throw new IOException("process " + pid + " exited before starting its child", e);
            }
            if (deadline.passed()) {
                throw new IOException("process " + pid + " started no child within " + Durations.exact(timeout));
            }
            sleep(5);
        }
    }

    /**
     * Waits until the process runs the program {@code comm}: the host PID that nsenter forked
     * passes through kubensenter and unshare before it becomes the final program, and its
     * namespaces are only final then.
     */
    public static void awaitComm(long pid, String comm, Duration timeout) throws IOException {
        Deadline deadline = Deadline.after(timeout);
        Path file = Path.of("/proc/" + pid + "/comm");
        while (true) {
            try {
                if (Files.readString(file).strip().equals(comm)) {
                    return;
                }
            } catch (NoSuchFileException e) {
                throw new IOException("process " + pid + " exited before running " + comm, e);
            }
            if (deadline.passed()) {
                throw new IOException("process " + pid + " did not start " + comm + " within " + Durations.exact(timeout));
            }
            sleep(2);
        }
    }

    static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
