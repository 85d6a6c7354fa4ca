package io.kubensbench.reports.exports;

import io.kubensbench.analysis.agreement.NodeAgreement;
import io.kubensbench.analysis.agreement.PrometheusAgreement;
import io.kubensbench.analysis.compare.BlockedResult;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.CostModel;
import io.kubensbench.analysis.compare.NodeResult;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.text.AgreementWording;
import io.kubensbench.analysis.text.LoadModelText;
import io.kubensbench.analysis.text.Numbers;
import io.kubensbench.analysis.text.SystemdVersion;
import io.kubensbench.analysis.text.Wording;
import io.kubensbench.reports.Identifiers;
import io.kubensbench.reports.LoadModelTables;
import io.kubensbench.reports.ReportData;
import io.kubensbench.reports.ResultsDirText;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.md}: the verdict per level, the table and the cost model, for a README or an
 * issue; for a campaign over several nodes the table gives the figures with nodes as blocks,
 * which the verdicts then rest on, and each node on its own follows; a campaign compared with
 * Prometheus gets the two figures per node and arm; one with a load model, the model per
 * encapsulation state and the levels beside it.
 */
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
            m.append("- ").append(MarkdownExport.cell(Wording.verdict(s, cell, data.environment())
                    + Wording.caveat(s, cell).map(caveat -> " " + caveat).orElse(""))).append('\n');
        }
        if (s.observed()) {
            m.append('\n');
            Wording.observation(s.observation()).forEach(line -> m.append("- ").append(MarkdownExport.cell(line))
                    .append('\n'));
            m.append("\nPer node and arm, over the valid windows:\n\n");
            s.observation().nodes().forEach(n -> m.append("- ").append(MarkdownExport.cell(Wording.observedNode(n)))
                    .append('\n'));
        }
        if (s.multiNode()) {
            blockedTable(s, m, b, c);
            nodes(s, m, b, c);
        } else {
            table(s, m, b, c);
        }
        design(data, m);
        if (!s.costModels().isEmpty()) {
            m.append("\nCost model:\n\n");
            for (CostModel model : s.costModels()) {
                m.append("- ").append(MarkdownExport.cell(Wording.costModel(model))).append('\n');
            }
        }
        if (!s.loadModels().isEmpty()) {
            loadModels(s.loadModels(), m);
        }
        if (s.prometheus() != null) {
            prometheus(s.prometheus(), m);
        }
        m.append("\n").append(s.valid()).append(" of ").append(s.runs()).append(" runs valid");
        if (!s.invalidReasons().isEmpty()) {
            m.append("; excluded:");
            for (Map.Entry<String, Integer> e : s.invalidReasons().entrySet()) {
                m.append(' ').append(e.getValue()).append(" \u00d7 ").append(MarkdownExport.cell(e.getKey())).append(';');
            }
            m.setLength(m.length() - 1);
        }
        m.append(".\n\n");
        if (!s.unreadable().isEmpty()) {
            m.append(MarkdownExport.cell(ResultsDirText.skipped(s.unreadable()))).append(".\n\n");
        }
        m.append(MarkdownExport.cell(SystemdVersion.rateLimit(data.environment()).strip()))
                .append("\n\n").append(MarkdownExport.cell(Identifiers.of(data.environment(), data.runs(),
                        data.campaignYaml()).sentence()))
                .append("\n\nReport: [report/index.html](report/index.html)\n");
        return m.toString();
    }

    /** What the design separates, each level's drift beside its effect, and the rollouts the switches took. */
    private static void design(ReportData data, StringBuilder m) {
        Summary s = data.summary();
        Wording.design(s).ifPresent(line -> m.append('\n').append(MarkdownExport.cell(line)).append('\n'));
        if (s.design() != null && !s.design().drifts().isEmpty()) {
            m.append('\n');
            s.design().drifts().forEach(d -> m.append("- ").append(MarkdownExport.cell(d.level())).append(": ")
                    .append(MarkdownExport.cell(Wording.drift(s, d))).append('\n'));
        }
        if (!data.rollouts().isEmpty()) {
            m.append("\nRollouts:\n\n");
            data.rollouts().forEach(r -> m.append("- ").append(MarkdownExport.cell(Wording.rollout(r))).append('\n'));
        }
    }

    /** The load model per encapsulation state in a sentence, then the levels beside what it gives at their loads. */
    private static void loadModels(List<LoadModel> models, StringBuilder m) {
        m.append("\n## Load model\n\n");
        for (LoadModel model : models) {
            m.append("- ").append(MarkdownExport.cell(model.state())).append(": ")
                    .append(MarkdownExport.cell(LoadModelTables.sentence(model))).append('\n');
        }
        m.append("\n| state | level | mounts | events/s | measured, % of a core ± sd (runs) |"
                + " model, % of a core [95% prediction interval] | model against measured |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (LoadModel model : models) {
            for (LoadModelTables.LevelRow r : LoadModelTables.levels(model)) {
                m.append("| ").append(MarkdownExport.cell(model.state())).append(" | ")
                        .append(MarkdownExport.cell(r.level())).append(" | ").append(r.mounts()).append(" | ")
                        .append(r.events()).append(" | ").append(r.measured()).append(" | ").append(r.model())
                        .append(" | ").append(r.difference()).append(" |\n");
            }
        }
    }

    private static void prometheus(PrometheusAgreement a, StringBuilder m) {
        m.append("\n## Prometheus beside the probe\n\n").append(MarkdownExport.cell(AgreementWording.method(a)))
                .append(".\n\n| node | arm | runs compared | harness | Prometheus | difference | largest single run |"
                        + " beyond tolerance | |\n|---|---|---|---|---|---|---|---|---|\n");
        for (NodeAgreement r : a.rows()) {
            m.append("| ").append(MarkdownExport.cell(r.node())).append(" | ").append(MarkdownExport.cell(r.arm()))
                    .append(" | ").append(r.compared()).append(" of ").append(r.runs()).append(" | ")
                    .append(AgreementWording.harness(r)).append(" | ").append(AgreementWording.prometheus(r))
                    .append(" | ").append(AgreementWording.difference(r)).append(" | ")
                    .append(AgreementWording.largest(r)).append(" | ").append(AgreementWording.beyond(r))
                    .append(" | ").append(r.disagrees() ? "**" + AgreementWording.DISAGREES + "**"
                            : AgreementWording.flag(r)).append(" |\n");
        }
        m.append('\n');
        for (NodeAgreement r : a.rows()) {
            if (!r.missing().isEmpty()) {
                m.append("- ").append(MarkdownExport.cell(r.node() + " " + r.arm() + ": "
                        + AgreementWording.missing(r))).append('\n');
            }
        }
        m.append(MarkdownExport.cell(AgreementWording.sentence(a))).append('\n');
    }

    private static void table(Summary s, StringBuilder m, String b, String c) {
        m.append("\n| level | n ").append(b).append(" | n ").append(c).append(" | ").append(b).append(" mean | ")
                .append(c).append(" mean | reduction (95% CI) | Welch p | Holm p | verdict |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (CellResult cell : s.cells()) {
            m.append("| ").append(MarkdownExport.cell(cell.level())).append(" | ").append(cell.baseline().n())
                    .append(" | ").append(cell.candidate().n()).append(" | ")
                    .append(Wording.armMean(cell.baseline())).append(" | ")
                    .append(Wording.armMean(cell.candidate())).append(" | ")
                    .append(Wording.reduction(cell)).append(" | ")
                    .append(Numbers.p(cell.welch() == null ? Double.NaN : cell.welch().p())).append(" | ")
                    .append(Numbers.p(cell.holmP())).append(" | ")
                    .append(Wording.label(cell)).append(" |\n");
        }
        m.append("\nWelch p: Welch's t-test, which the verdicts rest on; Holm p: the same adjusted over the campaign's ")
                .append("levels, the p a verdict needs below 0.05.\n");
    }

    /**
     * The levels of a campaign over several nodes, each with the figures its verdict rests on:
     * with nodes as blocks where at least 2 nodes have both arms, over the pooled runs otherwise.
     */
    private static void blockedTable(Summary s, StringBuilder m, String b, String c) {
        m.append("\n| level | nodes as blocks | n ").append(b).append(" | n ").append(c)
                .append(" | reduction (95% CI) | difference ").append(c).append(" - ").append(b)
                .append(" (95% CI) | test p | verdict |\n|---|---|---|---|---|---|---|---|\n");
        for (CellResult cell : s.cells()) {
            BlockedResult k = cell.blocked();
            m.append("| ").append(MarkdownExport.cell(cell.level())).append(" | ")
                    .append(k == null ? "-" : Integer.toString(k.k())).append(" | ").append(cell.baseline().n())
                    .append(" | ").append(cell.candidate().n()).append(" | ");
            if (k == null) {
                m.append(Wording.reduction(cell)).append(" | ")
                        .append(Numbers.coresWithCi(cell.difference(), cell.differenceCi()))
                        .append(" | ").append(Wording.test(cell))
                        .append(" | ").append(Wording.label(cell)).append(" (pooled runs) |\n");
            } else {
                m.append(Wording.reduction(k)).append(" | ")
                        .append(Numbers.coresWithCi(k.difference(), k.differenceCi()))
                        .append(" per node | ").append(Wording.test(cell)).append(" | ")
                        .append(Wording.label(cell)).append(" |\n");
            }
        }
    }

    private static void nodes(Summary s, StringBuilder m, String b, String c) {
        m.append("\n## Per node\n\nEach node analysed on its own:\n\n| node | level | n ").append(b).append(" | n ")
                .append(c).append(" | ").append(b).append(" mean | ").append(c)
                .append(" mean | reduction (95% CI) | verdict |\n|---|---|---|---|---|---|---|---|\n");
        for (NodeResult node : s.nodes()) {
            for (CellResult cell : node.cells()) {
                m.append("| ").append(MarkdownExport.cell(String.valueOf(node.node()))).append(" | ")
                        .append(MarkdownExport.cell(cell.level())).append(" | ").append(cell.baseline().n())
                        .append(" | ").append(cell.candidate().n()).append(" | ")
                        .append(Wording.armMean(cell.baseline())).append(" | ")
                        .append(Wording.armMean(cell.candidate())).append(" | ")
                        .append(Wording.reduction(cell)).append(" | ").append(Wording.label(cell)).append(" |\n");
            }
        }
        m.append("\nWith nodes as blocks (each node its own baseline; statistics over the per-node means):\n\n");
        for (CellResult cell : s.cells()) {
            m.append("- ").append(MarkdownExport.cell(cell.level())).append(": ")
                    .append(MarkdownExport.cell(Wording.blocked(cell.blocked()))).append('\n');
        }
    }
}
