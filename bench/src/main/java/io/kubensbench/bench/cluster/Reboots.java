package io.kubensbench.bench.cluster;

import io.kubensbench.workloads.cluster.ClusterAccessException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one encapsulation switch reboots: the pools that render the switched MachineConfigs
 * and how many nodes each holds. A user selects a few nodes to measure, but the operator
 * reboots every node of every pool that renders {@code 99-kubens-worker}, custom pools
 * inheriting from worker too; this is what {@code plan}, {@code run} and the confirmation
 * say before anything is switched.
 *
 * @param roles    the roles whose {@code 99-kubens-<role>} a switch creates or deletes
 * @param pools    the pools that render them, by name
 * @param measured how many of their nodes the campaign measures
 */
public record Reboots(List<String> roles, List<Pool> pools, int measured) {

    /**
     * One pool a switch reboots.
     *
     * @param nodes        nodes the pool holds by its node selector (one pool per node, as
     *                     the operator assigns them)
     * @param machineCount what the pool's status counts
     */
    public record Pool(String name, int nodes, int machineCount, boolean paused) {

        /** The larger of the two counts: a rollout takes as long as the machines it goes through. */
        int size() {
            return Math.max(nodes, machineCount);
        }
    }

    public Reboots {
        roles = List.copyOf(roles);
        pools = List.copyOf(pools);
    }

    /** The MachineConfigs a switch creates or deletes, by name. */
    public List<String> machineConfigs() {
        return roles.stream().map(MachineConfigs::name).toList();
    }

    /** Nodes one switch drains and reboots, over all pools. */
    public int nodes() {
        return pools.stream().mapToInt(Pool::size).sum();
    }

    /** The nodes of the largest pool, which set how long a rollout takes. */
    public int largestPool() {
        return pools.stream().mapToInt(Pool::size).max().orElse(0);
    }

    /** About how long one switch's rollout takes ({@link RolloutTime#estimate}). */
    public Duration rolloutEstimate() {
        return RolloutTime.estimate(largestPool());
    }

    /** How long a switch's rollout is waited for unless the user says otherwise ({@link RolloutTime#timeout}). */
    public Duration rolloutTimeout() {
        return RolloutTime.timeout(largestPool());
    }

    /** {@code 5 nodes (pool worker 3, pool infra 2)}. */
    public String summary() {
        return count(nodes(), "node") + " (" + (pools.isEmpty() ? "no pool renders " + String.join(", ", machineConfigs())
                : pools.stream().map(p -> "pool " + p.name() + " " + p.size() + (p.paused() ? ", paused" : ""))
                .collect(Collectors.joining(", "))) + ")";
    }

    /** {@code pool worker} or {@code pools infra, worker}, to start a sentence's subject with. */
    public String poolNames() {
        return (pools.size() == 1 ? "pool " : "pools ") + (pools.isEmpty() ? "(none)"
                : pools.stream().map(Pool::name).collect(Collectors.joining(", ")));
    }

    /** {@code verb} in the third person, agreeing with {@link #poolNames()}: roll becomes rolls for one pool. */
    String poolsVerb(String verb) {
        return pools.size() == 1 ? verb + "s" : verb;
    }

    /**
     * Refuses when a pool is paused: the operator would render the change and hold it, and
     * every node of the pool would reboot whenever someone unpauses it, long after the campaign.
     */
    public void requireNonePaused() throws ClusterAccessException {
        List<String> paused = pools.stream().filter(Pool::paused).map(Pool::name).toList();
        if (!paused.isEmpty()) {
            String names = String.join(", ", paused);
            throw new ClusterAccessException("MachineConfigPool " + names + (paused.size() == 1 ? " is" : " are")
                    + " paused, so a switch would only take effect, rebooting every node, when someone unpauses it:"
                    + " nothing was created; unpause it first (oc patch machineconfigpool " + paused.get(0)
                    + " --type merge -p '{\"spec\":{\"paused\":false}}')");
        }
    }

    static String count(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }
}
