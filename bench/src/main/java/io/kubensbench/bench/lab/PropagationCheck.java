package io.kubensbench.bench.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reproduces the product documentation's propagation diagrams on a lab node: three
 * containers are created from the kubelet's namespace with bidirectional (rshared),
 * host-to-container (rslave) and no (private) propagation, alive before any mount; each then
 * mounts a tmpfs, and every context's /proc/PID/mountinfo says who sees what.
 */
final class PropagationCheck {

    private static final Duration STEP = Duration.ofSeconds(10);

    private final LabNode lab;
    private final Map<String, Long> contexts = new LinkedHashMap<>();
    private final List<Long> containers = new ArrayList<>();

    PropagationCheck(LabNode lab, long kubelet, long runtime, long hostProcess) {
        this.lab = lab;
        contexts.put(PropagationMatrix.SYSTEMD, lab.systemdPid());
        contexts.put(PropagationMatrix.HOST, hostProcess);
        contexts.put(PropagationMatrix.KUBELET, kubelet);
        contexts.put(PropagationMatrix.RUNTIME, runtime);
    }

    PropagationMatrix run() throws IOException {
        long kubelet = contexts.get(PropagationMatrix.KUBELET);
        for (String m : PropagationMatrix.MOUNTS) {
            Files.createDirectories(lab.path(m));
        }
        try {
            contexts.put(PropagationMatrix.C1, container(kubelet, "shared"));
            contexts.put(PropagationMatrix.C2, container(kubelet, "slave"));
            contexts.put(PropagationMatrix.C3, container(kubelet, "private"));
            mount(PropagationMatrix.C1, "/run/a");
            mount(PropagationMatrix.C2, "/run/b");
            mount(PropagationMatrix.C3, "/run/c");
            Map<String, Set<String>> seen = new LinkedHashMap<>();
            for (String m : PropagationMatrix.MOUNTS) {
                Set<String> who = new HashSet<>();
                for (var ctx : contexts.entrySet()) {
                    if (Procfs.seesMount(ctx.getValue(), m)) {
                        who.add(ctx.getKey());
                    }
                }
                seen.put(m, who);
            }
            return new PropagationMatrix(seen);
        } finally {
            cleanUp(kubelet);
        }
    }

    private long container(long kubelet, String propagation) throws IOException {
        List<String> cmd = lab.enter(kubelet, "-m", "-p");
        cmd.addAll(List.of("unshare", "--mount", "--propagation", propagation, "sleep", "infinity"));
        Process p = lab.spawn(cmd);
        p.getOutputStream().close();
        long pid = Procfs.firstChild(p.pid(), STEP);
        containers.add(pid);
        // unshare creates the namespace and sets its propagation before exec'ing sleep.
        Procfs.awaitComm(pid, "sleep", STEP);
        if (lab.mounts().mntNs(pid).equals(lab.mounts().mntNs(kubelet))) {
            throw new IOException("container with " + propagation + " propagation did not get its own namespace");
        }
        return pid;
    }

    private void mount(String context, String mountPoint) throws IOException {
        List<String> cmd = lab.enter(contexts.get(context), "-m");
        cmd.addAll(List.of("mount", "-t", "tmpfs", "-o", "size=64k", "kubens-bench-propagation", mountPoint));
        ExecResult r = ExecResult.run(cmd, STEP);
        if (r.exitCode() != 0) {
            throw new IOException(context + " could not mount " + mountPoint + ": " + r.stderr().strip());
        }
    }

    /** Stops the containers and removes what their mounts propagated, leaving the lab as found. */
    private void cleanUp(long kubelet) throws IOException {
        for (long pid : containers) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (String m : PropagationMatrix.MOUNTS) {
            for (long pid : List.of(kubelet, lab.systemdPid())) {
                while (Procfs.seesMount(pid, m)) {
                    List<String> cmd = lab.enter(pid, "-m");
                    cmd.addAll(List.of("umount", m));
                    if (ExecResult.run(cmd, STEP).exitCode() != 0) {
                        break;
                    }
                }
            }
            Files.deleteIfExists(lab.path(m));
        }
    }
}
