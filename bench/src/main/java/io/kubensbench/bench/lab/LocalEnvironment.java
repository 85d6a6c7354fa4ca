package io.kubensbench.bench.lab;

import io.kubensbench.analysis.results.Environment;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Describes the machine the harness runs on, from /proc and the systemd binary itself. */
public final class LocalEnvironment {

    private LocalEnvironment() {
    }

    public static Environment describe(String target, Path systemdBinary, String tool, String node) throws IOException {
        return new Environment(tool, target, hostname(), read("/proc/sys/kernel/osrelease"),
                systemdVersion(systemdBinary), cpuModel(), Runtime.getRuntime().availableProcessors(),
                memoryBytes(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                read("/proc/sys/kernel/random/boot_id"), Instant.now().toString(), null, List.of(node));
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file)).strip();
    }

    static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** First line of {@code systemd --version}, e.g. {@code systemd 252 (252.38-1~deb12u1)}. */
    static String systemdVersion(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("").strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return first.isEmpty() ? "unknown" : first;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst().orElse("unknown");
    }

    private static long memoryBytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024)
                .findFirst().orElse(0);
    }
}
