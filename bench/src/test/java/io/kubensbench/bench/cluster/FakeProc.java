package io.kubensbench.bench.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A /proc for the probe script (PROC points at it) that a test rewrites while the probe runs:
 * PID 1's counters and the node's files copied from this machine, PID 1's mount table and
 * any other process as the test says.
 */
final class FakeProc {

    private final Path root;

    private FakeProc(Path root) {
        this.root = root;
    }

    /** A /proc under {@code dir} whose PID 1 has {@code mountinfo}. */
    static FakeProc create(Path dir, List<String> mountinfo) throws IOException {
        FakeProc proc = new FakeProc(Files.createDirectories(dir.resolve("proc")));
        Path one = Files.createDirectories(proc.root.resolve("1"));
        for (String f : List.of("stat", "schedstat", "comm")) {
            Files.writeString(one.resolve(f), Files.readString(Path.of("/proc/1/" + f)));
        }
        Files.writeString(proc.root.resolve("uptime"), Files.readString(Path.of("/proc/uptime")));
        Files.writeString(proc.root.resolve("stat"), Files.readString(Path.of("/proc/stat")));
        Path random = Files.createDirectories(proc.root.resolve("sys/kernel/random"));
        Files.writeString(random.resolve("boot_id"), Files.readString(Path.of("/proc/sys/kernel/random/boot_id")));
        proc.mountinfo(1, mountinfo);
        return proc;
    }

    Path root() {
        return root;
    }

    /** Replaces PID {@code pid}'s mountinfo at once: the probe reads the old table or the new, never half of each. */
    void mountinfo(long pid, List<String> lines) throws IOException {
        Path file = Files.createDirectories(root.resolve(Long.toString(pid))).resolve("mountinfo");
        Path next = file.resolveSibling("mountinfo.next");
        Files.write(next, lines);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * A process named {@code comm} (its stat copied from this machine's PID 1) in the mount
     * namespace {@code link}, whose root mount has id {@code rootMountId}.
     */
    void process(long pid, String comm, String link, int rootMountId) throws IOException {
        Path dir = Files.createDirectories(root.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("stat"), Files.readString(Path.of("/proc/1/stat")));
        namespace(pid, link, rootMountId);
    }

    /** Moves process {@code pid} to the namespace {@code link} with root mount {@code rootMountId}. */
    void namespace(long pid, String link, int rootMountId) throws IOException {
        Path ns = Files.createDirectories(root.resolve(pid + "/ns"));
        Path next = ns.resolve("mnt.next");
        Files.deleteIfExists(next);
        Files.createSymbolicLink(next, Path.of(link));
        Files.move(next, ns.resolve("mnt"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        mountinfo(pid, List.of(rootMountId + " 1 0:" + rootMountId + " / / rw - tmpfs tmpfs rw"));
    }
}
