package io.kubensbench.bench.cluster;

import java.util.List;
import java.util.Map;

/**
 * What {@code encapsulation verify} found: each node's documented check against the state it
 * should be in. A CI job must tell "the nodes are not in the state they should be" (exit
 * {@value #DISAGREE}) from "the check could not be made" (exit 1), so the answer has its own
 * exit code.
 *
 * @param nodes    each node of the chosen roles, by name; skipped ones are not counted
 * @param expected per node, whether encapsulation should be on (a node without an entry disagrees)
 */
public record EncapsulationVerification(List<NodeVerification> nodes, Map<String, Boolean> expected) {

    /** The exit code when a node checked disagrees with the state expected of it. */
    public static final int DISAGREE = 3;

    public EncapsulationVerification {
        nodes = List.copyOf(nodes);
        expected = Map.copyOf(expected);
    }

    /** Whether a node was checked: not skipped (NotReady, cordoned, not Linux). */
    public static boolean checked(NodeVerification node) {
        return node.state() != NodeVerification.State.SKIPPED;
    }

    /** Whether a checked node is in the state expected of it. */
    public boolean agrees(NodeVerification node) {
        Boolean on = expected.get(node.node());
        return on != null && node.agreesWith(on);
    }

    public long checkedCount() {
        return nodes.stream().filter(EncapsulationVerification::checked).count();
    }

    public long skippedCount() {
        return nodes.size() - checkedCount();
    }

    public long disagreeing() {
        return nodes.stream().filter(EncapsulationVerification::checked).filter(n -> !agrees(n)).count();
    }

    public boolean passed() {
        return disagreeing() == 0;
    }

    /** 0 when every node checked agrees, else {@value #DISAGREE}. */
    public int exitCode() {
        return passed() ? 0 : DISAGREE;
    }

    /** The verdict line: "PASS: 5 node(s) agree; 2 skipped, not checked". */
    public String verdict() {
        long skipped = skippedCount();
        return (passed() ? "PASS: " + checkedCount() + " node(s) agree" : "FAIL: " + disagreeing() + " of "
                + checkedCount() + " node(s) disagree") + (skipped == 0 ? "" : "; " + skipped + " skipped, not checked");
    }
}
