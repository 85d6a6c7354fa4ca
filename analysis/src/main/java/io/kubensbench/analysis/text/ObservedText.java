package io.kubensbench.analysis.text;

import io.kubensbench.analysis.compare.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The sentences about an observation of the nodes' own workload, behind {@link Wording}. */
final class ObservedText {

    private ObservedText() {
    }

    /**
     * What an observation of the nodes' own workload can say, one sentence per line: that the
     * load was not kubens-bench's; with one arm, that no comparison is possible and how to get
     * one; with both, that the design is blocked (arm and time confounded) and its windows are
     * consecutive stretches, not independent runs.
     */
    static List<String> lines(Observation o) {
        List<String> lines = new ArrayList<>();
        lines.add("observed: the nodes' own workload, with no pods of kubens-bench; each record is one window of"
                + " one node");
        List<String> empty = o.armsWithoutValidWindows();
        if (o.arms().size() < 2) {
            String arm = o.arms().isEmpty() ? "no arm" : "only " + o.arms().get(0);
            lines.add(arm + " was observed: no comparison is possible; observe the same workload in the other arm"
                    + " (kubens-bench observe --arm ...) and analyze both directories together");
        } else if (!empty.isEmpty()) {
            lines.add(String.join(" and ", empty) + " has no valid window: no comparison is possible");
        } else {
            lines.add("blocked design: " + o.arms().get(0) + " was observed first, then " + o.arms().get(1)
                    + ", so anything else that changed between the two (the workload's phase, other pods, the"
                    + " nodes' reboots, the time of day) is confounded with encapsulation; observe the arms more than"
                    + " once, alternating, to tell them apart");
            lines.add("the windows of an arm are consecutive stretches of one observation, not independent runs: a test"
                    + " over the windows of one node takes them for more evidence than they are; with several nodes"
                    + " the verdict rests on the nodes as blocks");
        }
        return lines;
    }

    /**
     * One node in one arm of an observation, in one line: "worker-a, off: 12.31% of a core (11.90%
     * to 12.80%) over 20 windows, 3,412 mounts in systemd's view, 140.0 mount events/s"; events the
     * probe did not count are said so, never shown as 0.
     */
    static String node(Observation.NodeArm n) {
        StringBuilder b = new StringBuilder().append(n.node()).append(", ").append(n.arm()).append(": ");
        if (n.windows() == 0) {
            b.append("no valid window");
        } else {
            b.append(n.maxCores() == 0 ? "0 ns in " + (n.windows() == 1 ? "its window" : "all " + n.windows() + " windows")
                    : Numbers.cores(n.meanCores()));
            if (n.windows() > 1 && n.maxCores() > 0) {
                b.append(" (").append(Numbers.coreShare(n.minCores())).append(" to ").append(Numbers.coreShare(n.maxCores()))
                        .append(')');
            }
            b.append(n.maxCores() == 0 ? "" : " over " + n.windows() + (n.windows() == 1 ? " window" : " windows"))
                    .append(", ")
                    .append(Double.isNaN(n.meanMounts()) ? "mounts not counted"
                            : String.format(Locale.ROOT, "%,.0f mounts in systemd's view", n.meanMounts()))
                    .append(", ").append(Double.isNaN(n.eventsPerSecond()) ? "mount events not counted"
                            : String.format(Locale.ROOT, "%,.1f mount events/s", n.eventsPerSecond()));
        }
        if (n.excluded() > 0) {
            b.append("; ").append(n.excluded()).append(" window").append(n.excluded() == 1 ? "" : "s").append(" excluded");
        }
        return b.toString();
    }
}
