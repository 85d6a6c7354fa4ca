package io.kubensbench.reports.exports;

import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.NodeResult;
import io.kubensbench.reports.ReportData;

/**
 * {@code nodes.csv}: for a campaign over several nodes, one row per node and level, each node
 * analysed on its own (cores). The blocked comparison rests on these per-node means, so a
 * reader can redo it, or find the node that disagrees, in a spreadsheet.
 */
public final class NodesCsvExport implements SummaryExport {

    @Override
    public String fileName() {
        return "nodes.csv";
    }

    /** Only a campaign whose valid runs span several nodes has per-node results. */
    @Override
    public boolean appliesTo(ReportData data) {
        return data.summary().multiNode();
    }

    @Override
    public String render(ReportData data) {
        StringBuilder b = new StringBuilder(Csv.row("node", "level", "pods", "baseline_arm", "baseline_n",
                "baseline_mean_cores", "candidate_arm", "candidate_n", "candidate_mean_cores", "difference", "reduction",
                "verdict"));
        for (NodeResult node : data.summary().nodes()) {
            for (CellResult c : node.cells()) {
                b.append(Csv.row(node.node(), c.level(), c.pods(), c.baseline().arm(), c.baseline().n(),
                        c.baseline().cores().mean(), c.candidate().arm(), c.candidate().n(), c.candidate().cores().mean(),
                        c.difference(), c.reduction(), c.verdict().label()));
            }
        }
        return b.toString();
    }
}
