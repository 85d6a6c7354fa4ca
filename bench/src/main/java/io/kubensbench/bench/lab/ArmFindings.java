package io.kubensbench.bench.lab;

import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.target.NamespaceIdentities;
import java.util.ArrayList;
import java.util.List;

/** What {@code lab verify} found for one arm, and every way it differs from the expectation. */
public record ArmFindings(Encapsulation arm, NamespaceIdentities namespaces, MountVisibility mounts,
                          UnprivilegedView unprivileged, PropagationMatrix propagation) {

    public List<String> failures() {
        List<String> f = new ArrayList<>();
        if (!namespaces.matches(arm)) {
            f.add(arm.label() + ": namespaces are not " + (arm == Encapsulation.ON ? "encapsulated" : "shared") + ": " + namespaces);
        }
        if (!mounts.matches(arm)) {
            f.add(arm.label() + ": mount counts differ from the plan: " + mounts);
        }
        unprivileged.failures(arm).forEach(u -> f.add(arm.label() + ": " + u));
        PropagationMatrix expected = PropagationMatrix.expected(arm);
        for (String mount : PropagationMatrix.MOUNTS) {
            for (String ctx : PropagationMatrix.CONTEXTS) {
                if (propagation.sees(ctx, mount) != expected.sees(ctx, mount)) {
                    f.add(arm.label() + ": " + mount + (propagation.sees(ctx, mount) ? " is" : " is not")
                            + " seen by " + ctx);
                }
            }
        }
        return f;
    }

    /** Every check made in this arm, passed or not, with what it found; {@link #failures} are the failed ones. */
    public List<VerifyCheck> checks() {
        String a = arm.label();
        boolean on = arm == Encapsulation.ON;
        List<VerifyCheck> c = new ArrayList<>();
        boolean ns = namespaces.matches(arm);
        c.add(new VerifyCheck(a, "namespaces", ns, "namespaces are " + (ns ? "" : "not ")
                + (on ? "encapsulated" : "shared") + ": systemd " + namespaces.systemd() + ", kubelet "
                + namespaces.kubelet() + ", runtime " + namespaces.runtime()));
        boolean m = mounts.matches(arm);
        c.add(new VerifyCheck(a, "mounts", m, "mount counts " + (m ? "match" : "differ from") + " the plan, "
                + mounts.pods() + " pods x " + mounts.mountsPerPod() + " mounts: systemd " + mounts.systemdBefore()
                + " -> " + mounts.systemdAfter() + " (expected +" + (on ? 0 : mounts.expectedDelta()) + "), kubelet "
                + mounts.kubeletBefore() + " -> " + mounts.kubeletAfter() + " (expected +" + mounts.expectedDelta() + ")"));
        List<String> u = unprivileged.failures(arm);
        c.add(new VerifyCheck(a, "unprivileged view", u.isEmpty(), u.isEmpty() ? "an unprivileged user sees "
                + unprivileged.visible() + " of " + unprivileged.planned() + " secret/projected volume mounts (expected "
                + unprivileged.expectedVisible(arm) + ")" : String.join("; ", u)));
        PropagationMatrix expected = PropagationMatrix.expected(arm);
        for (String mount : PropagationMatrix.MOUNTS) {
            for (String ctx : PropagationMatrix.CONTEXTS) {
                boolean seen = propagation.sees(ctx, mount);
                c.add(new VerifyCheck(a, "propagation " + mount + " to " + ctx, seen == expected.sees(ctx, mount),
                        mount + (seen ? " is" : " is not") + " seen by " + ctx));
            }
        }
        return c;
    }

    public boolean passed() {
        return failures().isEmpty();
    }
}
