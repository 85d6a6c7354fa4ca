package io.kubensbench.bench.lab;

import io.kubensbench.bench.campaign.Encapsulation;
import java.util.ArrayList;
import java.util.List;

/** The findings of {@code lab verify}, off then on. */
public record VerifyReport(ArmFindings off, ArmFindings on) {

    public List<String> failures() {
        List<String> f = new ArrayList<>(off.failures());
        f.addAll(on.failures());
        return f;
    }

    /**
     * Whether the lab shows the documented protection: an unprivileged user in the host
     * namespace sees every secret and projected volume mount off (so the reading can see
     * them) and none on.
     */
    public boolean unprivilegedProtected() {
        return off.unprivileged().matches(Encapsulation.OFF) && on.unprivileged().matches(Encapsulation.ON);
    }

    /** Every check of both arms, off first. */
    public List<VerifyCheck> checks() {
        List<VerifyCheck> c = new ArrayList<>(off.checks());
        c.addAll(on.checks());
        return c;
    }

    public boolean passed() {
        return failures().isEmpty();
    }
}
