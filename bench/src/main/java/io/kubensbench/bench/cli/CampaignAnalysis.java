package io.kubensbench.bench.cli;

import io.kubensbench.analysis.agreement.PrometheusAgreement;
import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.Design;
import io.kubensbench.analysis.compare.Observation;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.Unreadable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Analyses one or more results directories of one campaign: their runs pooled (arms run by
 * hand in separate invocations pool into one analysis), arms as the campaign names them. The
 * campaign comes from each directory's own description, never from the campaign file's
 * reader: what this machine could run has no say in how results made elsewhere read; so does
 * the order the runs went in, which says what the analysis can separate ({@link Design}).
 */
final class CampaignAnalysis {

    private CampaignAnalysis() {
    }

    static Summary analyze(List<Path> dirs) throws IOException {
        CampaignRecord first = null;
        String order = null;
        List<RunRecord> runs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        for (Path dir : dirs) {
            ResultsDir results = new ResultsDir(dir).requireExisting();
            CampaignRecord campaign = results.campaign();
            if (first == null) {
                first = campaign;
                order = Design.orderOf(campaign, results.manifest().traits());
            } else if (!campaign.arms().equals(first.arms())) {
                throw new IllegalArgumentException(dir + ": its arms " + names(campaign) + " differ from "
                        + names(first) + " in " + dirs.get(0) + "; only one campaign's directories pool");
            }
            runs.addAll(results.runs());
            unreadable.addAll(results.unreadable());
            sources.add(dir.toString());
        }
        Summary summary = new Analyzer().analyze(first.name(), sources, runs, first.baseline().name(),
                first.candidate().name(), unreadable, order)
                .withPrometheus(PrometheusAgreement.of(runs, first.baseline().name(), first.candidate().name(),
                        first.prometheus()));
        if (!first.observed()) {
            return summary;
        }
        // The nodes' own workload, observed: say per node what it showed, and what it cannot.
        return summary.withObservation(Observation.of(runs.stream()
                .filter(r -> CampaignRecord.EXTERNAL_LEVEL.equals(r.level())).toList()));
    }

    private static String names(CampaignRecord campaign) {
        return campaign.arms().stream().map(a -> a.name() + "=" + a.encapsulation()).toList().toString();
    }
}
