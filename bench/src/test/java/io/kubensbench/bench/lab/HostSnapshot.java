package io.kubensbench.bench.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the lab must never change on the host: its mount table, the listing of
 * /run/systemd, and the top level of every cgroup hierarchy and of the harness's own cgroup
 * in it (where the lab's sub-cgroups go).
 */
record HostSnapshot(List<String> mountinfo, List<String> runSystemd, List<String> cgroupDirs) {

    static HostSnapshot take() throws IOException {
        return new HostSnapshot(Files.readAllLines(Path.of("/proc/self/mountinfo")),
                listing(Path.of("/run/systemd")), allCgroupDirs().stream().distinct().toList());
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(Path::toString).sorted().toList();
        }
    }

    private static List<String> allCgroupDirs() throws IOException {
        List<String> out = new ArrayList<>();
        for (CgroupHierarchy h : CgroupHierarchy.discover()) {
            for (Path top : List.of(h.mountPoint(), h.harnessDir())) {
                try (Stream<Path> s = Files.walk(top, 1)) {
                    s.filter(Files::isDirectory).map(Path::toString).forEach(out::add);
                }
            }
        }
        return out.stream().sorted().toList();
    }

    /** Host PIDs of processes in a PID namespace other than ours (a lab's, for instance). */
    static List<Long> foreignPidNamespaceProcesses() throws IOException {
        String ours = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        List<Long> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String ns = Files.readSymbolicLink(p.resolve("ns/pid")).toString();
                    String stat = Files.readString(p.resolve("stat"));
                    boolean zombie = stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
                    if (!ns.equals(ours) && !zombie) {
                        out.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // exited while we looked, or a kernel thread without a readable link
                }
            }
        }
        return out;
    }
}
