package io.kubensbench.bench.lab;

import io.kubensbench.bench.target.Target;

/** Opens the lab as a campaign's {@link Target}; the only way in from outside this package. */
public final class LabTargets {

    private LabTargets() {
    }

    /** A lab node target, started by {@link Target#prepare}; {@code version} is the tool's, for the results. */
    public static Target open(String version) {
        return new LabTarget(version);
    }

    /**
     * The node a lab campaign's records name: {@code lab-<host name>}, the machine's name, so a
     * Prometheus beside it can label its series the same.
     */
    public static String nodeName() {
        return "lab-" + LocalEnvironment.hostname();
    }
}
