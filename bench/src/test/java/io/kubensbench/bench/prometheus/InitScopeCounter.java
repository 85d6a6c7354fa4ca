package io.kubensbench.bench.prometheus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the kubelet's cAdvisor would export about a lab node's systemd: the CPU counter of its
 * {@code init.scope} cgroup, {@code container_cpu_usage_seconds_total{id="/init.scope"}}, read
 * from the kernel at each scrape. The lab's systemd is PID 1 of its own PID and cgroup
 * namespaces, so inside the node its cgroup is {@code /init.scope}, as on a real node; from the
 * host it is the lab's sub-cgroup's {@code init.scope}. An empty body while no lab runs.
 */
final class InitScopeCounter {

    /** The lab systemd whose counter was read last, kept so a scrape reads one file, not all of /proc. */
    private long pid = -1;

    /** The exposition's body now: the counter when a lab node's systemd runs, else only its type. */
    synchronized String body() {
        StringBuilder b = new StringBuilder("# TYPE container_cpu_usage_seconds_total counter\n");
        Optional<Double> seconds = pid > 0 && isLabSystemd(Path.of("/proc", Long.toString(pid))) ? usageSeconds(pid)
                : Optional.empty();
        if (seconds.isEmpty()) {
            pid = labSystemd().orElse(-1L);
            seconds = pid > 0 ? usageSeconds(pid) : Optional.empty();
        }
        seconds.ifPresent(s -> b.append(String.format(Locale.ROOT,
                "container_cpu_usage_seconds_total{cpu=\"total\",id=\"/init.scope\",image=\"\",name=\"\","
                        + "namespace=\"\",pod=\"\"} %.9f%n", s)));
        return b.toString();
    }

    /** The host PID of a systemd that is PID 1 of a PID namespace other than the host's. */
    static Optional<Long> labSystemd() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> !p.getFileName().toString().equals("1"))
                    .filter(InitScopeCounter::isLabSystemd)
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .max(Long::compare);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether /proc/PID is a systemd that is PID 1 of a PID namespace below the host's. */
    private static boolean isLabSystemd(Path proc) {
        return "systemd".equals(read(proc.resolve("comm")).strip()) && read(proc.resolve("status")).lines()
                .anyMatch(l -> l.startsWith("NSpid:") && l.split("\\s+").length > 2 && l.endsWith("\t1"));
    }

    /** The CPU time of the process's cgroup in seconds: cgroup v2's usage_usec, else v1's cpuacct.usage. */
    static Optional<Double> usageSeconds(long pid) {
        List<String> cgroups = read(Path.of("/proc", Long.toString(pid), "cgroup")).lines().toList();
        List<String> mounts = read(Path.of("/proc/self/mountinfo")).lines().toList();
        for (String line : cgroups) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && f[0].equals("0") && f[1].isEmpty()) {
                Optional<Path> root = mountPoint(mounts, "cgroup2", null);
                if (root.isPresent()) {
                    Path stat = root.get().resolve(f[2].substring(1)).resolve("cpu.stat");
                    Optional<Double> usec = read(stat).lines().filter(l -> l.startsWith("usage_usec "))
                            .map(l -> Long.parseLong(l.substring("usage_usec ".length()).strip()) / 1e6).findFirst();
                    if (usec.isPresent()) {
                        return usec;
                    }
                }
            }
        }
        for (String line : cgroups) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && List.of(f[1].split(",")).contains("cpuacct")) {
                Optional<Path> root = mountPoint(mounts, "cgroup", "cpuacct");
                if (root.isPresent()) {
                    String usage = read(root.get().resolve(f[2].substring(1)).resolve("cpuacct.usage")).strip();
                    if (!usage.isEmpty()) {
                        return Optional.of(Long.parseLong(usage) / 1e9);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> mountPoint(List<String> mountinfo, String fstype, String option) {
        for (String line : mountinfo) {
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] after = halves[1].split(" ");
            String[] before = halves[0].split(" ");
            if (after[0].equals(fstype) && (option == null || List.of(after[2].split(",")).contains(option))) {
                return Optional.of(Path.of(before[4]));
            }
        }
        return Optional.empty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
