package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the node probe may do on a node, in one place: its container's security context, the
 * fields of the SCC that admits it on OpenShift, and the sentences {@code plan --manifests}
 * prints, so that what kubens-bench says about the probe is what it deploys.
 *
 * <p>The probe runs in the node's PID namespace ({@code hostPID}) either way: PID 1, kubelet
 * and CRI-O are only visible there. What matters is the user it runs as. Reading another
 * process's {@code /proc/PID/ns/mnt} link, as the product documentation's check does, needs
 * ptrace read access ({@code PTRACE_MODE_READ_FSCREDS}), which for the node's daemons means
 * root with {@code CAP_SYS_PTRACE}; and root with that capability and the host's PIDs also
 * passes the checks on {@code /proc/1/root} (the node's files) and on attaching to the
 * daemons: root on the node in effect. So by default the probe is an unprivileged user,
 * {@value #UID}, with no capabilities: it reads what any user may read about another
 * process (stat, schedstat, comm, mountinfo) and tells namespaces apart by the root mount id
 * in each mountinfo. The documented check, and the power that comes with it, is an explicit
 * opt-in ({@code target.cluster.probeAsRoot: true}, {@code encapsulation --probe-as-root}).
 *
 * @param asRoot whether the probe runs as root with {@code CAP_SYS_PTRACE}
 */
public record ProbePrivileges(boolean asRoot) {

    /**
     * The unprivileged probe's user and group: no account on a node has it, and it is above the
     * range OpenShift hands out to namespaces (1000000000 to 1999999999), so no pod's process
     * runs as it either and the probe can signal or trace none of them.
     */
    public static final long UID = 2_000_000_000L;

    /** The probe container's security context. */
    SecurityContext securityContext() {
        SecurityContextBuilder context = new SecurityContextBuilder()
                .withRunAsUser(asRoot ? 0L : UID)
                .withRunAsGroup(asRoot ? 0L : UID)
                .withRunAsNonRoot(!asRoot)
                .withReadOnlyRootFilesystem(true)
                .withAllowPrivilegeEscalation(false)
                .withPrivileged(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile();
        if (asRoot) {
            context.editCapabilities().withAdd("SYS_PTRACE").endCapabilities();
        }
        return context.build();
    }

    /** {@code PROBE_NS_LINKS} for the script: only a probe that may read the links tries. */
    String linksSetting() {
        return asRoot ? "1" : "0";
    }

    /** The SCC fields that admit exactly this user and these capabilities. */
    Map<String, Object> sccFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("allowedCapabilities", asRoot ? List.of("SYS_PTRACE") : List.of());
        fields.put("runAsUser", Map.of("type", "MustRunAs", "uid", asRoot ? 0L : UID));
        return fields;
    }

    /** One line for a campaign's log: who the probe runs as and how it compares namespaces. */
    public String summary() {
        return asRoot
                ? "node probe: root with CAP_SYS_PTRACE and the node's PIDs (probeAsRoot), reading the namespace links"
                        + " as the documented check does; root on each node in effect"
                : "node probe: uid " + UID + ", no capabilities, the node's PIDs; compares mount namespaces by the root"
                        + " mount id in each process's mountinfo (probeAsRoot: true reads the links, as root)";
    }

    /** What the probe can and cannot do on a node, line by line, for {@code plan --manifests}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (asRoot) {
            lines.add("runs as root (uid 0) with CAP_SYS_PTRACE, every other capability dropped, in the node's PID"
                    + " namespace (hostPID): opted in with probeAsRoot / --probe-as-root");
            lines.add("that passes the kernel's ptrace checks on the node's processes: whatever the image runs can"
                    + " read and write the node's files through /proc/1/root and attach to its daemons; it is root"
                    + " on the node in effect");
            lines.add("reads PID 1's, kubelet's and CRI-O's /proc/PID/stat, schedstat, comm and mountinfo, their"
                    + " /proc/PID/ns/mnt links (the documented check), PID 1's /proc/1/maps (systemd's version),"
                    + " /proc/stat, /proc/uptime and the boot id");
        } else {
            lines.add("runs as uid " + UID + ", gid " + UID + ", not root, every capability dropped, in the node's"
                    + " PID namespace (hostPID)");
            lines.add("sees every process on the node and can read what any user may read about it (its stat,"
                    + " status, comm, command line and mountinfo); cannot ptrace, signal or read the memory,"
                    + " environment, open files or namespace links of a process of another user, nor the node's"
                    + " files through /proc/PID/root");
            lines.add("reads PID 1's, kubelet's and CRI-O's /proc/PID/stat, schedstat, comm and mountinfo,"
                    + " /proc/stat, /proc/uptime and the boot id; compares mount namespaces by the root mount id in"
                    + " each mountinfo; systemd's version is not read (it needs /proc/1/maps, ptrace)");
        }
        lines.add("no privilege escalation, not privileged, seccomp RuntimeDefault, a read-only root file system,"
                + " no volumes, no host network, IPC or ports, no service-account token; the script only prints a"
                + " line every interval to its log (the pod has the pod network, as every pod)");
        return List.copyOf(lines);
    }
}
