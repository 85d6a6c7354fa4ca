package io.kubensbench.bench.cli;

import io.kubensbench.analysis.compare.ArmStats;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.CostModel;
import io.kubensbench.analysis.compare.Summary;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Prints an analysis for a terminal: per level the arms, the reduction, the verdict and its basis. */
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
        out.println();
        out.printf(Locale.ROOT, "%-14s %-7s %3s %20s %9s %24s %10s  %s%n", "level", "arm", "n", "systemd CPU [95% CI]",
                "sd", "reduction [95% CI]", "Welch p", "verdict");
        for (CellResult c : s.cells()) {
            arm(c.level(), c.baseline(), "", "", "");
            arm("", c.candidate(), pct(c.reduction()) + " [" + pct(c.reductionCiLow()) + ", " + pct(c.reductionCiHigh())
                    + "]", p(c.welch().p()), c.verdict().label());
        }
        out.println("systemd CPU in % of one core over the measure window, mean of the valid runs");
        for (CellResult c : s.cells()) {
            out.printf(Locale.ROOT, "%s: %s%n", c.level(), c.restsOn());
            out.printf(Locale.ROOT, "  difference %s [%s, %s] of a core; Hedges' g %.2f, Cliff's delta %.2f, "
                            + "Mann-Whitney p %s; detectable at this n: %s of a core; runs per arm for a 10%% "
                            + "reduction: %d%n", pct(c.difference()), pct(c.differenceCiLow()), pct(c.differenceCiHigh()),
                    c.hedgesG(), c.cliffsDelta(), p(c.mannWhitney().p()), pct(c.minimalDetectableEffect()),
                    c.repetitionsForTenPercent());
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

    private void arm(String level, ArmStats a, String reduction, String p, String verdict) {
        String cpu = a.n() == 0 ? "-" : pct(a.cores().mean()) + " [" + pct(a.cores().ciLow()) + ", "
                + pct(a.cores().ciHigh()) + "]";
        out.printf(Locale.ROOT, "%-14s %-7s %3d %20s %9s %24s %10s  %s%n", level, a.arm(), a.n(), cpu,
                a.n() < 2 ? "-" : pct(a.cores().sd()), reduction, p, verdict);
    }

    /** The verdict of a level in one sentence with its numbers. */
    static String verdict(Summary s, CellResult c) {
        String head = c.level() + ": " + c.verdict().label();
        if (c.verdict() == io.kubensbench.analysis.compare.Verdict.INSUFFICIENT_DATA) {
            return head + " (" + c.restsOn() + ")";
        }
        return head + String.format(Locale.ROOT, ": systemd's CPU %s by %s [95%% CI %s, %s], from %s (%s) to %s (%s) "
                        + "of a core; n = %d and %d valid runs", c.reduction() >= 0 ? "fell" : "rose",
                pct(Math.abs(c.reduction())), pct(c.reductionCiLow()), pct(c.reductionCiHigh()),
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
