package io.kubensbench.bench.cluster;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The tables {@code encapsulation} prints: one row per pool, one per node with its namespaces. */
public final class EncapsulationText implements EncapsulationFormat {

    private static final String NODE_ROW = "%-28s %-20s %-20s %-20s %-17s%s%n";

    @Override
    public String status(EncapsulationStatus status) {
        StringBuilder out = new StringBuilder();
        if (status.pools() == null) {
            out.append("no MachineConfig API on this cluster: no pools; the nodes as they are:").append(nl());
        } else {
            out.append(pools(status));
        }
        out.append(nl());
        nodes(out, status.nodes(), null);
        return out.toString();
    }

    @Override
    public String verification(EncapsulationVerification v) {
        StringBuilder out = new StringBuilder();
        nodes(out, v.nodes(), v);
        out.append(v.verdict()).append(nl());
        return out.toString();
    }

    /** Each pool: the kubens MachineConfigs it selects (that exist), those its machines' config has, its state. */
    public String pools(EncapsulationStatus status) {
        StringBuilder out = new StringBuilder();
        String format = "%-12s %-34s %-34s %-7s %-8s %-9s %-9s %s%n";
        out.append(String.format(Locale.ROOT, format, "POOL", "MACHINECONFIG", "IN ITS CONFIG", "PAUSED", "UPDATED",
                "UPDATING", "DEGRADED", "MACHINES"));
        for (MachineConfigPool pool : status.pools()) {
            PoolStatus p = pool.status();
            out.append(String.format(Locale.ROOT, format, p.name(), dash(String.join(",", status.selects(pool))),
                    dash(String.join(",", EncapsulationStatus.rendered(pool))), pool.paused(), p.updated(),
                    p.updating(), p.degraded(), p.updatedMachineCount() + "/" + p.machineCount()));
            if (p.degraded()) {
                out.append("  degraded: ").append(p.degradedMessage()).append(nl());
            }
        }
        return out.toString();
    }

    /** The documented check per node, and with a verification each node's expected state and result. */
    private static void nodes(StringBuilder out, List<NodeVerification> nodes, EncapsulationVerification v) {
        out.append(String.format(Locale.ROOT, NODE_ROW, "NODE", "PID 1 MNT", "KUBELET MNT", "CRIO MNT", "STATE",
                v == null ? "" : "EXPECTED RESULT"));
        Map<String, Boolean> expected = v == null ? null : v.expected();
        for (NodeVerification n : nodes) {
            String result = "";
            if (v != null && EncapsulationVerification.checked(n)) {
                Boolean on = expected.get(n.node());
                result = String.format(Locale.ROOT, "%-8s %s", on == null ? "?" : on ? "on" : "off",
                        v.agrees(n) ? "ok" : "FAIL");
            }
            out.append(String.format(Locale.ROOT, NODE_ROW, n.node(), dash(n.systemd()), dash(n.kubelet()),
                    dash(n.runtime()), n.state().name().toLowerCase(Locale.ROOT).replace('_', ' '), result));
            if (n.state() != NodeVerification.State.ENCAPSULATED && n.state() != NodeVerification.State.NOT_ENCAPSULATED
                    && n.detail() != null) {
                out.append("  ").append(n.detail()).append(nl());
            }
        }
    }

    private static String nl() {
        return System.lineSeparator();
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
