package io.kubensbench.bench.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The probe script running on this machine under one shell, its output read line by line:
 * what the script tests drive. Closing it kills the probe and whatever it was running.
 */
final class ScriptProbe implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

    private ScriptProbe(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    queue.add(l);
                }
            } catch (IOException e) {
                // the probe was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts probe.sh from {@code dir} under {@code shell} (dash, bash or busybox; the test is
     * skipped when it is not installed), run through {@code prefix} (e.g. setpriv), with
     * PROBE_INTERVAL=0.2, NODE_NAME=test-node, its snapshots in a directory of {@code dir}
     * anyone may write (so a killed probe leaves nothing elsewhere), and {@code env}.
     */
    static ScriptProbe start(Path dir, String shell, Map<String, String> env, List<String> prefix)
            throws IOException {
        Path sh = executable(shell);
        assumeTrue(sh != null, shell + " is not installed");
        Path script = dir.resolve("probe.sh");
        Files.writeString(script, ProbeManifests.script());
        script.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        Path state = Files.createDirectories(dir.resolve("state"));
        state.toFile().setWritable(true, false);
        state.toFile().setExecutable(true, false);
        List<String> command = new ArrayList<>(prefix);
        command.add(sh.toString());
        if (shell.equals("busybox")) {
            command.add("sh");
        }
        command.add(script.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PROBE_INTERVAL", "0.2");
        pb.environment().put("NODE_NAME", "test-node");
        pb.environment().put("PROBE_STATE", state.toString());
        pb.environment().putAll(env);
        return new ScriptProbe(pb.start());
    }

    /** The next line the probe prints, or null when none comes within {@code seconds}. */
    String next(double seconds) throws InterruptedException {
        return queue.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    }

    /** The next measurement line, parsed; fails when none comes within {@code seconds}. */
    ProbeLine nextLine(double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            String l = next(0.1);
            if (l != null && ProbeLine.isMeasurement(l)) {
                return ProbeLine.parse(l);
            }
        }
        throw new AssertionError("the probe printed no measurement line within " + seconds + " s");
    }

    /** Every line until {@code measurements} measurement lines came, or {@code seconds} passed. */
    List<String> lines(int measurements, double seconds) throws InterruptedException {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (out.stream().filter(ProbeLine::isMeasurement).count() < measurements && System.nanoTime() < deadline) {
            String l = next(0.1);
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
    }

    static Path executable(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst().orElse(null);
    }
}
