package io.kubensbench.bench.sampling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Counts the mounts in a process's mount namespace by counting the lines of its mountinfo,
 * without decoding them: the kernel's cost of producing the file dominates, and that grows
 * with the mounts, which is why samples count mounts less often than they read CPU.
 */
public final class MountCounter {

    private final Path proc;
    private final byte[] buffer = new byte[1024 * 1024];

    public MountCounter(Path proc) {
        this.proc = proc;
    }

    public long count(long pid) throws IOException {
        try (InputStream in = Files.newInputStream(proc.resolve(pid + "/mountinfo"))) {
            long lines = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
            return lines;
        } catch (NoSuchFileException e) {
            throw new ProcessGoneException(pid);
        }
    }

    /** The mount namespace identity of the process, {@code mnt:[4026531841]}. */
    public String mntNs(long pid) throws IOException {
        try {
            return Files.readSymbolicLink(proc.resolve(pid + "/ns/mnt")).toString();
        } catch (NoSuchFileException e) {
            throw new ProcessGoneException(pid);
        }
    }
}
