package io.kubensbench.bench.lab;

import io.kubensbench.analysis.results.JsonDocument;
import io.kubensbench.bench.target.NamespaceIdentities;
import java.io.PrintWriter;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code lab verify}'s findings for scripts: per arm the namespace identities, the mount counts
 * with what the plan expects, the unprivileged reader's view and the propagation matrix, and
 * every check with its name, result and detail; {@code passed} is the exit code's answer.
 */
public final class VerifyJson implements VerifyFormat {

    public static final String KIND = "labVerification";

    private final PrintWriter out;

    public VerifyJson(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void print(VerifyReport report) {
        out.print(render(report));
        out.flush();
    }

    public String render(VerifyReport report) {
        ObjectNode root = JsonDocument.of(KIND);
        root.put("passed", report.passed());
        root.put("unprivilegedProtected", report.unprivilegedProtected());
        ArrayNode arms = root.putArray("arms");
        arm(arms.addObject(), report.off());
        arm(arms.addObject(), report.on());
        ArrayNode checks = root.putArray("checks");
        for (VerifyCheck c : report.checks()) {
            checks.addObject().put("arm", c.arm()).put("name", c.name()).put("passed", c.passed())
                    .put("detail", c.detail());
        }
        report.failures().forEach(root.putArray("failures")::add);
        return JsonDocument.text(root);
    }

    private static void arm(ObjectNode o, ArmFindings f) {
        o.put("arm", f.arm().label());
        o.put("passed", f.passed());
        NamespaceIdentities ns = f.namespaces();
        ObjectNode n = o.putObject("namespaces");
        n.put("systemd", ns.systemd());
        n.put("kubelet", ns.kubelet());
        n.put("runtime", ns.runtime());
        n.put("state", ns.encapsulated() ? "ENCAPSULATED" : ns.shared() ? "NOT_ENCAPSULATED" : "INCONSISTENT");
        n.put("asExpected", ns.matches(f.arm()));
        MountVisibility m = f.mounts();
        ObjectNode mounts = o.putObject("mounts");
        mounts.put("pods", m.pods());
        mounts.put("mountsPerPod", m.mountsPerPod());
        mounts.putObject("systemd").put("before", m.systemdBefore()).put("after", m.systemdAfter())
                .put("delta", m.systemdDelta()).put("expectedDelta", f.arm().label().equals("on") ? 0 : m.expectedDelta());
        mounts.putObject("kubelet").put("before", m.kubeletBefore()).put("after", m.kubeletAfter())
                .put("delta", m.kubeletDelta()).put("expectedDelta", m.expectedDelta());
        UnprivilegedView u = f.unprivileged();
        ObjectNode view = o.putObject("unprivileged");
        u.uids().forEach(view.putArray("uids")::add);
        view.put("capEff", u.capEff());
        view.put("mntNs", u.mntNs());
        view.put("systemdNs", u.systemdNs());
        view.put("unprivileged", u.unprivileged());
        view.put("inSystemdNamespace", u.inSystemdNamespace());
        view.put("mountsRead", u.mountsRead());
        view.put("planned", u.planned());
        view.put("visible", u.visible());
        view.put("expectedVisible", u.expectedVisible(f.arm()));
        ArrayNode propagation = o.putArray("propagation");
        PropagationMatrix expected = PropagationMatrix.expected(f.arm());
        for (String ctx : PropagationMatrix.CONTEXTS) {
            for (String mount : PropagationMatrix.MOUNTS) {
                propagation.addObject().put("context", ctx).put("mount", mount).put("seen", f.propagation().sees(ctx, mount))
                        .put("expected", expected.sees(ctx, mount));
            }
        }
    }
}
