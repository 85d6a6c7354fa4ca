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
 * A campaign on one node reads exactly as the files under {@code single-node/} say, so a change
 * of any figure or wording a script or a reader relies on is made on purpose, here. They were
 * first written before campaigns could span several nodes; since then the HTML's setup gained
 * a row saying what the results directory is, and the statistics their present form: Fieller's
 * interval of the reduction, Holm's p over the levels, the exact rank test's floor, the exact
 * Hedges' g and the t-based detectable effect. Only the HTML's charts (their SVG depends on the
 * machine's fonts) and its generation time are left out of the comparison. {@code cells.csv}
 * keeps its columns in their first order, later ones appended.
 * The gate's {@code compare.md} and {@code junit.xml} were rewritten when its rules changed: the
 * change of the reduction with an interval over both campaigns in place of the variance check,
 * and the candidate arm's limit in points of the baseline arm. Since the JDK's XML writer writes
 * {@code junit.xml}, an apostrophe in its text stays an apostrophe. The cost model's line in
 * {@code summary.md} and the HTML gives its HC3 interval, robust to unequal spread.
 * The HTML and {@code summary.md} carry a sentence naming the host, node and context names in them.
 * {@code summary.md} says, per encapsulation state, why its two levels give no load model.
 */
class SingleNodeOutputTest {

    private static final Pattern SVG = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL);
    private static final Pattern GENERATED = Pattern.compile("Generated \\S+ from");
    /** The columns of the first cells.csv, then those added for several nodes: where scripts find them. */
    private static final String FIRST_COLUMNS = "level,pods,baseline_arm,baseline_n,baseline_excluded,"
            + "baseline_mean_cores,baseline_median_cores,baseline_sd,candidate_arm,candidate_n,candidate_excluded,"
            + "candidate_mean_cores,candidate_median_cores,candidate_sd,difference,difference_ci_low,difference_ci_high,"
            + "reduction,reduction_ci_low,reduction_ci_high,welch_p,mann_whitney_p,hedges_g,cliffs_delta,"
            + "minimal_detectable_effect,mean_systemd_mounts_baseline,mean_systemd_mounts_candidate,"
            + "mean_mount_events_per_s,verdict";
    private static final String BLOCKED_COLUMNS = "blocked_nodes,blocked_difference,blocked_difference_ci_low,"
            + "blocked_difference_ci_high,blocked_paired_t_p,blocked_wilcoxon_p,blocked_reduction,"
            + "blocked_reduction_ci_low,blocked_reduction_ci_high";

    @TempDir
    Path tmp;

    @Test
    void everyFileIsByteForByteTheExpectedOne() throws Exception {
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
    void cellsCsvKeepsItsColumnsInOrderAndLeavesTheBlockedOnesEmpty() throws Exception {
        Path dir = tmp.resolve("cells");
        Summary summary = SyntheticResults.write(dir, "single", "vm", 4, new int[] {50, 200});
        new ReportWriter().write(dir, summary);

        String now = Files.readString(dir.resolve("cells.csv"));
        assertThat(now).isEqualTo(expected("cells.csv"));
        String[] lines = now.split("\r\n");
        assertThat(lines[0]).startsWith(FIRST_COLUMNS + "," + BLOCKED_COLUMNS + ",");
        int first = FIRST_COLUMNS.split(",").length;
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            for (int k = first; k < first + BLOCKED_COLUMNS.split(",").length; k++) {
                assertThat(fields[k]).as("column %d of row %d", k, i).isEmpty();
            }
        }
    }

    private static String expected(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(
                SingleNodeOutputTest.class.getResourceAsStream("single-node/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
