package io.kubensbench.bench.estimate;

import io.kubensbench.analysis.results.Environment;
import io.kubensbench.workloads.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an estimate rests on and where it may mislead, one sentence each, the same in every
 * output: a prediction read without them claims more than the calibration can support.
 */
final class Caveats {

    private Caveats() {
    }

    static List<String> of(Calibration calibration, BaseMounts base, Duration window, List<NodeEstimate> nodes) {
        List<String> out = new ArrayList<>();
        out.add(machines(calibration.environment(), nodes));
        out.add("the API does not show a node's systemd version: compare `systemctl --version` on a node with the"
                + " calibration's" + (calibration.environment() == null || calibration.environment().systemdVersion() == null
                        ? "" : " (" + calibration.environment().systemdVersion() + ")")
                + ", since how systemd rate-limits mount events changed between versions");
        out.add("base mounts " + Reading.count(base.value()) + " on every node, " + base.source());
        String churn = Durations.exact(window);
        out.add("mount events/s over the last " + churn + ": 2 x the mounts set up by pods started in it plus 2 x"
                + " the containers restarted in it, over its length; the 2 assumes a steady state (each setup torn"
                + " down once within such a window), since pods deleted in it have left the API and cannot be"
                + " counted, and only a container's last restart is visible");
        Map<String, Integer> assumed = new TreeMap<>();
        List<String> assumedOn = new ArrayList<>();
        int notRunning = 0;
        for (NodeEstimate n : nodes) {
            n.load().podMounts().assumed().forEach((kind, count) -> assumed.merge(kind, count, Integer::sum));
            if (n.load().podMounts().assumedTotal() > 0) {
                assumedOn.add(n.node());
            }
            notRunning += n.load().pods() - n.load().runningPods();
        }
        if (!assumed.isEmpty()) {
            out.add("volumes whose mounts depend on their driver were ASSUMED one mount each: "
                    + assumed.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", "))
                    + " (on " + String.join(", ", assumedOn) + ")");
        }
        if (notRunning > 0) {
            out.add(notRunning + (notRunning == 1 ? " pod" : " pods") + " not Running counted no mounts (Pending: not"
                    + " set up yet; Succeeded or Failed: kubelet has torn its volumes down)");
        }
        for (NodeEstimate n : nodes) {
            if (n.outside()) {
                out.add(n.node() + " lies outside the calibrated loads ("
                        + (n.off().outside() != null ? n.off().outside() : n.on().outside())
                        + "): its prediction extrapolates the model");
            }
        }
        if (calibration.onLab()) {
            out.add("calibrated on a lab node: calibrating on the cluster's own results (a cluster campaign, or"
                    + " observe windows) is recommended, and estimate takes their results directory just the same");
        }
        return out;
    }

    /** The calibration's machine beside the nodes', as far as each is known. */
    private static String machines(Environment env, List<NodeEstimate> nodes) {
        String calibrated = env == null ? "the calibration does not say what machine it ran on (no environment.json)"
                : "calibrated on " + env.target() + ": " + orUnknown(env.cpuModel()) + ", " + env.cpus() + " CPUs, kernel "
                        + orUnknown(env.kernel()) + ", " + orUnknown(env.systemdVersion());
        return calibrated + "; the nodes: " + values(nodes, NodeFacts::osImage) + ", kernel "
                + values(nodes, NodeFacts::kernelVersion) + ", " + values(nodes, NodeFacts::architecture) + ", "
                + values(nodes, NodeFacts::containerRuntimeVersion) + ", " + values(nodes, NodeFacts::cpus)
                + " CPUs; systemd's cost per mount and per event differs with the CPU, the kernel and systemd";
    }

    /** {@code a} when every node says a; {@code a (2 nodes), b (1 node)} otherwise. */
    private static String values(List<NodeEstimate> nodes, Function<NodeFacts, String> field) {
        Map<String, Integer> counts = new TreeMap<>();
        nodes.forEach(n -> counts.merge(orUnknown(field.apply(n.facts())), 1, Integer::sum));
        if (counts.size() == 1) {
            return counts.keySet().iterator().next();
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue()
                + (e.getValue() == 1 ? " node)" : " nodes)")).collect(Collectors.joining(", "));
    }

    private static String orUnknown(String s) {
        return s == null ? "unknown" : s;
    }
}
