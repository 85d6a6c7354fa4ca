package io.kubensbench.bench.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The harness's handle on the lab's kubelet stand-in: the line protocol of
 * {@code io.kubensbench.workloads.lab.KubeletSim}, with errors surfaced as exceptions.
 */
public final class KubeletProcess implements AutoCloseable {

    private final Process nsenter;
    private final long pid;
    private final BufferedReader in;
    private final PrintWriter out;

    KubeletProcess(Process nsenter, long pid) throws IOException {
        this.nsenter = nsenter;
        this.pid = pid;
        this.in = new BufferedReader(new InputStreamReader(nsenter.getInputStream(), StandardCharsets.UTF_8));
        this.out = new PrintWriter(nsenter.getOutputStream(), true, StandardCharsets.UTF_8);
        String ready = in.readLine();
        if (ready == null || !ready.startsWith("ready ")) {
            String err = new String(nsenter.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            throw new IOException("kubelet stand-in did not start: " + (ready == null ? err : ready));
        }
    }

    /** Host PID of the stand-in (its /proc entries are what the checks read). */
    public long pid() {
        return pid;
    }

    /** Sends one command and returns the reply's words after {@code ok}. */
    public String[] call(String command) throws IOException {
        out.println(command);
        String reply = in.readLine();
        if (reply == null) {
            throw new IOException("kubelet stand-in exited during '" + command + "'");
        }
        if (!reply.startsWith("ok ")) {
            throw new IOException("kubelet stand-in: " + reply.replaceFirst("^err ", ""));
        }
        return reply.substring(3).split(" ");
    }

    /** Mounts a pod; returns the number of mounts created. */
    public int createPod(String uid) throws IOException {
        return Integer.parseInt(call("create " + uid)[2]);
    }

    /** Unmounts a pod; returns the number of mounts removed. */
    public int deletePod(String uid) throws IOException {
        return Integer.parseInt(call("delete " + uid)[2]);
    }

    /** Removes every pod, then stops the stand-in; kills it if it does not stop in time. */
    @Override
    public void close() {
        try {
            if (nsenter.isAlive()) {
                out.println("quit");
                in.readLine();
            }
        } catch (IOException e) {
            // the stand-in is gone already; killing below is all that is left
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            try {
                nsenter.waitFor(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            nsenter.destroyForcibly();
        }
    }
}
