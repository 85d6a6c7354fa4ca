package io.kubensbench.bench.index;

import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documents of results directories, per command: {@code run} and {@code observe} index the
 * runs; {@code analyze} the runs, their windows and the verdicts; {@code compare} the comparison.
 * Everything comes from what the directories recorded and the analysis of it.
 */
public final class CampaignDocuments {

    private final JsonMapper json;

    public CampaignDocuments(JsonMapper json) {
        this.json = json;
    }

    /** A mapper for documents: plain JSON, one line per document. */
    public static JsonMapper mapper() {
        return JsonMapper.builder().build();
    }

    /** The documents of a campaign's runs ({@value RunDocuments#METRIC}). */
    public List<IndexDocument> runs(ResultsDir dir) throws IOException {
        return new RunDocuments(json).of(IndexedCampaign.of(dir), dir.campaign(), dir.runs());
    }

    /** The runs and windows of every directory, then the verdicts of their pooled analysis. */
    public List<IndexDocument> analysis(List<ResultsDir> dirs, Summary summary) throws IOException {
        List<IndexDocument> out = new ArrayList<>();
        List<IndexedCampaign> campaigns = new ArrayList<>();
        for (ResultsDir dir : dirs) {
            IndexedCampaign campaign = IndexedCampaign.of(dir);
            campaigns.add(campaign);
            CampaignRecord record = dir.campaign();
            List<RunRecord> runs = dir.runs();
            List<SampleRecord> samples = new ArrayList<>();
            dir.samples(samples::add);
            out.addAll(new RunDocuments(json).of(campaign, record, runs));
            out.addAll(new WindowDocuments(json).of(campaign, record, runs, samples));
        }
        out.addAll(new VerdictDocuments(json).of(IndexedCampaign.pooled(campaigns), dirs.get(0).campaign(), summary));
        return out;
    }
}
