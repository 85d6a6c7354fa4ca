package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.SchemaVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The lab commands as a user runs them, on a real lab node. */
class LabCommandTest {

    @BeforeEach
    void requireLab() {
        io.kubensbench.bench.lab.LabAssumptions.assumeLab();
    }

    @Test
    void labVerifyPrintsBothTablesAndExits0() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"lab", "verify", "--pods", "10"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("== encapsulation off ==", "== encapsulation on ==",
                "-> not encapsulated", "-> encapsulated", "container 3 (none)",
                "  sees       50 of 50 secret/projected volume mounts", "  sees       0 of 50 secret/projected volume mounts",
                "unprivileged view of secret/projected mounts: off 50 of 50 visible, on 0 of 50 visible -- protected: yes",
                "PASS: the lab node matches the documented behaviour off and on");
        assertThat(out.toString()).doesNotContain("<-- unexpected", "!");
    }

    @Test
    void labVerifyAsJsonIsOneDocumentWithEveryCheckPassed() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"lab", "verify", "--pods", "10", "-o", "json"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        JsonNode doc = JsonMapper.builder().build().readTree(out.toString());
        assertThat(doc.propertyNames()).startsWith(SchemaVersion.FIELD, "kind");
        assertThat(doc.get("kind").asString()).isEqualTo("labVerification");
        assertThat(doc.get("passed").asBoolean()).isTrue();
        assertThat(doc.get("checks").valueStream().filter(c -> !c.get("passed").asBoolean())).isEmpty();
        assertThat(doc.at("/arms/0/unprivileged/visible").asInt()).isEqualTo(50);
        assertThat(doc.at("/arms/1/unprivileged/visible").asInt()).isZero();
        assertThat(doc.at("/arms/1/namespaces/state").asString()).isEqualTo("ENCAPSULATED");
        assertThat(err.toString()).as("progress goes to stderr").isNotEmpty();
    }

    @Test
    void labShellRunsTheCommandInTheKubeletNamespaceOnlyWhenEncapsulated() throws Exception {
        List<String> off = shell(false);
        List<String> on = shell(true);
        assertThat(off).hasSize(2);
        assertThat(off.get(1)).as("kubelet namespace off").isEqualTo(off.get(0));
        assertThat(on).hasSize(2);
        assertThat(on.get(1)).as("kubelet namespace on").isNotEqualTo(on.get(0));
    }

    /** Runs {@code lab shell -- readlink /proc/1/ns/mnt /proc/self/ns/mnt}: systemd's, then ours. */
    private static List<String> shell(boolean encapsulated) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "lab", "shell"));
        if (encapsulated) {
            cmd.add("--encapsulated");
        }
        cmd.addAll(List.of("--", "readlink", "/proc/1/ns/mnt", "/proc/self/ns/mnt"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out.lines().filter(l -> l.startsWith("mnt:[")).toList();
    }
}
