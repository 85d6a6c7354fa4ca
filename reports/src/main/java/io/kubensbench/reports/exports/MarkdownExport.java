package io.kubensbench.reports.exports;

import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.Check;
import io.kubensbench.analysis.compare.Comparison;
import io.kubensbench.analysis.compare.Summary;
import java.util.Locale;
import java.util.Optional;

/**
 * A Markdown summary for a CI job's summary page: the gate's verdict first, then the
 * reduction per level in the baseline and now, then every check.
 */
public final class MarkdownExport implements ComparisonExport {

    @Override
    public String render(Comparison comparison, Summary baseline, Summary current) {
        StringBuilder m = new StringBuilder();
        int code = comparison.exitCode();
        m.append("## kubens-bench: ").append(Comparison.title(code)).append(code == 0 ? "" : " (exit " + code + ")")
                .append("\n\n");
        m.append(cell(comparison.verdictLine())).append("\n\n");
        m.append("| level | baseline reduction | current reduction | current ").append(cell(current.baselineArm()))
                .append(" | current ").append(cell(current.candidateArm())).append(" | verdict |\n");
        m.append("|---|---|---|---|---|---|\n");
        for (CellResult c : current.cells()) {
            Optional<CellResult> b = baseline.cell(c.level());
            m.append("| ").append(cell(c.level())).append(" | ")
                    .append(b.map(MarkdownExport::reduction).orElse("-")).append(" | ")
                    .append(reduction(c)).append(" | ")
                    .append(cores(c.baseline().cores().mean())).append(" | ")
                    .append(cores(c.candidate().cores().mean())).append(" | ")
                    .append(c.verdict().label()).append(" |\n");
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
                .append(fmt(comparison.maxRegressionPoints())).append(" points.\n");
        return m.toString();
    }

    private static String reduction(CellResult c) {
        if (Double.isNaN(c.reduction())) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", 100 * c.reduction(), 100 * c.reductionCiLow(),
                100 * c.reductionCiHigh());
    }

    private static String cores(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%% of a core", 100 * v);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Text safe inside a Markdown table cell: no pipes, no line breaks, no HTML. */
    static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r", " ").replace("\n", " ");
    }
}
