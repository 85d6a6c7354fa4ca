package io.kubensbench.bench.cli;

import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.plan.Plan;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** One way to print a campaign's plan; {@link #named} picks it by the name {@code plan -o} takes. */
interface PlanFormat {

    /**
     * @param reboots what each switch reboots, for a campaign switched by MachineConfig; else null
     */
    void write(Plan plan, PlanReboots reboots, PrintWriter out);

    /** The names {@code -o} accepts, the default first. */
    List<String> NAMES = List.of("text", "json");

    static PlanFormat named(String name) {
        return switch (name == null ? "text" : name.toLowerCase(Locale.ROOT)) {
            case "text" -> new PlanText();
            case "json" -> new PlanJson();
            default -> throw new IllegalArgumentException("-o " + name + ": write one of " + String.join(", ", NAMES));
        };
    }

    /** The rollouts of a plan switched by MachineConfig, when {@code reboots} was worked out; else null. */
    static PlanRollouts rollouts(Plan plan, PlanReboots reboots) {
        return reboots == null || plan.campaign().target().traits().armSwitching()
                != TargetTraits.ArmSwitching.ROLLOUT ? null
                : new PlanRollouts(plan, reboots);
    }
}
