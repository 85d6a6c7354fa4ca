package io.kubensbench.bench.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.cluster.ClusterTargets;
import io.kubensbench.bench.cluster.MachineConfigs;
import io.kubensbench.bench.cluster.Reboots;
import io.kubensbench.bench.cluster.RolloutTime;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What {@code plan} says a campaign's encapsulation switches reboot. A switch reboots every
 * node of every pool that renders the MachineConfig, far more than the nodes measured, and
 * its rollouts can outlast the runs; so the plan counts them on the cluster when it answers
 * (read only: nodes and pools), and says what it cannot know when it does not.
 *
 * @param reboots    what each switch reboots, or null when the cluster was not counted
 * @param notCounted why not, when {@code reboots} is null
 * @param roles      the roles the campaign's node selector names, for the offline wording
 * @param state      the switched MachineConfigs' state now: {@code off}, {@code on} or
 *                   {@code mixed}; null when it could not be read
 */
record PlanReboots(Reboots reboots, String notCounted, Set<String> roles, String state) {

    /** Counts on the cluster {@code cluster} reaches; says why not when it cannot. */
    static PlanReboots of(ClusterTargetSpec spec, ClusterOptions cluster) {
        Set<String> roles = MachineConfigs.rolesOf(spec.nodeSelector());
        KubernetesClient client;
        try {
            client = cluster.connect(spec.context());
        } catch (IOException | RuntimeException e) {
            return new PlanReboots(null, "the cluster was not reached: " + Main.oneLine(e), roles, null);
        }
        try (client) {
            Reboots reboots = ClusterTargets.reboots(client, spec);
            String state;
            try {
                state = ClusterTargets.encapsulationState(client, reboots);
            } catch (IOException | RuntimeException e) {
                state = null;
            }
            return new PlanReboots(reboots, null, roles, state);
        } catch (IOException | RuntimeException e) {
            return new PlanReboots(null, Main.oneLine(e), roles, null);
        }
    }

    void print(PrintWriter out) {
        if (reboots == null) {
            out.println("reboots    each switch creates or deletes " + offlineMachineConfigs() + ": every node of "
                    + offlinePools() + " drains and reboots, one at a time per pool");
            out.println("           not counted, " + notCounted);
            return;
        }
        out.println("reboots    each switch creates or deletes " + String.join(" and ", reboots.machineConfigs())
                + " and reboots " + reboots.summary() + ", one node at a time per pool; " + reboots.measured()
                + " of them measured");
        reboots.pools().stream().filter(Reboots.Pool::paused).forEach(p -> out.println("           pool " + p.name()
                + " is paused: run refuses to switch until it is unpaused"));
    }

    /** The switches' rollouts, when the cluster was counted; zero otherwise. */
    Duration rollouts(int switches) {
        return reboots == null ? Duration.ZERO : reboots.rolloutEstimate().multipliedBy(switches);
    }

    /**
     * How the estimate line accounts for {@code switches} rollouts; {@code orMore} says when
     * one more may be needed before the first run (the state is unknown), else empty.
     */
    String estimate(int switches, String orMore) {
        String rollout = "a MachineConfig rollout of about " + RolloutTime.estimateRule();
        String what = count(switches, "encapsulation rollout") + orMore;
        if (reboots == null) {
            return "plus " + what + ", each " + rollout + " it reboots (not included: the pools were not counted)";
        }
        return "including " + what + " of about " + Durations.rough(reboots.rolloutEstimate()) + " each (" + rollout
                + ", " + reboots.largestPool() + " nodes)";
    }

    /** The MachineConfigs a switch creates or deletes, for a sentence: {@code 99-kubens-worker}. */
    String machineConfigs() {
        return reboots == null ? offlineMachineConfigs() : String.join(" and ", reboots.machineConfigs());
    }

    private String offlineMachineConfigs() {
        List<String> known = MachineConfigs.ROLES.stream().filter(roles::contains).map(MachineConfigs::name).toList();
        return known.isEmpty() ? "the 99-kubens MachineConfig of the selected nodes' roles" : String.join(" and ", known);
    }

    private String offlinePools() {
        boolean worker = roles.contains(MachineConfigs.WORKER);
        boolean master = roles.contains(MachineConfigs.MASTER);
        if (worker && master) {
            return "the master pool, the worker pool and every custom pool inheriting from worker";
        }
        if (worker) {
            return "the worker pool and of every custom pool inheriting from it";
        }
        if (master) {
            return "the master pool";
        }
        return "the pools that render it (99-kubens-worker: the worker pool and every custom pool inheriting from"
                + " it; 99-kubens-master: the master pool)";
    }

    static String count(int n, String noun) {
        String plural = noun.endsWith("ch") ? noun + "es" : noun + "s";
        return n + " " + (n == 1 ? noun : plural);
    }
}
