package io.kubensbench.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.SchemaVersion;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.target.NamespaceIdentities;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code lab verify -o json} from findings made by hand (the real ones need root and a lab
 * node: LabCommandTest): each check with its name, result and detail, the failures the text
 * lists, and the figures of both tables.
 */
class VerifyJsonTest {

    private static final String HOST = "mnt:[4026532177]";
    private static final String KUBENS = "mnt:[4026532182]";

    @Test
    void aLabAsDocumentedPassesEveryCheck() {
        VerifyReport report = new VerifyReport(off(PropagationMatrix.expected(Encapsulation.OFF)), on(HOST));
        JsonNode doc = render(report);

        assertThat(doc.propertyNames()).startsWith(SchemaVersion.FIELD, "kind");
        assertThat(doc.get(SchemaVersion.FIELD).asInt()).isEqualTo(SchemaVersion.CURRENT);
        assertThat(doc.get("kind").asString()).isEqualTo("labVerification");
        assertThat(doc.get("passed").asBoolean()).isTrue();
        assertThat(doc.get("unprivilegedProtected").asBoolean()).isTrue();
        assertThat(doc.get("failures")).isEmpty();
        JsonNode checks = doc.get("checks");
        // per arm: namespaces, mounts, the unprivileged view and 3 mounts x 7 contexts of propagation
        assertThat(checks).hasSize(2 * (3 + 21));
        assertThat(checks.valueStream().allMatch(c -> c.get("passed").asBoolean())).isTrue();
        assertThat(checks.get(0).get("arm").asString()).isEqualTo("off");
        assertThat(checks.get(0).get("name").asString()).isEqualTo("namespaces");
        assertThat(checks.get(0).get("detail").asString()).startsWith("namespaces are shared: ");
        assertThat(checks.get(24).get("arm").asString()).isEqualTo("on");
        assertThat(checks.get(24).get("detail").asString()).isEqualTo("namespaces are encapsulated: systemd " + HOST
                + ", kubelet " + KUBENS + ", runtime " + KUBENS);
        assertThat(checks.get(25).get("detail").asString()).isEqualTo("mount counts match the plan, 50 pods x 15 mounts:"
                + " systemd 47 -> 47 (expected +0), kubelet 46 -> 796 (expected +750)");
        assertThat(checks.get(26).get("detail").asString())
                .isEqualTo("an unprivileged user sees 0 of 50 secret/projected volume mounts (expected 0)");
        JsonNode on = doc.at("/arms/1");
        assertThat(on.get("arm").asString()).isEqualTo("on");
        assertThat(on.at("/namespaces/state").asString()).isEqualTo("ENCAPSULATED");
        assertThat(on.at("/namespaces/kubelet").asString()).isEqualTo(KUBENS);
        assertThat(on.at("/mounts/systemd/delta").asLong()).isZero();
        assertThat(on.at("/mounts/kubelet/delta").asLong()).isEqualTo(750);
        assertThat(on.at("/mounts/kubelet/expectedDelta").asLong()).isEqualTo(750);
        assertThat(on.at("/unprivileged/visible").asInt()).isZero();
        assertThat(doc.at("/arms/0/unprivileged/visible").asInt()).isEqualTo(50);
        assertThat(on.get("propagation")).hasSize(21);
    }

    @Test
    void eachFailureIsACheckThatFailedWithTheTextsWords() {
        // off: a container mount leaked to systemd's view; on: the reader ran outside systemd's namespace
        PropagationMatrix leaked = new PropagationMatrix(Map.of("/run/a", Set.of(PropagationMatrix.SYSTEMD,
                PropagationMatrix.HOST, PropagationMatrix.KUBELET, PropagationMatrix.RUNTIME, PropagationMatrix.C1,
                PropagationMatrix.C2), "/run/b", Set.of(PropagationMatrix.C2, PropagationMatrix.SYSTEMD), "/run/c",
                Set.of(PropagationMatrix.C3)));
        VerifyReport report = new VerifyReport(off(leaked), on(KUBENS));
        JsonNode doc = render(report);

        assertThat(doc.get("passed").asBoolean()).isFalse();
        assertThat(doc.get("failures").valueStream().map(JsonNode::asString)).containsExactlyElementsOf(report.failures());
        List<String> failed = doc.get("checks").valueStream().filter(c -> !c.get("passed").asBoolean())
                .map(c -> c.get("arm").asString() + ": " + c.get("name").asString() + ": " + c.get("detail").asString())
                .toList();
        assertThat(failed).containsExactly(
                "off: propagation /run/b to systemd: /run/b is seen by systemd",
                "on: unprivileged view: the reader ran in " + KUBENS + ", not in systemd's " + HOST);
        assertThat(report.failures()).containsExactly("off: /run/b is seen by systemd",
                "on: the reader ran in " + KUBENS + ", not in systemd's " + HOST);
        assertThat(doc.get("unprivilegedProtected").asBoolean()).isFalse();
    }

    private static JsonNode render(VerifyReport report) {
        StringWriter text = new StringWriter();
        new VerifyJson(new PrintWriter(text)).print(report);
        return JsonMapper.builder().build().readTree(text.toString());
    }

    private static ArmFindings off(PropagationMatrix propagation) {
        return new ArmFindings(Encapsulation.OFF, new NamespaceIdentities(HOST, HOST, HOST),
                new MountVisibility(50, 15, 47, 797, 47, 797),
                new UnprivilegedView(List.of(65534L, 65534L, 65534L, 65534L), "0000000000000000", HOST, HOST, 797, 50, 50),
                propagation);
    }

    private static ArmFindings on(String readerNs) {
        return new ArmFindings(Encapsulation.ON, new NamespaceIdentities(HOST, KUBENS, KUBENS),
                new MountVisibility(50, 15, 47, 47, 46, 796),
                new UnprivilegedView(List.of(65534L, 65534L, 65534L, 65534L), "0000000000000000", readerNs, HOST, 47, 50, 0),
                PropagationMatrix.expected(Encapsulation.ON));
    }
}
