package io.kubensbench.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the unprivileged reader's output becomes a verdict, and the verdict {@code lab verify}'s; no lab needed. */
class UnprivilegedViewTest {

    private static final String NS = "mnt:[4026532176]";
    private static final String SECRET = "/var/lib/kubelet/pods/p/volumes/kubernetes.io~secret/secret-0";
    private static final String TOKEN = "/var/lib/kubelet/pods/p/volumes/kubernetes.io~projected/kube-api-access-0";

    private static String output(String uid, String capEff, String... mountPoints) {
        StringBuilder s = new StringBuilder(NS + "\nName:\tcat\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                + "\nGid:\t65534\t65534\t65534\t65534\nCapInh:\t0000000000000000\nCapEff:\t" + capEff + "\n");
        s.append("21 1 0:20 / / ro,relatime shared:1 - ext4 /dev/root rw\n");
        int id = 30;
        for (String m : mountPoints) {
            s.append(id++).append(" 25 0:").append(id).append(" / ").append(m)
                    .append(" rw,relatime shared:5 - tmpfs tmpfs rw\n");
        }
        return s.toString();
    }

    @Test
    void theStandInsSecretAndProjectedMountsAreTheTargets() {
        MountPlan plan = new MountPlan(WorkloadSpec.defaults());
        List<String> targets = UnprivilegedReader.secretAndProjected(plan, List.of("a", "b"));
        assertThat(targets).hasSize(2 * 5)
                .allMatch(t -> t.contains("/volumes/kubernetes.io~secret/") || t.contains("/volumes/kubernetes.io~projected/"));
    }

    @Test
    void offEveryMountVisibleToNobodyMatches() {
        UnprivilegedView v = UnprivilegedReader.parse(output("65534", "0000000000000000", SECRET, TOKEN), NS,
                List.of(SECRET, TOKEN));
        assertThat(v.uids()).containsExactly(65534L, 65534L, 65534L, 65534L);
        assertThat(v.unprivileged()).isTrue();
        assertThat(v.inSystemdNamespace()).isTrue();
        assertThat(v.mountsRead()).isEqualTo(3);
        assertThat(v.visible()).isEqualTo(2);
        assertThat(v.matches(Encapsulation.OFF)).isTrue();
        assertThat(v.failures(Encapsulation.ON)).singleElement().asString().contains("sees 2 of 2");
    }

    @Test
    void onNoMountVisibleMatches() {
        UnprivilegedView v = UnprivilegedReader.parse(output("65534", "0000000000000000"), NS, List.of(SECRET, TOKEN));
        assertThat(v.visible()).isZero();
        assertThat(v.matches(Encapsulation.ON)).isTrue();
        assertThat(v.matches(Encapsulation.OFF)).isFalse();
    }

    @Test
    void aReportWhoseOnArmShowsAnyOfThemFails() {
        List<String> targets = List.of(SECRET, TOKEN);
        UnprivilegedView all = UnprivilegedReader.parse(output("65534", "0000000000000000", SECRET, TOKEN), NS, targets);
        UnprivilegedView one = UnprivilegedReader.parse(output("65534", "0000000000000000", TOKEN), NS, targets);
        UnprivilegedView none = UnprivilegedReader.parse(output("65534", "0000000000000000"), NS, targets);
        assertThat(report(all, none).passed()).isTrue();
        assertThat(report(all, none).unprivilegedProtected()).isTrue();
        VerifyReport leaky = report(all, one);
        assertThat(leaky.unprivilegedProtected()).isFalse();
        assertThat(leaky.passed()).isFalse();
        assertThat(leaky.failures()).containsExactly(
                "on: an unprivileged user sees 1 of 2 secret/projected volume mounts (expected 0)");
    }

    /** A report that matches the documentation in everything but the unprivileged readings. */
    private static VerifyReport report(UnprivilegedView off, UnprivilegedView on) {
        return new VerifyReport(
                new ArmFindings(Encapsulation.OFF, new NamespaceIdentities(NS, NS, NS),
                        new MountVisibility(1, 14, 47, 61, 47, 61), off, PropagationMatrix.expected(Encapsulation.OFF)),
                new ArmFindings(Encapsulation.ON, new NamespaceIdentities(NS, "mnt:[2]", "mnt:[2]"),
                        new MountVisibility(1, 14, 47, 47, 47, 61), on, PropagationMatrix.expected(Encapsulation.ON)));
    }

    @Test
    void aReadingByRootOrWithCapabilitiesProvesNothing() {
        assertThat(UnprivilegedReader.parse(output("0", "0000000000000000"), NS, List.of(SECRET)).failures(Encapsulation.ON))
                .singleElement().asString().contains("not an unprivileged user");
        assertThat(UnprivilegedReader.parse(output("65534", "000001ffffffffff"), NS, List.of(SECRET)).unprivileged())
                .isFalse();
    }

    @Test
    void anEmptyReadingOrAnotherNamespaceProvesNothing() {
        assertThat(UnprivilegedReader.parse("", NS, List.of(SECRET)).failures(Encapsulation.ON))
                .anyMatch(f -> f.contains("empty mount table")).anyMatch(f -> f.contains("not an unprivileged user"));
        assertThat(UnprivilegedReader.parse(output("65534", "0000000000000000"), "mnt:[1]", List.of(SECRET))
                .failures(Encapsulation.ON)).singleElement().asString().contains("not in systemd's mnt:[1]");
    }
}
