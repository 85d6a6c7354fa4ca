package io.kubensbench.bench.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before anything is created, that a lab node can run here, so a user on the wrong
 * machine gets one line naming what is missing instead of a half-started lab.
 */
public final class LabPreconditions {

    /** Where distributions install the systemd binary; {@code KUBENS_BENCH_SYSTEMD} overrides. */
    static final List<String> SYSTEMD_CANDIDATES =
            List.of("/usr/lib/systemd/systemd", "/lib/systemd/systemd", "/usr/bin/systemd");
    static final List<String> TOOLS =
            List.of("unshare", "nsenter", "setpriv", "taskset", "findmnt", "mount", "umount", "bash");

    private LabPreconditions() {
    }

    /** Returns the systemd binary to run, or throws with the first unmet precondition. */
    public static Path check() {
        checkHost(System.getProperty("os.name", ""), isRoot());
        if (!Files.exists(Path.of("/proc/self/ns/mnt")) || !Files.exists(Path.of("/proc/self/ns/pid"))) {
            throw new LabUnavailableException("this kernel has no mount or PID namespace support (/proc/self/ns)");
        }
        for (String tool : TOOLS) {
            if (which(tool).isEmpty()) {
                throw new LabUnavailableException("the lab needs '" + tool + "' on PATH (util-linux/bash)");
            }
        }
        return systemdBinary();
    }

    /** The first two refusals, apart so they can be tested on any machine. */
    static void checkHost(String os, boolean root) {
        if (!os.toLowerCase().startsWith("linux")) {
            throw new LabUnavailableException("the lab needs Linux (this is " + os + ")");
        }
        if (!root) {
            throw new LabUnavailableException(
                    "the lab needs root (it creates namespaces, mounts and cgroups): run it as root or with sudo");
        }
    }

    static Path systemdBinary() {
        String override = System.getenv("KUBENS_BENCH_SYSTEMD");
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            if (!Files.isExecutable(p)) {
                throw new LabUnavailableException("KUBENS_BENCH_SYSTEMD=" + override + " is not an executable file");
            }
            return p;
        }
        return SYSTEMD_CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new LabUnavailableException("no systemd binary found (looked in "
                        + String.join(", ", SYSTEMD_CANDIDATES) + "): install the systemd package"));
    }

    /** Effective uid 0, read from /proc so it works without JNA. */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    static Optional<Path> which(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, tool);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
