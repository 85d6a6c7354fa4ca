package io.kubensbench.bench.cli;

import io.kubensbench.analysis.compare.ArmStats;
import io.kubensbench.analysis.compare.BlockedResult;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.CostModel;
import io.kubensbench.analysis.compare.NodeResult;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.Verdict;
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
        out.printf(Locale.ROOT, "%-14s %-7s %3s %20s %9s %24s %10s  %s%n", "level", "arm", "n", "systemd CPU [95% CI]",
                "sd", "reduction [95% CI]", "p", "verdict");
        for (CellResult c : s.cells()) {
            BlockedResult b = c.blocked();
            arm(c.level(), c.baseline(), "", "", "");
            arm("", c.candidate(), b == null
                    ? pct(c.reduction()) + " [" + pct(c.reductionCiLow()) + ", " + pct(c.reductionCiHigh()) + "]"
                    : pct(b.reduction()) + " [" + pct(b.reductionCiLow()) + ", " + pct(b.reductionCiHigh()) + "]",
                    p(b == null ? c.welch().p() : b.pairedT().p()),
                    c.verdict().label() + (b == null ? "" : " (nodes as blocks)"));
        }
        out.println("systemd CPU in % of one core over the measure window, mean of the valid runs"
                + (s.multiNode() ? " of all nodes; reduction and p with nodes as blocks (node bootstrap, paired t over"
                        + " per-node means) where a level has them" : "; p from Welch's t over runs"));
        for (CellResult c : s.cells()) {
            out.printf(Locale.ROOT, "%s: %s%n", c.level(), c.restsOn());
            out.printf(Locale.ROOT, "  difference %s [%s, %s] of a core; Hedges' g %.2f, Cliff's delta %.2f, "
                            + "Mann-Whitney p %s; detectable at this n: %s of a core; runs per arm for a 10%% "
                            + "reduction: %d%n", pct(c.difference()), pct(c.differenceCiLow()), pct(c.differenceCiHigh()),
                    c.hedgesG(), c.cliffsDelta(), p(c.mannWhitney().p()), pct(c.minimalDetectableEffect()),
                    c.repetitionsForTenPercent());
        }
        if (s.multiNode()) {
            nodes(s);
        }
        if (!s.costModels().isEmpty()) {
            out.println();
            out.println("cost model (least squares over the valid runs of all levels)");
            for (CostModel m : s.costModels()) {
                boolean mounts = CostModel.MOUNTS.equals(m.predictor());
                double k = mounts ? 1000 : 100;
                out.printf(Locale.ROOT, "  %-7s %s per %s: %s [%s, %s] of a core (r2 %.2f, n %d)%n", m.arm(),
                        "systemd CPU", mounts ? "1000 mounts" : "100 mount events/s", pct(m.fit().slope() * k),
                        pct(m.fit().slopeCiLow() * k), pct(m.fit().slopeCiHigh() * k), m.fit().r2(), m.fit().n());
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
                out.printf(Locale.ROOT, format, n.node(), c.level(), pct(c.baseline().cores().mean()),
                        pct(c.candidate().cores().mean()), pct(c.reduction()), c.verdict().label());
            }
        }
        out.println();
        out.println("nodes as blocks (per-node means; the verdicts above rest on these)");
        for (CellResult c : s.cells()) {
            out.printf(Locale.ROOT, "%s: %s%n", c.level(), blocked(c.blocked()));
        }
    }

    private static String blocked(BlockedResult b) {
        if (b == null) {
            return "fewer than 2 nodes with valid runs in both arms; the verdict rests on the pooled runs";
        }
        return String.format(Locale.ROOT, "%d nodes, mean per-node difference %s [%s, %s] of a core, paired t p %s%s;"
                        + " pooled reduction %s [%s, %s] (node bootstrap)%s", b.k(), pct(b.difference()),
                pct(b.differenceCi().low()), pct(b.differenceCi().high()), p(b.pairedT().p()),
                Double.isNaN(b.wilcoxon().p()) ? "" : ", Wilcoxon p " + p(b.wilcoxon().p()), pct(b.reduction()), pct(b.reductionCiLow()), pct(b.reductionCiHigh()),
                b.dropped().isEmpty() ? "" : "; dropped for lacking an arm: " + String.join(", ", b.dropped()));
    }

    private void arm(String level, ArmStats a, String reduction, String p, String verdict) {
        String cpu = a.n() == 0 ? "-" : pct(a.cores().mean()) + " [" + pct(a.cores().ciLow()) + ", "
                + pct(a.cores().ciHigh()) + "]";
        out.printf(Locale.ROOT, "%-14s %-7s %3d %20s %9s %24s %10s  %s%n", level, a.arm(), a.n(), cpu,
                a.n() < 2 ? "-" : pct(a.cores().sd()), reduction, p, verdict);
    }

    /** The verdict of a level in one sentence with its numbers: over nodes as blocks when it rests on them. */
    static String verdict(Summary s, CellResult c) {
        String head = c.level() + ": " + c.verdict().label();
        if (c.verdict() == Verdict.INSUFFICIENT_DATA) {
            return head + " (" + c.restsOn() + ")";
        }
        BlockedResult b = c.blocked();
        double reduction = b == null ? c.reduction() : b.reduction();
        String figures = String.format(Locale.ROOT, ": systemd's CPU %s by %s [95%% CI %s, %s]",
                reduction >= 0 ? "fell" : "rose", pct(Math.abs(reduction)),
                pct(b == null ? c.reductionCiLow() : b.reductionCiLow()),
                pct(b == null ? c.reductionCiHigh() : b.reductionCiHigh()));
        if (b != null) {
            figures += String.format(Locale.ROOT, " over %d nodes as blocks (mean per-node difference %s of a core,"
                    + " paired t p %s)", b.k(), pct(b.difference()), p(b.pairedT().p()));
        }
        return head + figures + String.format(Locale.ROOT, ", from %s (%s) to %s (%s) of a core; n = %d and %d valid runs",
                pct(c.baseline().cores().mean()), s.baselineArm(), pct(c.candidate().cores().mean()), s.candidateArm(),
                c.baseline().n(), c.candidate().n());
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf")
                : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    static String p(double v) {
        return Double.isNaN(v) ? "-" : v < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", v);
    }
}
