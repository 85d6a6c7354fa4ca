package io.kubensbench.reports.exports;

import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.CostModel;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.reports.ReportData;
import io.kubensbench.reports.ReportText;
import java.util.Map;

/** {@code summary.md}: the verdict per level, the table and the cost model, for a README or an issue. */
public final class SummaryMarkdownExport implements SummaryExport {

    @Override
    public String fileName() {
        return "summary.md";
    }

    @Override
    public String render(ReportData data) {
        Summary s = data.summary();
        String b = MarkdownExport.cell(s.baselineArm());
        String c = MarkdownExport.cell(s.candidateArm());
        StringBuilder m = new StringBuilder("# kubens-bench: ").append(MarkdownExport.cell(s.campaign())).append("\n\n");
        for (CellResult cell : s.cells()) {
            m.append("- ").append(MarkdownExport.cell(ReportText.verdict(s, cell, data.environment()))).append('\n');
        }
        m.append("\n| level | n ").append(b).append(" | n ").append(c).append(" | ").append(b).append(" mean | ")
                .append(c).append(" mean | reduction (95% CI) | Welch p | verdict |\n|---|---|---|---|---|---|---|---|\n");
        for (CellResult cell : s.cells()) {
            m.append("| ").append(MarkdownExport.cell(cell.level())).append(" | ").append(cell.baseline().n())
                    .append(" | ").append(cell.candidate().n()).append(" | ")
                    .append(ReportText.cores(cell.baseline().cores().mean())).append(" | ")
                    .append(ReportText.cores(cell.candidate().cores().mean())).append(" | ")
                    .append(ReportText.reduction(cell)).append(" | ")
                    .append(ReportText.p(cell.welch() == null ? Double.NaN : cell.welch().p())).append(" | ")
                    .append(cell.verdict().label()).append(" |\n");
        }
        if (!s.costModels().isEmpty()) {
            m.append("\nCost model:\n\n");
            for (CostModel model : s.costModels()) {
                m.append("- ").append(MarkdownExport.cell(ReportText.costModel(model))).append('\n');
            }
        }
        m.append("\n").append(s.valid()).append(" of ").append(s.runs()).append(" runs valid");
        if (!s.invalidReasons().isEmpty()) {
            m.append("; excluded:");
            for (Map.Entry<String, Integer> e : s.invalidReasons().entrySet()) {
                m.append(' ').append(e.getValue()).append(" \u00d7 ").append(MarkdownExport.cell(e.getKey())).append(';');
            }
            m.setLength(m.length() - 1);
        }
        m.append(".\n\n").append(MarkdownExport.cell(ReportText.rateLimit(data.environment()).strip()))
                .append("\n\nReport: [report/index.html](report/index.html)\n");
        return m.toString();
    }
}
