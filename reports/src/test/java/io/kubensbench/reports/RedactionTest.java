package io.kubensbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.results.Environment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only whole names are replaced, each by the same neutral name everywhere. */
class RedactionTest {

    @Test
    void wholeNamesOnlyAndLongestFirst() {
        Identifiers ids = new Identifiers("myhost", List.of("lab-myhost", "10.0.0.5", "worker-1"), "perf-lab", "b1");
        Map<String, String> aliases = ids.aliases();

        assertThat(aliases.keySet()).first().isEqualTo("lab-myhost");
        assertThat(Redaction.redact("{\"node\":\"10.0.0.5\",\"other\":\"10.0.0.55\",\"n\":\"worker-1\",\"m\":\"worker-12\","
                + "\"host\":\"myhost\",\"lab\":\"lab-myhost\",\"ctx\":\"perf-lab\",\"why\":\"node worker-1 is slow\","
                + "\"t\":\"1h\"}", aliases)).isEqualTo("{\"node\":\"node-2\",\"other\":\"10.0.0.55\",\"n\":\"node-3\","
                + "\"m\":\"worker-12\",\"host\":\"harness-host\",\"lab\":\"node-1\",\"ctx\":\"kube-context\","
                + "\"why\":\"node node-3 is slow\",\"t\":\"1h\"}");
    }

    @Test
    void aRedactedCopyNamesNothing() {
        Identifiers redacted = Identifiers.of(new Environment("t", "cluster",
                Identifiers.HOST, "k", "s", "c", 1, 1, "j", Identifiers.BOOT, "now", null, List.of("node-1", "node-2")),
                List.of(), "target: {cluster: {context: kube-context}}");

        assertThat(redacted.isEmpty()).isTrue();
        assertThat(redacted.sentence()).isEqualTo("This report names no host, node or kube context.");
    }
}
