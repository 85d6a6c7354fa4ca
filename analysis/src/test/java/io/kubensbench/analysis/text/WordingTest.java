package io.kubensbench.analysis.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.BlockedResult;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.Verdict;
import io.kubensbench.analysis.results.RunRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict sentence the terminal, the HTML report and summary.md give per level. */
class WordingTest {

    private static final long WINDOW_NS = 20_000_000_000L;

    private final List<RunRecord> runs = new ArrayList<>();

    /** Valid 20 s runs of the given systemd CPU (cores) on a node. */
    private WordingTest add(String node, String level, String arm, double... cores) {
        for (double c : cores) {
            int index = runs.size();
            runs.add(RunRecord.builder()
                    .index(index)
                    .attempt("a" + index)
                    .repetition(1)
                    .level(level)
                    .pods(Integer.parseInt(level.replaceAll("\\D", "")))
                    .arm(arm)
                    .encapsulation(arm)
                    .node(node)
                    .startedAt("2026-01-01T00:00:00Z")
                    .endedAt("2026-01-01T00:00:25Z")
                    .measureNs(WINDOW_NS)
                    .systemdSchedNs(Math.round(c * WINDOW_NS))
                    .systemdStatTicks(Math.round(c * 2000))
                    .ticksPerSecond(100)
                    .mountEvents(1000)
                    .systemdMounts(1000)
                    .kubeletMounts(1000)
                    .systemdMntNs("mnt:[1]")
                    .kubeletMntNs("mnt:[2]")
                    .runtimeMntNs("mnt:[2]")
                    .samples(20)
                    .valid(true)
                    .build());
        }
        return this;
    }

    private Summary summary() {
        return new Analyzer().analyze("multi", List.of("results/multi"), runs, "off", "on");
    }

    /** Three nodes with different baselines that all save: d = -0.085, -0.100, -0.110 cores. */
    private WordingTest threeNodes(String level) {
        return add("node-a", level, "off", 0.100, 0.110, 0.120).add("node-a", level, "on", 0.020, 0.025, 0.030)
                .add("node-b", level, "off", 0.300, 0.310, 0.320).add("node-b", level, "on", 0.200, 0.210, 0.220)
                .add("node-c", level, "off", 0.500, 0.520, 0.540).add("node-c", level, "on", 0.400, 0.410, 0.420);
    }

    @Test
    void aVerdictOverNodesGivesTheBlockedFiguresNotThePooledRuns() {
        Summary s = threeNodes("pods=100").summary();
        CellResult cell = s.cells().get(0);
        BlockedResult b = cell.blocked();
        assertThat(cell.verdict()).isEqualTo(Verdict.REDUCED);

        String sentence = Wording.verdict(s, cell, null);

        // 1 - (0.025 + 0.210 + 0.410) / (0.110 + 0.310 + 0.520) = 31.4%; mean difference -0.0983
        assertThat(sentence).startsWith("At pods=100, encapsulation reduced systemd's CPU by 31.4% (95% CI ")
                .contains("), with 3 nodes as blocks: mean per-node difference -9.83% of a core (95% CI "
                        + Numbers.coreShare(b.differenceCi().low()) + " to "
                        + Numbers.coreShare(b.differenceCi().high()) + "), paired t p "
                        + Numbers.pIs(b.pairedT().p()) + "; n = 9 off and 9 on runs; systemd unknown.")
                .doesNotContain("Welch", "from ");
        assertThat(Numbers.percent(b.reductionCiLow())).isNotEqualTo(Numbers.percent(cell.reductionCiLow()));
        assertThat(sentence).doesNotContain("(95% CI " + Numbers.percent(cell.reductionCiLow()) + " to "
                + Numbers.percent(cell.reductionCiHigh()) + ")");
    }

    @Test
    void aNodeWithoutBothArmsIsNamedAsLeftOut() {
        Summary s = threeNodes("pods=100").add("node-d", "pods=100", "off", 0.2, 0.2, 0.2).summary();
        String sentence = Wording.verdict(s, s.cells().get(0), null);
        assertThat(sentence).contains("with 3 nodes as blocks")
                .contains("; left out for lacking a valid run in an arm: node-d; n = 12 off and 9 on runs");
    }

    @Test
    void aLevelMeasuredOnOneNodeOfSeveralKeepsTheRunLevelSentence() {
        Summary s = threeNodes("pods=100").add("node-a", "pods=200", "off", 0.30, 0.31, 0.32)
                .add("node-a", "pods=200", "on", 0.02, 0.03, 0.02).summary();
        assertThat(s.multiNode()).isTrue();
        CellResult alone = s.cell("pods=200").orElseThrow();
        assertThat(alone.blocked()).isNull();
        assertThat(Wording.verdict(s, alone, null)).startsWith("At pods=200, encapsulation reduced systemd's CPU by "
                + Wording.reduction(alone) + ", from 31.00% of a core (off) to 2.33% of a core (on); Welch p < 0.0001,"
                + " Holm-adjusted over 2 levels p < 0.0001; n = 3 off and 3 on");
    }
}
