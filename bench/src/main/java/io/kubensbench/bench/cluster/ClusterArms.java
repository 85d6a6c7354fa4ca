package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts the selected nodes into a run's arm and shows what they are in. With
 * {@code encapsulation: machineconfig} an arm is switched by creating or deleting the
 * MachineConfigs of the nodes' pools and waiting for the rollout; with {@code manual} the user
 * switched it, and the nodes must prove it, so nothing is recorded under a wrong arm. Either
 * way the namespaces the probe reads are what each run's record proves its arm with.
 */
final class ClusterArms {

    private final KubernetesClient client;
    private final ClusterTargetSpec spec;
    private final ClusterTarget.Timeouts timeouts;
    private final SelectedNodes selected;
    private final ProbeReadings readings;
    private final Consumer<String> log;

    ClusterArms(KubernetesClient client, ClusterTargetSpec spec, ClusterTarget.Timeouts timeouts,
            SelectedNodes selected, ProbeReadings readings, Consumer<String> log) {
        this.client = client;
        this.spec = spec;
        this.timeouts = timeouts;
        this.selected = selected;
        this.readings = readings;
        this.log = log;
    }

    /** Whether arms are switched by the Machine Config Operator, not by hand. */
    boolean switched() {
        return ClusterTargetSpec.MACHINECONFIG.equals(spec.encapsulation());
    }

    /** Switches to {@code state} when arms are switched; returns each node's namespaces. */
    Map<String, NamespaceIdentities> enter(Encapsulation state) throws IOException {
        if (switched()) {
            switchTo(state);
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

    /** Creates or deletes the MachineConfigs of the selected nodes' roles and waits for the rollout. */
    private void switchTo(Encapsulation state) throws IOException {
        ClusterEncapsulation mc = new ClusterEncapsulation(client, timeouts.rolloutPoll(), timeouts.rolloutGrace());
        List<String> wanted = new ArrayList<>(selected.roles());
        boolean on = state == Encapsulation.ON;
        List<String> changed = on ? mc.enable(wanted) : mc.disable(wanted);
        if (changed.isEmpty()) {
            return;
        }
        log.accept((on ? "created " : "deleted ") + String.join(", ", changed) + "; waiting for pools "
                + String.join(", ", wanted) + " to roll out (nodes reboot one by one) ...");
        try {
            mc.awaitRollout(wanted, timeouts.rollout(), (pools, elapsed) -> log.accept(PoolProgress.line(pools, elapsed)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the MachineConfigPools");
        }
        // The nodes rebooted: the probe pods are new, and so are their logs.
        readings.open();
    }
}
