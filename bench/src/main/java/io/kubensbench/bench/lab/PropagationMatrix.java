package io.kubensbench.bench.lab;

import io.kubensbench.bench.campaign.Encapsulation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who sees which container-created mount: the table of the product documentation's two
 * diagrams. Containers 1, 2 and 3 (bidirectional, host-to-container, no propagation) each
 * mount {@code /run/a}, {@code /run/b} and {@code /run/c}.
 *
 * @param seenBy for each mount point, the contexts in which it is visible
 */
public record PropagationMatrix(Map<String, Set<String>> seenBy) {

    public static final String SYSTEMD = "systemd";
    public static final String HOST = "host process";
    public static final String KUBELET = "kubelet";
    public static final String RUNTIME = "runtime";
    public static final String C1 = "container 1 (bidirectional)";
    public static final String C2 = "container 2 (host-to-container)";
    public static final String C3 = "container 3 (none)";
    public static final List<String> CONTEXTS = List.of(SYSTEMD, HOST, KUBELET, RUNTIME, C1, C2, C3);
    public static final List<String> MOUNTS = List.of("/run/a", "/run/b", "/run/c");

    public PropagationMatrix {
        seenBy = Map.copyOf(seenBy);
    }

    /** The documented expectation for an arm. */
    public static PropagationMatrix expected(Encapsulation arm) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("/run/a", arm == Encapsulation.OFF
                ? Set.of(SYSTEMD, HOST, KUBELET, RUNTIME, C1, C2)
                : Set.of(KUBELET, RUNTIME, C1, C2));
        m.put("/run/b", Set.of(C2));
        m.put("/run/c", Set.of(C3));
        return new PropagationMatrix(m);
    }

    public boolean sees(String context, String mount) {
        return seenBy.getOrDefault(mount, Set.of()).contains(context);
    }
}
