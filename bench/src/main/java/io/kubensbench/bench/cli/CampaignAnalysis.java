package io.kubensbench.bench.cli;

import io.kubensbench.analysis.agreement.PrometheusAgreement;
import io.kubensbench.analysis.compare.Analyzer;
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
 * reader: what this machine could run has no say in how results made elsewhere read.
 */
final class CampaignAnalysis {

    private CampaignAnalysis() {
    }

    static Summary analyze(List<Path> dirs) throws IOException {
        CampaignRecord first = null;
        List<RunRecord> runs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        for (Path dir : dirs) {
            ResultsDir results = new ResultsDir(dir).requireExisting();
            CampaignRecord campaign = results.campaign();
            if (first == null) {
                first = campaign;
            } else if (!campaign.arms().equals(first.arms())) {
                throw new IllegalArgumentException(dir + ": its arms " + names(campaign) + " differ from "
                        + names(first) + " in " + dirs.get(0) + "; only one campaign's directories pool");
            }
            runs.addAll(results.runs());
            unreadable.addAll(results.unreadable());
            sources.add(dir.toString());
        }
        Summary summary = new Analyzer().analyze(first.name(), sources, runs, first.baseline().name(),
                first.candidate().name(), unreadable);
        return summary.withPrometheus(PrometheusAgreement.of(runs, first.baseline().name(), first.candidate().name(),
                first.prometheus()));
    }

    private static String names(CampaignRecord campaign) {
        return campaign.arms().stream().map(a -> a.name() + "=" + a.encapsulation()).toList().toString();
    }
}
