package io.kubensbench.bench.index;

import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.Check;
import io.kubensbench.analysis.compare.Comparison;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.stats.SatterthwaiteInterval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@value #METRIC}: one document per level the CI gate judged ({@code compare}), under the
 * current campaign's uuid and naming the baseline's: the change of the reduction in percentage
 * points with its interval over both campaigns, the level's verdict and exit code, the gate's,
 * and each check with its message. Its id includes the baseline's uuid, so the same campaign
 * compared with two baselines keeps both documents.
 */
public final class ComparisonDocuments {

    public static final String METRIC = "systemdCpuComparison";
    /** The gate's exit codes in the order it ranks them, as {@link Comparison#exitCode()} does. */
    private static final List<Integer> PRIORITY = List.of(Comparison.REGRESSION, Comparison.NOT_ENOUGH_RUNS,
            Comparison.TOO_IMPRECISE, Comparison.INCONCLUSIVE);

    private final JsonMapper json;

    public ComparisonDocuments(JsonMapper json) {
        this.json = json;
    }

    public List<IndexDocument> of(IndexedCampaign current, IndexedCampaign baseline, Comparison comparison,
                                  Summary baselineSummary, Summary currentSummary) {
        Map<String, List<Check>> byLevel = new LinkedHashMap<>();
        comparison.checks().forEach(c -> byLevel.computeIfAbsent(c.level(), l -> new ArrayList<>()).add(c));
        List<IndexDocument> out = new ArrayList<>();
        byLevel.forEach((level, checks) -> out.add(of(current, baseline, comparison, level, checks,
                baselineSummary.cell(level), currentSummary.cell(level))));
        return out;
    }

    private IndexDocument of(IndexedCampaign current, IndexedCampaign baseline, Comparison comparison, String level,
                             List<Check> checks, Optional<CellResult> before, Optional<CellResult> now) {
        IndexDocument doc = current.document(json, METRIC, baseline.uuid() + "/" + level, null, null);
        ObjectNode d = doc.source();
        d.put("level", level);
        d.put("baselineUuid", baseline.uuid());
        d.put("baselineJobName", baseline.jobName());
        IndexedCampaign.putText(d, "baselineTimestamp", baseline.lastTimestamp());
        d.put("maxRegressionPoints", comparison.maxRegressionPoints());
        Figures.percent(d, "baselineReductionPercent", before.map(CellResult::reduction).orElse(Double.NaN));
        Figures.percent(d, "currentReductionPercent", now.map(CellResult::reduction).orElse(Double.NaN));
        Optional<SatterthwaiteInterval> change = comparison.reductionChange(level);
        Figures.percent(d, "changePoints", change.map(SatterthwaiteInterval::estimate).orElse(Double.NaN));
        Figures.percent(d, "changeCiLow", change.map(SatterthwaiteInterval::low).orElse(Double.NaN));
        Figures.percent(d, "changeCiHigh", change.map(SatterthwaiteInterval::high).orElse(Double.NaN));
        d.put("confidence", Comparison.CONFIDENCE);
        change.ifPresent(c -> d.put("changeExact", c.exact()));
        int code = checks.stream().mapToInt(comparison::exitCodeOf).boxed()
                .min((a, b) -> Integer.compare(rank(a), rank(b))).orElse(Comparison.PASS);
        d.put("verdict", Comparison.title(code));
        d.put("exitCode", code);
        d.put("gateVerdict", Comparison.title(comparison.exitCode()));
        d.put("gateExitCode", comparison.exitCode());
        ArrayNode list = d.putArray("checks");
        for (Check c : checks) {
            list.addObject().put("metric", c.metric()).put("passed", c.passed())
                    .put("exitCode", comparison.exitCodeOf(c)).put("message", c.message());
        }
        return doc;
    }

    private static int rank(int code) {
        int i = PRIORITY.indexOf(code);
        return i < 0 ? PRIORITY.size() : i;
    }
}
