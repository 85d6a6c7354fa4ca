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

    public boolean passed() {
        return failures().isEmpty();
    }
}
