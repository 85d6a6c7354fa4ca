package io.kubensbench.bench.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Lab tests run for real as root on Linux and report themselves skipped, with why, elsewhere. */
public final class LabAssumptions {

    private LabAssumptions() {
    }

    public static void assumeLab() {
        assumeTrue(System.getProperty("os.name", "").toLowerCase().startsWith("linux"),
                "lab tests need Linux; this is " + System.getProperty("os.name"));
        assumeTrue(LabPreconditions.isRoot(), "lab tests need root (they start a systemd in new namespaces)");
        try {
            LabPreconditions.check();
        } catch (LabUnavailableException e) {
            assumeTrue(false, "lab unavailable: " + e.getMessage());
        }
    }
}
