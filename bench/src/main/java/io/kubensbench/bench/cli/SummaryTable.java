package io.kubensbench.bench.cli;

import io.kubensbench.analysis.agreement.NodeAgreement;
import io.kubensbench.analysis.agreement.PrometheusAgreement;
import io.kubensbench.analysis.compare.ArmStats;
import io.kubensbench.analysis.compare.BlockedResult;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.CostModel;
import io.kubensbench.analysis.compare.Drift;
import io.kubensbench.analysis.compare.NodeResult;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.RolloutRecord;
import io.kubensbench.analysis.text.AgreementWording;
import io.kubensbench.analysis.text.LoadModelText;
import io.kubensbench.analysis.text.Numbers;
import io.kubensbench.analysis.text.Wording;
import io.kubensbench.reports.ResultsDirText;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints an analysis for a terminal: per level the arms, the reduction, the deciding test's p
 * raw and Holm-adjusted over the campaign's levels, the verdict and its basis; for a campaign
 * over several nodes also each node on its own and the comparison with nodes as blocks, on
 * which the verdicts then rest; the design and what it separates (for {@code aba} each level's
 * drift beside its effect), and the campaign's rollouts; for a campaign compared with
 * Prometheus, the two figures per node and arm.
 */
final class SummaryTable {

    private static final String FORMAT = "%-14s %-7s %3s %21s %9s %24s %8s %8s  %s%n";

    private final PrintWriter out;

    SummaryTable(PrintWriter out) {
        this.out = out;
    }

    void print(Summary s) {
        print(s, List.of());
    }

    /** The analysis and the rollouts the campaign's switches took. */
    void print(Summary s, List<RolloutRecord> rollouts) {
        out.printf(Locale.ROOT, "campaign %s: %d runs, %d valid%n", s.campaign(), s.runs(), s.valid());
        for (Map.Entry<String, Integer> e : s.invalidReasons().entrySet()) {
            out.printf(Locale.ROOT, "  excluded %d: %s%n", e.getValue(), e.getKey());
        }
        if (!s.unreadable().isEmpty()) {
            out.println("  " + ResultsDirText.skippedCount(s.unreadable()) + ":");
            ResultsDirText.skippedLines(s.unreadable()).forEach(line -> out.println("    " + line));
        }
        out.println();
        out.printf(Locale.ROOT, FORMAT, "level", "arm", "n", "systemd CPU [95% CI]", "sd", "reduction [95% CI]", "p",
                "Holm p", "verdict");
        for (CellResult c : s.cells()) {
            BlockedResult b = c.blocked();
            arm(c.level(), c.baseline(), "", "", "", "");
            arm("", c.candidate(), b == null ? Wording.reductionBracketed(c) : Wording.reductionBracketed(b),
                    Numbers.p(c.p()), Numbers.p(c.holmP()), Wording.label(c));
        }
        out.println("systemd CPU in % of one core over the measure window, mean of the valid runs"
                + (s.multiNode() ? " of all nodes; reduction and p with nodes as blocks (Fieller over the nodes' arm"
                        + " means, paired t over per-node means) where a level has them" : "; reduction interval"
                        + " Fieller's; p from Welch's t over runs")
                + "; Holm p adjusted over the campaign's levels, the verdict's p");
        for (CellResult c : s.cells()) {
            out.printf(Locale.ROOT, "%s: %s%n", c.level(), c.restsOn());
            out.printf(Locale.ROOT, "  difference %s; Hedges' g %s, Cliff's delta %s; detectable at this n: %s;"
                            + " runs per arm for a 10%% reduction: %s, for 50%%: %s%n",
                    Numbers.coresBracketed(c.difference(), c.differenceCi()), Numbers.fixed(c.hedgesG(), 2),
                    Numbers.fixed(c.cliffsDelta(), 2), Numbers.cores(c.minimalDetectableEffect()),
                    Numbers.runs(c.repetitionsForTenPercent()), Numbers.runs(c.repetitionsForFiftyPercent()));
            if (s.design() != null) {
                s.design().drift(c.level()).ifPresent(d -> out.println("  " + Wording.drift(s, d)));
            }
            if (s.design() != null && s.design().confounded()) {
                Wording.caveat(s, c).ifPresent(caveat -> out.println("  " + caveat));
            }
        }
        Wording.design(s).ifPresent(line -> {
            out.println();
            out.println(line);
        });
        if (!rollouts.isEmpty()) {
            out.println();
            out.println("rollouts (" + rollouts.size() + ", " + rollouts.stream().filter(RolloutRecord::ok).count()
                    + " ok)");
            rollouts.forEach(r -> out.println("  " + Wording.rollout(r)));
        }
        if (s.observed()) {
            observation(s);
        }
        if (s.multiNode()) {
            nodes(s);
        }
        if (s.prometheus() != null) {
            prometheus(s.prometheus());
        }
        if (!s.costModels().isEmpty()) {
            out.println();
            out.println("cost model (least squares over the valid runs of all levels; 95% intervals robust to unequal spread, HC3)");
            for (CostModel m : s.costModels()) {
                out.println("  " + Wording.costModel(m));
            }
        }
        if (!s.loadModels().isEmpty()) {
            out.println();
            LoadModelText.lines(s.loadModels()).forEach(out::println);
        }
        out.flush();
    }

    /** An observation of the nodes' own workload: what it can say, and each node's figures per arm. */
    private void observation(Summary s) {
        out.println();
        Wording.observation(s.observation()).forEach(out::println);
        out.println("per node and arm, over the valid windows");
        s.observation().nodes().forEach(n -> out.println("  " + Wording.observedNode(n)));
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
                        Wording.label(c));
            }
        }
        out.println();
        out.println("nodes as blocks (per-node means; the verdicts above rest on these)");
        for (CellResult c : s.cells()) {
            out.printf(Locale.ROOT, "%s: %s%n", c.level(), Wording.blocked(c.blocked()));
        }
    }

    private void prometheus(PrometheusAgreement a) {
        out.println();
        out.println("Prometheus beside the probe: " + AgreementWording.method(a));
        String format = "%-20s %-7s %4s %9s %11s %16s %9s %8s  %s%n";
        out.printf(Locale.ROOT, format, "node", "arm", "runs", "harness", "Prometheus", "difference", "largest",
                "beyond", "");
        for (NodeAgreement r : a.rows()) {
            out.printf(Locale.ROOT, format, r.node(), r.arm(), r.compared() + "/" + r.runs(),
                    AgreementWording.harness(r), AgreementWording.prometheus(r), AgreementWording.difference(r),
                    AgreementWording.largest(r), AgreementWording.beyond(r), AgreementWording.flag(r));
        }
        out.println("systemd CPU in % of one core, means over the runs with both figures (runs: compared/valid);"
                + " difference Prometheus - harness (relative to the harness's); largest: the biggest single run's");
        for (NodeAgreement r : a.rows()) {
            if (!r.missing().isEmpty()) {
                out.println(r.node() + " " + r.arm() + ": " + AgreementWording.missing(r));
            }
        }
        out.println(AgreementWording.sentence(a));
    }

    private void arm(String level, ArmStats a, String reduction, String p, String holmP, String verdict) {
        out.printf(Locale.ROOT, FORMAT, level, a.arm(), Integer.toString(a.n()), Wording.armShareBracketed(a),
                a.n() < 2 ? "-" : Numbers.coreShare(a.cores().sd()), reduction, p, holmP, verdict);
    }
}
