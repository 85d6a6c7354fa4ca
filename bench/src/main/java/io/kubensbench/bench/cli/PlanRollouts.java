package io.kubensbench.bench.cli;

import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.campaign.Order;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.bench.plan.PlannedRun;
import io.kubensbench.workloads.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The MachineConfig rollouts a campaign's plan makes on a cluster: one at every change of
 * arm between runs, and one before the first run when the cluster is not in its state, which
 * {@code plan} reads when it reaches the cluster. Each drains and reboots whole pools and can
 * outlast many runs, so the plan names them, puts them in its estimate, and warns about an
 * order that makes many.
 *
 * @param reboots what each switch reboots and the cluster's state, as far as they were read
 */
record PlanRollouts(Plan plan, PlanReboots reboots) {

    /** Switch points listed one by one up to this many; beyond, the first few and the last. */
    private static final int LISTED = 4;

    /** The rollouts the plan makes for certain: between runs, and before the first when the state is known to differ. */
    int count() {
        return plan.switches() + (firstNeeded() ? 1 : 0);
    }

    /** The line under {@code reboots}: how many, before which runs, and what the first run needs. */
    String line() {
        List<String> points = new ArrayList<>();
        PlannedRun first = plan.runs().get(0);
        if (firstNeeded()) {
            points.add("#0 (" + reboots.state() + " -> " + first.encapsulation().label() + ", the cluster is "
                    + reboots.state() + " now)");
        }
        List<PlannedRun> between = plan.switchPoints();
        for (int i = 0; i < between.size(); i++) {
            if (between.size() > LISTED && i >= LISTED - 1 && i < between.size() - 1) {
                if (i == LISTED - 1) {
                    points.add("...");
                }
                continue;
            }
            PlannedRun r = between.get(i);
            points.add("#" + r.index() + " (" + plan.runs().get(r.index() - 1).encapsulation().label() + " -> "
                    + r.encapsulation().label() + ")");
        }
        String when = points.isEmpty() ? "none" : count() + ", before run" + (points.size() == 1 ? " " : "s ")
                + points.stream().collect(Collectors.joining(", "));
        return "rollouts   " + when + firstClause(first.encapsulation());
    }

    /** The estimate's clause for the rollouts; empty when there are none. */
    Optional<String> estimate() {
        if (count() == 0 && reboots.state() != null) {
            return Optional.empty();
        }
        String orMore = reboots.state() == null ? " (" + (count() + 1) + " if the cluster is not "
                + plan.runs().get(0).encapsulation().label() + " when the campaign starts)" : "";
        return Optional.of(reboots.estimate(count(), orMore));
    }

    /** The rollouts' time in the estimate: zero when the pools were not counted. */
    Duration time() {
        return reboots.rollouts(count());
    }

    /** A warning for an order that switches at every pair of runs, where each switch is a rollout. */
    Optional<String> warning() {
        Order order = plan.campaign().schedule().order();
        if (!order.pairsArms() || plan.switches() <= 2) {
            return Optional.empty();
        }
        Duration all = time();
        return Optional.of("warning: order " + order.label() + " makes " + count() + " encapsulation rollouts, each"
                + " rebooting every node of the pools" + (all.isZero() ? "" : " (about "
                + Durations.rough(all) + " in all)") + "; schedule.order: aba makes 2"
                + " and still estimates a drift over time, blocked 1");
    }

    /** Whether the first run needs a rollout: the cluster was read, and is in the other state. */
    boolean firstNeeded() {
        String state = reboots.state();
        return state != null && !state.equals(plan.runs().get(0).encapsulation().label());
    }

    private String firstClause(Encapsulation first) {
        String state = reboots.state();
        if (state == null) {
            return "; one more before run #0 if the cluster is not " + first.label() + " when the campaign starts (its"
                    + " state was not read)";
        }
        return firstNeeded() ? "" : "; the cluster is " + state + " now (" + reboots.machineConfigs()
                + (first == Encapsulation.ON ? " there" : " absent") + "), so run #0 needs none";
    }
}
