package io.kubensbench.bench.cli;

import io.kubensbench.analysis.compare.ArmStats;
import io.kubensbench.analysis.compare.BlockedResult;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.CostModel;
import io.kubensbench.analysis.compare.NodeResult;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.text.Numbers;
import io.kubensbench.analysis.text.Wording;
import io.kubensbench.reports.ResultsDirText;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Prints an analysis for a terminal: per level the arms, the reduction, the verdict and its
 * basis; for a campaign over several nodes also each node on its own and the comparison with
 * nodes as blocks, on which the verdicts then rest.
 */
final class SummaryTable {

    private final PrintWriter out;

    SummaryTable(PrintWriter out) {
        this.out = out;
    }

    void print(Summary s) {
        out.printf(Locale.ROOT, "campaign %s: %d runs, %d valid%n", s.campaign(), s.runs(), s.valid());
        for (Map.Entry<String, Integer> e : s.invalidReasons().entrySet()) {
            out.printf(Locale.ROOT, "  excluded %d: %s%n", e.getValue(), e.getKey());
        }
        if (!s.unreadable().isEmpty()) {
            out.println("  " + ResultsDirText.skippedCount(s.unreadable()) + ":");
            ResultsDirText.skippedLines(s.unreadable()).forEach(line -> out.println("    " + line));
        }
        out.println();
        out.printf(Locale.ROOT, "%-14s %-7s %3s %21s %9s %24s %10s  %s%n", "level", "arm", "n", "systemd CPU [95% CI]",
                "sd", "reduction [95% CI]", "p", "verdict");
        for (CellResult c : s.cells()) {
            BlockedResult b = c.blocked();
            arm(c.level(), c.baseline(), "", "", "");
            arm("", c.candidate(), b == null ? Numbers.percentBracketed(c.reduction(), c.reductionCi())
                            : Numbers.percentBracketed(b.reduction(), b.reductionCi()),
                    Numbers.p(b == null ? c.welch().p() : b.pairedT().p()), Wording.label(c));
        }
        out.println("systemd CPU in % of one core over the measure window, mean of the valid runs"
                + (s.multiNode() ? " of all nodes; reduction and p with nodes as blocks (node bootstrap, paired t over"
                        + " per-node means) where a level has them" : "; p from Welch's t over runs"));
        for (CellResult c : s.cells()) {
            out.printf(Locale.ROOT, "%s: %s%n", c.level(), c.restsOn());
            out.printf(Locale.ROOT, "  difference %s; Hedges' g %s, Cliff's delta %s, Mann-Whitney p %s; detectable at"
                            + " this n: %s; runs per arm for a 10%% reduction: %d%n",
                    Numbers.coresBracketed(c.difference(), c.differenceCi()), Numbers.fixed(c.hedgesG(), 2),
                    Numbers.fixed(c.cliffsDelta(), 2), Numbers.pIs(c.mannWhitney().p()),
                    Numbers.cores(c.minimalDetectableEffect()), c.repetitionsForTenPercent());
        }
        if (s.multiNode()) {
            nodes(s);
        }
        if (!s.costModels().isEmpty()) {
            out.println();
            out.println("cost model (least squares over the valid runs of all levels; 95% intervals robust to unequal spread, HC3)");
            for (CostModel m : s.costModels()) {
                out.println("  " + Wording.costModel(m));
            }
        }
        out.flush();
    }

    private void nodes(Summary s) {
        out.println();
        out.println("per node (each node analysed on its own)");
        String format = "%-20s %-14s %10s %10s %10s  %s%n";
        out.printf(Locale.ROOT, format, "node", "level", s.baselineArm() + " mean", s.candidateArm() + " mean",
                "reduction", "verdict");
        for (NodeResult n : s.nodes()) {
            for (CellResult c : n.cells()) {
                out.printf(Locale.ROOT, format, n.node(), c.level(), Numbers.coreShare(c.baseline().cores().mean()),
                        Numbers.coreShare(c.candidate().cores().mean()), Numbers.percent(c.reduction()),
                        c.verdict().label());
            }
        }
        out.println();
        out.println("nodes as blocks (per-node means; the verdicts above rest on these)");
        for (CellResult c : s.cells()) {
            out.printf(Locale.ROOT, "%s: %s%n", c.level(), Wording.blocked(c.blocked()));
        }
    }

    private void arm(String level, ArmStats a, String reduction, String p, String verdict) {
        String cpu = a.n() == 0 ? "-" : Numbers.coreShareBracketed(a.cores().mean(), a.cores().ci());
        out.printf(Locale.ROOT, "%-14s %-7s %3d %21s %9s %24s %10s  %s%n", level, a.arm(), a.n(), cpu,
                a.n() < 2 ? "-" : Numbers.coreShare(a.cores().sd()), reduction, p, verdict);
    }
}
