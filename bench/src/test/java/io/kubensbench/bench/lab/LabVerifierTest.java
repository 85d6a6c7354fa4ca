package io.kubensbench.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code lab verify}'s findings, field by field, on a real lab node. */
class LabVerifierTest {

    private static VerifyReport report;
    private static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void verify() throws Exception {
        LabAssumptions.assumeLab();
        report = new LabVerifier(WorkloadSpec.defaults().withPods(30), progress::add).verify();
    }

    @Test
    void offSharesOneNamespaceBetweenSystemdKubeletAndRuntime() {
        NamespaceIdentities ns = report.off().namespaces();
        assertThat(ns.systemd()).startsWith("mnt:[");
        assertThat(ns.kubelet()).isEqualTo(ns.systemd());
        assertThat(ns.runtime()).isEqualTo(ns.systemd());
        assertThat(ns.encapsulated()).isFalse();
    }

    @Test
    void onPutsKubeletAndRuntimeInOneNamespaceApartFromSystemd() {
        NamespaceIdentities ns = report.on().namespaces();
        assertThat(ns.kubelet()).isNotEqualTo(ns.systemd());
        assertThat(ns.runtime()).isEqualTo(ns.kubelet());
        assertThat(ns.encapsulated()).isTrue();
        assertThat(ns.systemd()).isEqualTo(report.off().namespaces().systemd());
    }

    @Test
    void offSystemdSeesEveryPodMount() {
        MountVisibility m = report.off().mounts();
        assertThat(m.pods()).isEqualTo(30);
        assertThat(m.mountsPerPod()).isEqualTo(15);
        assertThat(m.kubeletDelta()).isEqualTo(30 * 15);
        assertThat(m.systemdDelta()).isEqualTo(30 * 15);
    }

    @Test
    void onSystemdSeesNoPodMountWhileKubeletSeesThemAll() {
        MountVisibility m = report.on().mounts();
        assertThat(m.kubeletDelta()).isEqualTo(30 * 15);
        assertThat(m.systemdDelta()).isZero();
        assertThat(m.systemdAfter()).isEqualTo(m.systemdBefore());
    }

    @Test
    void offAnUnprivilegedUserInTheHostNamespaceSeesEverySecretAndProjectedMount() {
        UnprivilegedView u = report.off().unprivileged();
        assertRealNobodyInSystemdsNamespace(u, report.off().namespaces());
        assertThat(u.planned()).isEqualTo(30 * 5);
        assertThat(u.visible()).isEqualTo(u.planned());
    }

    @Test
    void onAnUnprivilegedUserInTheHostNamespaceSeesNoSecretOrProjectedMount() {
        UnprivilegedView u = report.on().unprivileged();
        assertRealNobodyInSystemdsNamespace(u, report.on().namespaces());
        assertThat(u.planned()).isEqualTo(30 * 5);
        assertThat(u.visible()).isZero();
        assertThat(report.unprivilegedProtected()).isTrue();
    }

    /** What the reader said of itself, from its own /proc/self in the same run. */
    private static void assertRealNobodyInSystemdsNamespace(UnprivilegedView u, NamespaceIdentities ns) {
        assertThat(u.uids()).hasSize(4).containsOnly(65534L);
        assertThat(u.capEff()).matches("0+");
        assertThat(u.unprivileged()).isTrue();
        assertThat(u.mntNs()).isEqualTo(ns.systemd());
        assertThat(u.mountsRead()).isGreaterThan(20);
    }

    @Test
    void offPropagationMatchesTheDocumentedDiagram() {
        PropagationMatrix p = report.off().propagation();
        assertThat(p.seenBy().get("/run/a")).isEqualTo(Set.of(PropagationMatrix.SYSTEMD, PropagationMatrix.HOST,
                PropagationMatrix.KUBELET, PropagationMatrix.RUNTIME, PropagationMatrix.C1, PropagationMatrix.C2));
        assertThat(p.seenBy().get("/run/b")).isEqualTo(Set.of(PropagationMatrix.C2));
        assertThat(p.seenBy().get("/run/c")).isEqualTo(Set.of(PropagationMatrix.C3));
    }

    @Test
    void onPropagationHidesContainerMountsFromSystemdAndTheHost() {
        PropagationMatrix p = report.on().propagation();
        assertThat(p.seenBy().get("/run/a")).isEqualTo(Set.of(PropagationMatrix.KUBELET, PropagationMatrix.RUNTIME,
                PropagationMatrix.C1, PropagationMatrix.C2));
        assertThat(p.seenBy().get("/run/b")).isEqualTo(Set.of(PropagationMatrix.C2));
        assertThat(p.seenBy().get("/run/c")).isEqualTo(Set.of(PropagationMatrix.C3));
    }

    @Test
    void theWholeReportPasses() {
        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(progress).anyMatch(l -> l.contains("starting kubens.service"));
    }
}
