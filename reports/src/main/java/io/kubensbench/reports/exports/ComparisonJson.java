package io.kubensbench.reports.exports;

import io.kubensbench.analysis.compare.ArmStats;
import io.kubensbench.analysis.compare.BlockedResult;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.Check;
import io.kubensbench.analysis.compare.Comparison;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.JsonDocument;
import io.kubensbench.analysis.results.Unreadable;
import io.kubensbench.analysis.stats.SatterthwaiteInterval;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CI gate's comparison for scripts ({@code compare -o json}): the exit code it ends with
 * and the line that says why, each level's change of the reduction with the interval the gate
 * judged it by, both campaigns' reductions and verdicts, and every check. Reductions and their
 * changes are fractions (-0.05 is a drop of 5 points), CPU is in cores, as in
 * {@code summary.json}; a figure that does not exist is null.
 */
public final class ComparisonJson implements ComparisonExport {

    public static final String KIND = "comparison";

    @Override
    public String render(Comparison comparison, Summary baseline, Summary current) {
        ObjectNode root = JsonDocument.of(KIND);
        int code = comparison.exitCode();
        root.put("exitCode", code);
        root.put("result", Comparison.title(code));
        root.put("verdict", comparison.verdictLine());
        root.put("maxRegressionPoints", comparison.maxRegressionPoints());
        root.put("confidence", Comparison.CONFIDENCE);
        side(root.putObject("baseline"), baseline);
        side(root.putObject("current"), current);
        Set<String> levels = new LinkedHashSet<>();
        baseline.cells().forEach(c -> levels.add(c.level()));
        current.cells().forEach(c -> levels.add(c.level()));
        ArrayNode levelNodes = root.putArray("levels");
        for (String level : levels) {
            ObjectNode l = levelNodes.addObject();
            l.put("level", level);
            Optional<SatterthwaiteInterval> change = comparison.reductionChange(level);
            if (change.isPresent()) {
                change(l.putObject("reductionChange"), change.get());
            } else {
                l.putNull("reductionChange");
            }
            cell(l, "baseline", baseline.cell(level));
            cell(l, "current", current.cell(level));
        }
        ArrayNode checks = root.putArray("checks");
        for (Check check : comparison.checks()) {
            int checkCode = comparison.exitCodeOf(check);
            ObjectNode c = checks.addObject();
            c.put("level", check.level());
            c.put("metric", check.metric());
            c.put("passed", checkCode == Comparison.PASS);
            c.put("exitCode", checkCode);
            c.put("result", checkCode == Comparison.PASS ? "pass" : Comparison.title(checkCode).toLowerCase(Locale.ROOT));
            c.put("message", check.message());
        }
        return JsonDocument.text(root);
    }

    private static void side(ObjectNode out, Summary s) {
        out.put("campaign", s.campaign());
        s.sources().forEach(out.putArray("sources")::add);
        out.put("baselineArm", s.baselineArm());
        out.put("candidateArm", s.candidateArm());
        out.put("runs", s.runs());
        out.put("valid", s.valid());
        ArrayNode unreadable = out.putArray("unreadable");
        for (Unreadable u : s.unreadable()) {
            unreadable.addObject().put("file", u.file()).put("line", u.line()).put("reason", u.reason());
        }
    }

    /** The change the gate judged: current - baseline of the reduction, with its interval. */
    private static void change(ObjectNode out, SatterthwaiteInterval change) {
        JsonDocument.number(out, "estimate", change.estimate());
        JsonDocument.number(out, "low", change.low());
        JsonDocument.number(out, "high", change.high());
        JsonDocument.number(out, "standardError", change.standardError());
        JsonDocument.number(out, "df", change.df());
        out.put("confidence", change.confidence());
        out.put("exact", change.exact());
    }

    /** One campaign's figures at a level, the ones its verdict rests on; null when the campaign has no such level. */
    private static void cell(ObjectNode level, String side, Optional<CellResult> cell) {
        if (cell.isEmpty()) {
            level.putNull(side);
            return;
        }
        CellResult c = cell.get();
        ObjectNode out = level.putObject(side);
        out.put("verdict", c.verdict().name());
        out.put("verdictLabel", c.verdict().label());
        out.put("fragile", c.fragile());
        JsonDocument.number(out, "p", c.p());
        JsonDocument.number(out, "holmP", c.holmP());
        ObjectNode reduction = out.putObject("reduction");
        BlockedResult b = c.blocked();
        reduction.put("nodesAsBlocks", b != null);
        JsonDocument.number(reduction, "estimate", b == null ? c.reduction() : b.reduction());
        JsonDocument.number(reduction, "low", b == null ? c.reductionCiLow() : b.reductionCiLow());
        JsonDocument.number(reduction, "high", b == null ? c.reductionCiHigh() : b.reductionCiHigh());
        reduction.put("interval", (b == null ? c.reductionInterval() : b.reductionInterval()).name());
        if (b != null) {
            reduction.put("nodes", b.k());
        }
        arm(out.putObject("baselineArm"), c.baseline());
        arm(out.putObject("candidateArm"), c.candidate());
    }

    private static void arm(ObjectNode out, ArmStats a) {
        out.put("arm", a.arm());
        out.put("encapsulation", a.encapsulation());
        out.put("n", a.n());
        out.put("excluded", a.excluded());
        JsonDocument.number(out, "cores", a.cores().mean());
        JsonDocument.number(out, "coresCiLow", a.cores().ciLow());
        JsonDocument.number(out, "coresCiHigh", a.cores().ciHigh());
        out.put("zeroRuns", a.zeroRuns());
        out.put("idle", a.idle());
        out.put("constant", a.constant());
    }
}
