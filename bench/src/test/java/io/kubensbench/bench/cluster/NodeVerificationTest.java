package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.bench.cluster.NodeVerification.State;
import org.junit.jupiter.api.Test;

/** The documented check, per node, on probe captures of each kind of node. */
class NodeVerificationTest {

    private static final String HOST = "mnt:[4026531841]";
    private static final String KUBENS = "mnt:[4026532712]";

    @Test
    void allThreeInOneNamespaceIsNotEncapsulated() {
        NodeVerification v = NodeVerification.of("worker-a", ProbeCaptures.last("shared-namespace.txt"));

        assertThat(v.state()).isEqualTo(State.NOT_ENCAPSULATED);
        assertThat(v.node()).isEqualTo("worker-a");
        assertThat(v.systemd()).isEqualTo(HOST);
        assertThat(v.kubelet()).isEqualTo(HOST);
        assertThat(v.runtime()).isEqualTo(HOST);
        assertThat(v.agreesWith(false)).isTrue();
        assertThat(v.agreesWith(true)).isFalse();
    }

    @Test
    void kubeletAndRuntimeTogetherApartFromPid1IsEncapsulated() {
        NodeVerification v = NodeVerification.of("worker-b", ProbeCaptures.last("encapsulated.txt"));

        assertThat(v.state()).isEqualTo(State.ENCAPSULATED);
        assertThat(v.kubelet()).isEqualTo(KUBENS);
        assertThat(v.agreesWith(true)).isTrue();
        assertThat(v.agreesWith(false)).isFalse();
    }

    @Test
    void kubeletInPid1sNamespaceButTheRuntimeNotIsMixedAndSaysSo() {
        NodeVerification v = NodeVerification.of("worker-c", ProbeCaptures.last("mixed.txt"));

        assertThat(v.state()).isEqualTo(State.MIXED);
        assertThat(v.detail()).startsWith("kubelet shares PID 1's namespace").contains("the runtime does not");
        assertThat(v.agreesWith(true)).isFalse();
        assertThat(v.agreesWith(false)).isFalse();
    }

    @Test
    void theOtherMixedNodesSayWhichSideIsOff() {
        ProbeLine runtimeWithPid1 = lineWith(KUBENS, HOST);
        ProbeLine allApart = lineWith(KUBENS, "mnt:[4026532999]");

        assertThat(NodeVerification.of("n", runtimeWithPid1).state()).isEqualTo(State.MIXED);
        assertThat(NodeVerification.of("n", runtimeWithPid1).detail())
                .startsWith("the runtime shares PID 1's namespace").contains("kubelet does not");
        assertThat(NodeVerification.of("n", allApart).state()).isEqualTo(State.MIXED);
        assertThat(NodeVerification.of("n", allApart).detail()).contains("different namespaces");
    }

    @Test
    void anUnreadableLinkIsUnknownAndSaysWhyForEachProcess() {
        NodeVerification v = NodeVerification.of("this-machine", ProbeCaptures.last("this-machine.txt"));

        assertThat(v.state()).isEqualTo(State.UNKNOWN);
        assertThat(v.systemd()).isNull();
        assertThat(v.detail())
                .contains("PID 1's mount namespace link could not be read: the probe lacks CAP_SYS_PTRACE")
                .contains("found no kubelet process")
                .contains("found no runtime process");
        assertThat(v.agreesWith(true)).isFalse();
        assertThat(v.agreesWith(false)).isFalse();
    }

    @Test
    void aKnownKubeletWhoseLinkIsDeniedIsNamedWithItsPid() {
        String text = ProbeCaptures.text("encapsulated.txt").lines().filter(l -> l.startsWith(ProbeLine.V1_PREFIX))
                .findFirst().orElseThrow().replace("kubelet=2411,mnt:[4026532712]", "kubelet=2411,-");

        NodeVerification v = NodeVerification.of("worker-b", ProbeLine.parse(text));

        assertThat(v.state()).isEqualTo(State.UNKNOWN);
        assertThat(v.detail()).isEqualTo("kubelet's (PID 2411) mount namespace link could not be read: the probe"
                + " lacks CAP_SYS_PTRACE (or a security module denied ptrace read access)");
    }

    /** A line as the unprivileged probe prints it: no links, the root mount ids instead. */
    private static ProbeLine unprivileged(String mountIds) {
        return ProbeLine.parse(ProbeCaptures.text("encapsulated.txt").lines().filter(l -> l.startsWith(ProbeLine.V1_PREFIX))
                .findFirst().orElseThrow().replaceAll("mnt:\\[\\d+\\]", "-").replace(" cpu=", " mntid=" + mountIds
                        + " cpu="));
    }

    @Test
    void anUnprivilegedProbeIsJudgedByRootMountIds() {
        NodeVerification on = NodeVerification.of("worker-b", unprivileged("27,3154,3154"));
        NodeVerification off = NodeVerification.of("worker-a", unprivileged("27,27,27"));
        NodeVerification mixed = NodeVerification.of("worker-c", unprivileged("27,27,3154"));

        assertThat(on.state()).isEqualTo(State.ENCAPSULATED);
        assertThat(on.systemd()).isEqualTo("mountid:27");
        assertThat(on.detail()).isEqualTo("kubelet and the runtime share mountid:3154, apart from PID 1's mountid:27");
        assertThat(off.state()).isEqualTo(State.NOT_ENCAPSULATED);
        assertThat(mixed.state()).isEqualTo(State.MIXED);
    }

    @Test
    void anUnreadableMountinfoIsUnknownAndSaysSo() {
        NodeVerification v = NodeVerification.of("worker-b", unprivileged("27,-,3154"));

        assertThat(v.state()).isEqualTo(State.UNKNOWN);
        assertThat(v.detail()).isEqualTo("kubelet's (PID 2411) mountinfo could not be read (the process ended, or a"
                + " security module denied it)");
    }

    private static ProbeLine lineWith(String kubeletNs, String runtimeNs) {
        String text = ProbeCaptures.text("shared-namespace.txt").lines().filter(l -> l.startsWith(ProbeLine.V1_PREFIX))
                .findFirst().orElseThrow()
                .replace("kubelet=2411," + HOST, "kubelet=2411," + kubeletNs)
                .replace("runtime=1987," + HOST, "runtime=1987," + runtimeNs);
        return ProbeLine.parse(text);
    }
}
