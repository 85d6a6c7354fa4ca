package io.kubensbench.bench.cluster;

/**
 * One node's answer to the question the product documentation's verification asks: does PID 1
 * share its mount namespace with kubelet and CRI-O? Read from a probe line, by the namespace
 * links ({@code readlink /proc/PID/ns/mnt}) when the probe may read them, else by the root
 * mount ids in each process's mountinfo, which an unprivileged probe can read and which differ
 * exactly when the namespaces do. A cluster campaign trusts an arm only when every node agrees
 * with it, and a node that disagrees or cannot be read has to say why in words an
 * administrator can act on, hence the detail.
 *
 * @param systemd PID 1's mount namespace identity (a link or {@code mountid:N}), null when unknown
 * @param kubelet kubelet's, null when unknown
 * @param runtime the container runtime's, null when unknown
 * @param detail  why the state is what it is
 */
public record NodeVerification(String node, String systemd, String kubelet, String runtime, State state,
                               String detail) {

    /** What the three namespaces say about encapsulation on one node. */
    public enum State {
        /** systemd's namespace differs from both, and kubelet's equals the runtime's. */
        ENCAPSULATED,
        /** All three share one namespace. */
        NOT_ENCAPSULATED,
        /** Neither: kubelet and the runtime were started in different ways. */
        MIXED,
        /** A namespace could not be read. */
        UNKNOWN,
        /** The node cannot run the probe (NotReady, cordoned, not Linux): not checked. */
        SKIPPED
    }

    /** A node that was not checked, and why (NotReady, unschedulable, not Linux). */
    public static NodeVerification skipped(String node, String why) {
        return new NodeVerification(node, null, null, null, State.SKIPPED, why);
    }

    /** The node's state from one probe line. */
    public static NodeVerification of(String node, ProbeLine line) {
        String s = line.systemdIdentity();
        String k = line.kubeletIdentity();
        String r = line.runtimeIdentity();
        String unknown = unknownReasons(line);
        if (!unknown.isEmpty()) {
            return new NodeVerification(node, s, k, r, State.UNKNOWN, unknown);
        }
        State state;
        String detail;
        if (!s.equals(k) && !s.equals(r) && k.equals(r)) {
            state = State.ENCAPSULATED;
            detail = "kubelet and the runtime share " + k + ", apart from PID 1's " + s;
        } else if (s.equals(k) && k.equals(r)) {
            state = State.NOT_ENCAPSULATED;
            detail = "PID 1, kubelet and the runtime all share " + s;
        } else if (s.equals(k)) {
            state = State.MIXED;
            detail = "kubelet shares PID 1's namespace " + s + " but the runtime does not (" + r + ")";
        } else if (s.equals(r)) {
            state = State.MIXED;
            detail = "the runtime shares PID 1's namespace " + s + " but kubelet does not (" + k + ")";
        } else {
            state = State.MIXED;
            detail = "kubelet (" + k + ") and the runtime (" + r + ") are in different namespaces, both apart from"
                    + " PID 1's " + s;
        }
        return new NodeVerification(node, s, k, r, state, detail);
    }

    private static String unknownReasons(ProbeLine line) {
        StringBuilder why = new StringBuilder();
        String cannot = line.byLinks() ? "mount namespace link could not be read: the probe lacks CAP_SYS_PTRACE"
                + " (or a security module denied ptrace read access)"
                : "mountinfo could not be read (the process ended, or a security module denied it)";
        if (line.systemdIdentity() == null) {
            append(why, "PID 1's " + cannot);
        }
        unknown(why, "kubelet", line.kubeletPid(), line.kubeletIdentity(), cannot);
        unknown(why, "the runtime", line.runtimePid(), line.runtimeIdentity(), cannot);
        return why.toString();
    }

    private static void unknown(StringBuilder why, String name, long pid, String ns, String cannot) {
        if (pid < 0) {
            append(why, "the probe found no " + (name.equals("kubelet") ? "kubelet" : "runtime")
                    + " process (KUBELET_COMM/RUNTIME_COMM name the process it looks for)");
        } else if (ns == null) {
            append(why, name + "'s (PID " + pid + ") " + cannot);
        }
    }

    private static void append(StringBuilder why, String reason) {
        if (!why.isEmpty()) {
            why.append("; ");
        }
        why.append(reason);
    }

    /** Whether the node is in the state the arm claims: encapsulated when on, shared when off. */
    public boolean agreesWith(boolean encapsulationOn) {
        return state == (encapsulationOn ? State.ENCAPSULATED : State.NOT_ENCAPSULATED);
    }
}
