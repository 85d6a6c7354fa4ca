package io.kubensbench.bench.lab;

import java.util.ArrayList;
import java.util.List;

/** The findings of {@code lab verify}, off then on. */
public record VerifyReport(ArmFindings off, ArmFindings on) {

    public List<String> failures() {
        List<String> f = new ArrayList<>(off.failures());
        f.addAll(on.failures());
        return f;
    }

    public boolean passed() {
        return failures().isEmpty();
    }
}
