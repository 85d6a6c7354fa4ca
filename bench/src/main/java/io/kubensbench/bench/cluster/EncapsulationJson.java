package io.kubensbench.bench.cluster;

import io.kubensbench.analysis.results.JsonDocument;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code encapsulation status} and {@code verify} found, for scripts: pools with their
 * MachineConfigs and rollout state, nodes with their three namespace identities, the state
 * those say and why, and for verify each node's expected state and whether it agrees. A
 * namespace that could not be read is null; a node not checked says why ({@code detail}).
 */
public final class EncapsulationJson implements EncapsulationFormat {

    public static final String STATUS_KIND = "encapsulationStatus";
    public static final String VERIFICATION_KIND = "encapsulationVerification";

    @Override
    public String status(EncapsulationStatus status) {
        ObjectNode root = JsonDocument.of(STATUS_KIND);
        root.put("machineConfigApi", status.pools() != null);
        status.enabled().stream().map(MachineConfigs::name).forEach(root.putArray("machineConfigs")::add);
        ArrayNode pools = root.putArray("pools");
        for (MachineConfigPool pool : status.pools() == null ? List.<MachineConfigPool>of() : status.pools()) {
            PoolStatus p = pool.status();
            ObjectNode o = pools.addObject();
            o.put("name", p.name());
            status.selects(pool).forEach(o.putArray("machineConfigs")::add);
            EncapsulationStatus.rendered(pool).forEach(o.putArray("inItsConfig")::add);
            o.put("paused", pool.paused());
            o.put("updated", p.updated());
            o.put("updating", p.updating());
            o.put("degraded", p.degraded());
            if (p.degraded()) {
                o.put("degradedMessage", p.degradedMessage());
            } else {
                o.putNull("degradedMessage");
            }
            o.put("machineCount", p.machineCount());
            o.put("updatedMachineCount", p.updatedMachineCount());
        }
        ArrayNode nodes = root.putArray("nodes");
        status.nodes().forEach(n -> node(nodes.addObject(), n));
        return JsonDocument.text(root);
    }

    @Override
    public String verification(EncapsulationVerification v) {
        ObjectNode root = JsonDocument.of(VERIFICATION_KIND);
        root.put("passed", v.passed());
        root.put("exitCode", v.exitCode());
        root.put("verdict", v.verdict());
        root.put("checked", v.checkedCount());
        root.put("disagreeing", v.disagreeing());
        root.put("skipped", v.skippedCount());
        ArrayNode nodes = root.putArray("nodes");
        for (NodeVerification n : v.nodes()) {
            ObjectNode o = node(nodes.addObject(), n);
            Boolean on = v.expected().get(n.node());
            if (on == null) {
                o.putNull("expected");
            } else {
                o.put("expected", on ? "on" : "off");
            }
            if (EncapsulationVerification.checked(n)) {
                o.put("agrees", v.agrees(n));
            } else {
                o.putNull("agrees");
            }
        }
        return JsonDocument.text(root);
    }

    private static ObjectNode node(ObjectNode o, NodeVerification n) {
        o.put("name", n.node());
        o.put("systemd", n.systemd());
        o.put("kubelet", n.kubelet());
        o.put("runtime", n.runtime());
        o.put("state", n.state().name());
        o.put("detail", n.detail());
        return o;
    }
}
