package io.kubensbench.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.Comparison;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.reports.exports.JunitXmlExport;
import io.kubensbench.reports.exports.MarkdownExport;
import io.kubensbench.reports.html.ReportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign on one node reads exactly as it did before campaigns could span several nodes:
 * the files under {@code single-node/} were written by the reports of that time from the same
 * synthetic results, and scripts and readers that rely on them must not notice a change.
 * Only the HTML's charts (their SVG depends on the machine's fonts) and its generation time
 * are left out of the comparison; {@code cells.csv} gained empty columns at its end, the
 * HTML's setup a row saying what the results directory is (its schema version, its target's traits),
 * and the HTML and {@code summary.md} a sentence naming the host, node and context names they carry.
 */
class SingleNodeOutputTest {

    private static final Pattern SVG = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL);
    private static final Pattern GENERATED = Pattern.compile("Generated \\S+ from");
    private static final String BLOCKED_COLUMNS = "blocked_nodes,blocked_difference,blocked_difference_ci_low,"
            + "blocked_difference_ci_high,blocked_paired_t_p,blocked_wilcoxon_p,blocked_reduction,"
            + "blocked_reduction_ci_low,blocked_reduction_ci_high";

    @TempDir
    Path tmp;

    @Test
    void everyFileIsByteForByteWhatItWasBeforeSeveralNodes() throws Exception {
        Path dir = tmp.resolve("single");
        Summary summary = SyntheticResults.write(dir, "single", "vm", 4, new int[] {50, 200});
        assertThat(summary.multiNode()).isFalse();
        Path index = new ReportWriter().write(dir, summary);

        assertThat(Files.readString(dir.resolve("summary.md"))).isEqualTo(expected("summary.md"));
        assertThat(Files.readString(dir.resolve("runs.csv"))).isEqualTo(expected("runs.csv"));
        String html = GENERATED.matcher(SVG.matcher(Files.readString(index)).replaceAll("<svg/>"))
                .replaceAll("Generated GENERATED from");
        assertThat(html).isEqualTo(expected("index.html"));
        assertThat(dir.resolve("nodes.csv")).doesNotExist();

        Comparison comparison = Comparison.of(summary, summary, 10);
        assertThat(new MarkdownExport().render(comparison, summary, summary).replace(dir.toString(), "RESULTS"))
                .isEqualTo(expected("compare.md"));
        assertThat(new JunitXmlExport().render(comparison, summary, summary).replace(dir.toString(), "RESULTS"))
                .isEqualTo(expected("junit.xml"));
    }

    @Test
    void cellsCsvKeepsEveryColumnAndLeavesTheBlockedOnesEmpty() throws Exception {
        Path dir = tmp.resolve("cells");
        Summary summary = SyntheticResults.write(dir, "single", "vm", 4, new int[] {50, 200});
        new ReportWriter().write(dir, summary);

        String[] before = expected("cells.csv").split("\r\n");
        String[] now = Files.readString(dir.resolve("cells.csv")).split("\r\n");
        assertThat(now).hasSameSizeAs(before);
        assertThat(now[0]).isEqualTo(before[0] + "," + BLOCKED_COLUMNS);
        for (int i = 1; i < before.length; i++) {
            assertThat(now[i]).isEqualTo(before[i] + ",".repeat(BLOCKED_COLUMNS.split(",").length));
        }
    }

    private static String expected(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(
                SingleNodeOutputTest.class.getResourceAsStream("single-node/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
