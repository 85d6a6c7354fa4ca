package io.kubensbench.bench.cluster;

/**
 * One node's answer to the product documentation's verification ({@code readlink
 * /proc/1/ns/mnt} against kubelet's and CRI-O's), read from a probe line. A cluster campaign
 * trusts an arm only when every node agrees with it, and a node that disagrees or cannot be
 * read has to say why in words an administrator can act on, hence the detail.
 *
 * @param systemd PID 1's mount namespace link, null when the probe could not read it
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
        UNKNOWN
    }

    /** The node's state from one probe line. */
    public static NodeVerification of(String node, ProbeLine line) {
        String unknown = unknownReasons(line);
        if (!unknown.isEmpty()) {
            return new NodeVerification(node, line.ns1(), line.kubeletNs(), line.runtimeNs(), State.UNKNOWN, unknown);
        }
        String s = line.ns1();
        String k = line.kubeletNs();
        String r = line.runtimeNs();
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
        if (line.ns1() == null) {
            append(why, "PID 1's mount namespace link could not be read: the probe lacks CAP_SYS_PTRACE"
                    + " (or a security module denied ptrace read access)");
        }
        unknown(why, "kubelet", line.kubeletPid(), line.kubeletNs());
        unknown(why, "the runtime", line.runtimePid(), line.runtimeNs());
        return why.toString();
    }

    private static void unknown(StringBuilder why, String name, long pid, String ns) {
        if (pid < 0) {
            append(why, "the probe found no " + (name.equals("kubelet") ? "kubelet" : "runtime")
                    + " process (KUBELET_COMM/RUNTIME_COMM name the process it looks for)");
        } else if (ns == null) {
            append(why, name + "'s (PID " + pid + ") mount namespace link could not be read: the probe lacks"
                    + " CAP_SYS_PTRACE (or a security module denied ptrace read access)");
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
