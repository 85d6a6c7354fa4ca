package io.kubensbench.bench.lab;

import io.kubensbench.workloads.mounts.MountKind;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.mounts.PlannedMount;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the lab's mount table as an ordinary user would: {@code setpriv} drops to nobody
 * (uid and gid 65534, no supplementary groups, empty inheritable and bounding capability
 * sets, no new privileges) in the lab's root namespaces, where systemd and every host
 * process live, and one {@code cat} prints its own {@code /proc/self/status} and
 * {@code /proc/self/mountinfo}: what it is and what it sees, from the same process.
 */
final class UnprivilegedReader {

    static final String NOBODY = "65534";
    static final List<String> DROP_TO_NOBODY = List.of("setpriv", "--reuid", NOBODY, "--regid", NOBODY,
            "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--");
    private static final String SCRIPT = "readlink /proc/self/ns/mnt && cat /proc/self/status /proc/self/mountinfo";
    private static final Pattern MOUNTINFO_LINE = Pattern.compile("\\d+ \\d+ \\d+:\\d+ .*");
    private static final Set<String> SENSITIVE = Set.of("kubernetes.io~secret", "kubernetes.io~projected");

    private UnprivilegedReader() {
    }

    /** The secret and projected volume mount points of the given pods, as the stand-in mounts them. */
    static List<String> secretAndProjected(MountPlan plan, Collection<String> podUids) {
        List<String> targets = new ArrayList<>();
        for (String uid : podUids) {
            for (PlannedMount m : plan.forPod(uid).mounts()) {
                if (m.kind() == MountKind.TMPFS_VOLUME && SENSITIVE.contains(m.detail())) {
                    targets.add(m.target());
                }
            }
        }
        return targets;
    }

    /** Runs the reader in the lab's root namespaces and counts which of {@code targets} it saw. */
    static UnprivilegedView read(LabNode lab, Collection<String> targets) throws IOException {
        List<String> cmd = new ArrayList<>(DROP_TO_NOBODY);
        cmd.addAll(List.of("sh", "-c", SCRIPT));
        ExecResult r = lab.exec(Duration.ofSeconds(30), cmd.toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new IOException("the unprivileged reader failed (exit " + r.exitCode() + "): " + r.stderr().strip());
        }
        return parse(r.stdout(), lab.mounts().mntNs(lab.systemdPid()), targets);
    }

    /** The reader's output: its namespace, then its status, then its mountinfo. */
    static UnprivilegedView parse(String output, String systemdNs, Collection<String> targets) {
        List<String> lines = output.lines().toList();
        String ns = lines.isEmpty() ? "" : lines.get(0).strip();
        List<Long> uids = List.of();
        String capEff = "";
        Set<String> mountPoints = new HashSet<>();
        int mountsRead = 0;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            if (MOUNTINFO_LINE.matcher(line).matches()) {
                mountsRead++;
                mountPoints.add(line.split(" ", 6)[4]);
            } else if (line.startsWith("Uid:")) {
                uids = words(line).stream().map(Long::parseLong).toList();
            } else if (line.startsWith("CapEff:")) {
                capEff = words(line).get(0);
            }
        }
        int visible = (int) targets.stream().filter(mountPoints::contains).count();
        return new UnprivilegedView(uids, capEff, ns, systemdNs, mountsRead, targets.size(), visible);
    }

    private static List<String> words(String statusLine) {
        String[] w = statusLine.substring(statusLine.indexOf(':') + 1).trim().split("\\s+");
        return List.of(w);
    }
}
