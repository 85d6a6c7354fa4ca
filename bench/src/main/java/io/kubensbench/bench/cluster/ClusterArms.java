package io.kubensbench.bench.cluster;

import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts the selected nodes into a run's arm and shows what they are in. With
 * {@code encapsulation: machineconfig} an arm is switched by the campaign's
 * {@link MachineConfigSwitch}; with {@code manual} the user switched it, and the nodes must
 * prove it, so nothing is recorded under a wrong arm. Either way the namespaces the probe
 * reads are what each run's record proves its arm with.
 */
final class ClusterArms {

    private final SelectedNodes selected;
    private final ProbeReadings readings;
    private final MachineConfigSwitch machineConfigs;

    /** @param machineConfigs how arms are switched, or null when the user switches them by hand */
    ClusterArms(SelectedNodes selected, ProbeReadings readings, MachineConfigSwitch machineConfigs) {
        this.selected = selected;
        this.readings = readings;
        this.machineConfigs = machineConfigs;
    }

    /** Switches to {@code state} when arms are switched; returns each node's namespaces. */
    Map<String, NamespaceIdentities> enter(Encapsulation state) throws IOException {
        if (machineConfigs != null && machineConfigs.switchTo(state)) {
            // The nodes rebooted: the probe pods are new, and so are their logs.
            readings.open();
        }
        Map<String, NamespaceIdentities> ids = new LinkedHashMap<>();
        readings.identified().forEach((node, line) -> ids.put(node, line.identities()));
        return ids;
    }

    /**
     * Refuses, naming each node that disagrees, unless every node is in the state the arm
     * claims.
     */
    void require(String arm, Encapsulation state) throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, ProbeLine> line : readings.identified().entrySet()) {
            String node = line.getKey();
            NodeVerification v = NodeVerification.of(node, line.getValue());
            if (!v.agreesWith(state == Encapsulation.ON)) {
                wrong.add(node + " is " + v.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (v.detail() == null ? "" : " (" + v.detail() + ")"));
            }
        }
        if (!wrong.isEmpty()) {
            throw new ClusterAccessException("--arm " + arm + " claims encapsulation " + state.label() + ", but "
                    + wrong.size() + " of " + selected.size() + " nodes disagree: " + String.join("; ", wrong)
                    + "; switch them (kubens-bench encapsulation verify shows each node) or run the other arm");
        }
    }
}
