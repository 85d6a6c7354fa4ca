package io.kubensbench.bench.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** Probe output saved as test resources: one capture of a real run, and edited node stories. */
final class ProbeCaptures {

    private ProbeCaptures() {
    }

    /** The capture's text, as the harness would receive it from the probe's log. */
    static String text(String name) {
        try (InputStream in = Objects.requireNonNull(ProbeCaptures.class.getResourceAsStream("/probe-output/" + name),
                "missing test resource probe-output/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The capture's measurement lines, parsed (start lines skipped). */
    static List<ProbeLine> lines(String name) {
        return text(name).lines().map(ProbeLine::parse).filter(Objects::nonNull).toList();
    }

    /** The capture's last measurement line. */
    static ProbeLine last(String name) {
        List<ProbeLine> lines = lines(name);
        return lines.get(lines.size() - 1);
    }
}
