package io.kubensbench.bench.cli;

import io.kubensbench.bench.lab.ArmFindings;
import io.kubensbench.bench.lab.MountVisibility;
import io.kubensbench.bench.lab.PropagationMatrix;
import io.kubensbench.bench.lab.UnprivilegedView;
import io.kubensbench.bench.lab.VerifyFormat;
import io.kubensbench.bench.lab.VerifyReport;
import io.kubensbench.bench.target.NamespaceIdentities;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** Prints {@code lab verify}'s findings as the two tables a reader compares with the docs. */
final class VerifyTables implements VerifyFormat {

    private final PrintWriter out;

    VerifyTables(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void print(VerifyReport report) {
        arm(report.off());
        out.println();
        arm(report.on());
        out.println();
        out.printf("unprivileged view of secret/projected mounts: off %s, on %s -- protected: %s%n",
                visible(report.off().unprivileged()), visible(report.on().unprivileged()),
                report.unprivilegedProtected() ? "yes" : "no");
        out.println();
        if (report.passed()) {
            out.println("PASS: the lab node matches the documented behaviour off and on");
        } else {
            out.println("FAIL:");
            report.failures().forEach(f -> out.println("  " + f));
        }
        out.flush();
    }

    private void arm(ArmFindings f) {
        out.println("== encapsulation " + f.arm().label() + " ==");
        NamespaceIdentities ns = f.namespaces();
        out.println("namespace identities (readlink /proc/PID/ns/mnt)");
        out.printf("  %-10s %s%n", "systemd", ns.systemd());
        out.printf("  %-10s %s%n", "kubelet", ns.kubelet());
        out.printf("  %-10s %s%n", "runtime", ns.runtime());
        out.printf("  -> %s%s%n", ns.encapsulated() ? "encapsulated" : ns.shared() ? "not encapsulated" : "inconsistent",
                ns.matches(f.arm()) ? "" : "   <-- unexpected");
        MountVisibility m = f.mounts();
        out.printf("mounts seen, %d pods x %d mounts%n", m.pods(), m.mountsPerPod());
        out.printf("  %-10s %8s %8s %8s %9s%n", "", "before", "after", "delta", "expected");
        long sysExpected = f.arm().label().equals("on") ? 0 : m.expectedDelta();
        row("systemd", m.systemdBefore(), m.systemdAfter(), m.systemdDelta(), sysExpected);
        row("kubelet", m.kubeletBefore(), m.kubeletAfter(), m.kubeletDelta(), m.expectedDelta());
        unprivileged(f);
        out.println("propagation (who sees the mount a container made)");
        out.printf("  %-32s", "");
        PropagationMatrix.MOUNTS.forEach(mt -> out.printf(" %-8s", mt));
        out.println();
        PropagationMatrix expected = PropagationMatrix.expected(f.arm());
        for (String ctx : PropagationMatrix.CONTEXTS) {
            out.printf("  %-32s", ctx);
            for (String mt : PropagationMatrix.MOUNTS) {
                boolean seen = f.propagation().sees(ctx, mt);
                String cell = (seen ? "yes" : "-") + (seen == expected.sees(ctx, mt) ? "" : "!");
                out.printf(" %-8s", cell);
            }
            out.println();
        }
    }

    private void unprivileged(ArmFindings f) {
        UnprivilegedView u = f.unprivileged();
        out.println("unprivileged view (setpriv to nobody, no capabilities; its own /proc/self/status and mountinfo)");
        out.printf("  %-10s uid %s, CapEff %s, %s%s%s%n", "reader",
                u.uids().stream().map(String::valueOf).distinct().collect(Collectors.joining("/")), u.capEff(), u.mntNs(),
                u.inSystemdNamespace() ? " (systemd's)" : "",
                u.unprivileged() && u.inSystemdNamespace() ? "" : "   <-- unexpected");
        out.printf("  %-10s %d of %d secret/projected volume mounts, among %d mounts (expected %d)%s%n", "sees",
                u.visible(), u.planned(), u.mountsRead(), u.expectedVisible(f.arm()),
                u.visible() == u.expectedVisible(f.arm()) ? "" : "   <-- unexpected");
    }

    private static String visible(UnprivilegedView u) {
        return u.visible() + " of " + u.planned() + " visible";
    }

    private void row(String who, long before, long after, long delta, long expected) {
        out.printf("  %-10s %8d %8d %8d %9d%s%n", who, before, after, delta, expected,
                delta == expected ? "" : "   <-- unexpected");
    }
}
