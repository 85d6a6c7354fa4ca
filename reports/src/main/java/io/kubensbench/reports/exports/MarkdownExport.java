package io.kubensbench.reports.exports;

import io.kubensbench.analysis.compare.BlockedResult;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.Check;
import io.kubensbench.analysis.compare.Comparison;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.text.Numbers;
import io.kubensbench.analysis.text.Wording;
import io.kubensbench.reports.ResultsDirText;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Markdown summary for a CI job's summary page: the gate's verdict first, then the
 * reduction per level in the baseline and now with the change the gate judged, then every
 * check. When a campaign measured
 * several nodes its levels show the figures with nodes as blocks, the ones the gate judged.
 */
public final class MarkdownExport implements ComparisonExport {

    @Override
    public String render(Comparison comparison, Summary baseline, Summary current) {
        StringBuilder m = new StringBuilder();
        int code = comparison.exitCode();
        m.append("## kubens-bench: ").append(Comparison.heading(code)).append("\n\n");
        m.append(cell(comparison.verdictLine())).append("\n\n");
        for (Summary side : List.of(baseline, current)) {
            if (!side.unreadable().isEmpty()) {
                m.append(side == baseline ? "Baseline" : "Current").append(" results damaged: ")
                        .append(cell(ResultsDirText.skipped(side.unreadable()))).append(".\n\n");
            }
        }
        if (baseline.multiNode() || current.multiNode()) {
            blockedLevels(m, comparison, baseline, current);
        } else {
            levels(m, comparison, baseline, current);
        }
        m.append("\n| level | check | result | detail |\n|---|---|---|---|\n");
        for (Check c : comparison.checks()) {
            int code1 = comparison.exitCodeOf(c);
            m.append("| ").append(cell(c.level())).append(" | ").append(cell(c.metric())).append(" | ")
                    .append(code1 == 0 ? "pass" : Comparison.title(code1).toLowerCase(Locale.ROOT)).append(" | ")
                    .append(cell(c.message())).append(" |\n");
        }
        m.append("\nBaseline: ").append(cell(String.join(", ", baseline.sources()))).append("; current: ")
                .append(cell(String.join(", ", current.sources()))).append("; maximum regression ")
                .append(Numbers.plain(comparison.maxRegressionPoints())).append(" points.\n");
        return m.toString();
    }

    private static void levels(StringBuilder m, Comparison comparison, Summary baseline, Summary current) {
        m.append("| level | baseline reduction | current reduction | change ").append(confidence())
                .append(" | current ").append(cell(current.baselineArm()))
                .append(" | current ").append(cell(current.candidateArm())).append(" | verdict |\n");
        m.append("|---|---|---|---|---|---|---|\n");
        for (CellResult c : current.cells()) {
            Optional<CellResult> b = baseline.cell(c.level());
            m.append("| ").append(cell(c.level())).append(" | ")
                    .append(b.map(MarkdownExport::reduction).orElse("-")).append(" | ")
                    .append(reduction(c)).append(" | ")
                    .append(change(comparison, c)).append(" | ")
                    .append(Wording.armMean(c.baseline())).append(" | ")
                    .append(Wording.armMean(c.candidate())).append(" | ")
                    .append(Wording.label(c)).append(" |\n");
        }
    }

    /**
     * The levels when either campaign measured several nodes: per summary the figures the gate
     * judged, with nodes as blocks where the level has them (pooled reduction over nodes and
     * mean per-node difference), over the runs otherwise; never the pooled runs' figures beside
     * a verdict that rests on the blocks.
     */
    private static void blockedLevels(StringBuilder m, Comparison comparison, Summary baseline, Summary current) {
        String arms = cell(current.candidateArm()) + " - " + cell(current.baselineArm());
        m.append("| level | baseline reduction | current reduction | change ").append(confidence())
                .append(" | baseline difference ").append(arms)
                .append(" | current difference ").append(arms).append(" | current p | verdict |\n");
        m.append("|---|---|---|---|---|---|---|---|\n");
        for (CellResult c : current.cells()) {
            Optional<CellResult> b = baseline.cell(c.level());
            m.append("| ").append(cell(c.level())).append(" | ")
                    .append(b.map(MarkdownExport::effectiveReduction).orElse("-")).append(" | ")
                    .append(effectiveReduction(c)).append(" | ")
                    .append(change(comparison, c)).append(" | ")
                    .append(b.map(MarkdownExport::difference).orElse("-")).append(" | ")
                    .append(difference(c)).append(" | ")
                    .append(Wording.test(c)).append(" | ")
                    .append(Wording.label(c)).append(" |\n");
        }
        m.append("\nWith nodes as blocks (k nodes): the reduction is pooled over the nodes with Fieller's interval"
                + " over the nodes' arm means, the difference is the mean per-node difference with its t interval, p is"
                + " the paired t-test over per-node means (Holm-adjusted over the campaign's levels beside it)."
                + " Elsewhere the figures are over runs, with Welch's test.\n");
    }

    /** The change of the reduction the gate judged, in points with its interval; "-" when it judged none. */
    private static String change(Comparison comparison, CellResult c) {
        return comparison.reductionChange(c.level()).map(Comparison::pointsBracketed).orElse("-");
    }

    private static String confidence() {
        return "[" + Math.round(100 * Comparison.CONFIDENCE) + "% CI]";
    }

    /** The reduction the level's verdict rests on, blocked when it has the blocks. */
    private static String effectiveReduction(CellResult c) {
        BlockedResult b = c.blocked();
        if (b == null) {
            return reduction(c);
        }
        return Double.isNaN(b.reduction()) ? "-" : Wording.reductionBracketed(b) + ", " + b.k() + " nodes";
    }

    /** The difference the level's verdict rests on: mean per-node when blocked, of the run means otherwise. */
    private static String difference(CellResult c) {
        BlockedResult b = c.blocked();
        if (b == null) {
            return Numbers.coresBracketed(c.difference(), c.differenceCi());
        }
        return Double.isNaN(b.difference()) ? "-" : Numbers.coresBracketed(b.difference(), b.differenceCi()) + " per node";
    }

    private static String reduction(CellResult c) {
        return Wording.reductionBracketed(c);
    }

    /** Text safe inside a Markdown table cell: no pipes, no line breaks, no HTML. */
    static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r", " ").replace("\n", " ");
    }
}
