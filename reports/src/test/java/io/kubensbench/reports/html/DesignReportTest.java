package io.kubensbench.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.Design;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RolloutRecord;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.text.Wording;
import io.kubensbench.reports.SyntheticResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;

/**
 * What the report and summary.md say about a campaign's design: an aba campaign's drift beside
 * each level's figures and its rollouts as a list; a blocked campaign's caveat next to each
 * verdict.
 */
class DesignReportTest {

    @TempDir
    Path tmp;

    /** The synthetic runs, with the baseline's first two repetitions before the candidate and the rest after. */
    private static List<RunRecord> abaSegments(Path dir) throws Exception {
        ObjectMapper json = ResultsDir.mapper();
        List<RunRecord> runs = new ResultsDir(dir).runs().stream().map(r -> r.toBuilder()
                .segment(r.arm().equals("on") ? 1 : r.repetition() <= 2 ? 0 : 2).build()).toList();
        StringBuilder lines = new StringBuilder();
        for (RunRecord r : runs) {
            lines.append(json.writeValueAsString(r)).append('\n');
        }
        Files.writeString(dir.resolve(ResultsDir.RUNS), lines);
        return runs;
    }

    @Test
    void anAbaReportShowsEachLevelsDriftTheDesignAndTheRollouts() throws Exception {
        Path dir = tmp.resolve("aba");
        SyntheticResults.write(dir, "aba", "worker-a", 4, new int[] {100, 200});
        List<RunRecord> runs = abaSegments(dir);
        ResultsStore store = ResultsStore.resume(dir);
        RolloutRecord on = new RolloutRecord(4, "off", "on", "2026-01-01T01:00:00Z", "2026-01-01T01:31:12Z",
                1_872_000_000_000L, List.of("99-kubens-worker"), List.of(new RolloutRecord.Pool("worker", 3)), 3,
                RolloutRecord.OK, null);
        store.appendRollout(on);
        Summary summary = new Analyzer().analyze("aba", List.of(dir.toString()), runs, "off", "on", List.of(),
                Design.ABA);

        String html = Files.readString(new ReportWriter().write(dir, summary)).replace("&#39;", "'")
                .replace("&gt;", ">").replace("&#x3D;", "=");
        String md = Files.readString(dir.resolve("summary.md"));

        String drift = Wording.drift(summary, summary.design().drift("pods=100").orElseThrow());
        assertThat(drift).startsWith("off drifted ").contains("(95% CI ", "2 runs before on and 2 after");
        assertThat(html).contains("<section id=\"design\">", Wording.design(summary).orElseThrow(), drift,
                "rollout off to on before run #4: 31m12s, pool worker 3 (3 nodes; 99-kubens-worker)",
                "href=\"../rollouts.jsonl\"");
        assertThat(md).contains(Wording.design(summary).orElseThrow(), "- pods=100: " + drift,
                "- rollout off to on before run #4: 31m12s, pool worker 3 (3 nodes; 99-kubens-worker)");
    }

    @Test
    void aRedactedCopyKeepsTheRolloutsWithoutTheNodeNamesTheyCarry() throws Exception {
        Path dir = tmp.resolve("failed");
        SyntheticResults.write(dir, "failed", "worker-a", 3, new int[] {100});
        ResultsStore.resume(dir).appendRollout(new RolloutRecord(3, "off", "on", "t0", "t1", 60_000_000_000L,
                List.of("99-kubens-worker"), List.of(new RolloutRecord.Pool("worker", 3)), 3, RolloutRecord.FAILED,
                "MachineConfigPool worker is degraded: Node worker-a is reporting: unexpected on-disk state"));

        Path copy = io.kubensbench.reports.Redaction.copy(dir);

        List<RolloutRecord> kept = new ResultsDir(copy).rollouts();
        assertThat(kept).singleElement().satisfies(r -> {
            assertThat(r.detail()).doesNotContain("worker-a").contains("Node node-1 is reporting");
            assertThat(r.pools()).containsExactly(new RolloutRecord.Pool("worker", 3));
        });
    }

    @Test
    void aBlockedReportPutsTheCaveatNextToEveryVerdict() throws Exception {
        Path dir = tmp.resolve("blocked");
        SyntheticResults.write(dir, "blocked", "worker-a", 3, new int[] {100});
        Summary summary = new Analyzer().analyze("blocked", List.of(dir.toString()), new ResultsDir(dir).runs(), "off",
                "on", List.of(), Design.BLOCKED);

        String html = Files.readString(new ReportWriter().write(dir, summary)).replace("&#39;", "'");

        String caveat = Wording.caveat(summary, summary.cells().get(0)).orElseThrow();
        assertThat(html).contains("<p class=\"caveat\">" + caveat + "</p>");
        assertThat(html).doesNotContain("<h3>Rollouts</h3>");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains(caveat);
    }

    @Test
    void aReportWithoutADesignHasNoDesignSection() throws Exception {
        Path dir = tmp.resolve("plain");
        Summary summary = SyntheticResults.write(dir, "plain", "vm", 3, new int[] {100});

        assertThat(Files.readString(new ReportWriter().write(dir, summary))).doesNotContain("id=\"design\"",
                "class=\"caveat\"");
    }
}
