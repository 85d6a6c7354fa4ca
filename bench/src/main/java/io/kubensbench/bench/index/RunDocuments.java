package io.kubensbench.bench.index;

import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.RunRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@value #METRIC}: one document per run and node, the unit of the analysis, with systemd's CPU
 * over the measure window from counter deltas, the load (pods, mounts, mount events) and whether
 * the run may enter the analysis. Invalid runs are indexed too, with their reason: a dashboard
 * filters on {@code valid}.
 */
public final class RunDocuments {

    public static final String METRIC = "systemdCpu";

    private final JsonMapper json;

    public RunDocuments(JsonMapper json) {
        this.json = json;
    }

    /** The documents of a campaign's current runs (the latest attempt of each). */
    public List<IndexDocument> of(IndexedCampaign campaign, CampaignRecord record, List<RunRecord> runs) {
        return runs.stream().map(r -> of(campaign, record, r)).toList();
    }

    /** The key of a run's document: its index in the plan and its node. */
    static String key(RunRecord r) {
        return r.index() + "/" + Objects.toString(r.node(), "");
    }

    private IndexDocument of(IndexedCampaign campaign, CampaignRecord record, RunRecord r) {
        IndexDocument doc = campaign.document(json, METRIC, key(r), IndexedCampaign.timestamp(r.endedAt()), r.node());
        ObjectNode d = doc.source();
        describeRun(d, record, r);
        d.put("startedAt", IndexedCampaign.timestamp(r.startedAt()));
        d.put("endedAt", IndexedCampaign.timestamp(r.endedAt()));
        d.put("measureSeconds", r.measureNs() / 1e9);
        Figures.percent(d, "systemdCpuPercent", r.systemdCores());
        d.put("systemdCpuNs", r.systemdSchedNs());
        Figures.percent(d, "systemdStatCpuPercent", r.systemdStatCores());
        Figures.percent(d, "kubeletCpuPercent", r.kubeletCores());
        Figures.percent(d, "harnessCpuPercent", r.harnessCores());
        d.put("systemdMounts", r.systemdMounts());
        d.put("kubeletMounts", r.kubeletMounts());
        Figures.count(d, "expectedSystemdMounts", r.expectedSystemdMounts());
        Figures.count(d, "mountEvents", r.mountEventsCounted() ? r.mountEvents() : null);
        Figures.number(d, "mountEventsPerSecond", r.mountEventsPerSecond());
        if (r.prometheusCores() != null) {
            Figures.percent(d, "prometheusCpuPercent", r.prometheusCores());
        }
        if (r.prometheusMissing() != null) {
            d.put("prometheusMissing", r.prometheusMissing());
        }
        d.put("resets", r.resets());
        d.put("valid", r.valid());
        Figures.text(d, "invalidReason", r.invalidReason());
        return doc;
    }

    /**
     * What every document of one run says about it: which run, which arm in which state, which
     * level; shared with the run's window document.
     */
    static void describeRun(ObjectNode d, CampaignRecord record, RunRecord r) {
        d.put("run", r.index());
        Figures.text(d, "attempt", r.attempt());
        d.put("repetition", r.repetition());
        if (r.segment() != null) {
            d.put("segment", r.segment());
        }
        d.put("level", r.level());
        d.put("pods", r.pods());
        Optional<CampaignRecord.Level> level = record.levels().stream()
                .filter(l -> l.name().equals(r.level())).findFirst();
        level.map(CampaignRecord.Level::mountsPerPod).ifPresent(m -> d.put("mountsPerPod", m));
        level.map(CampaignRecord.Level::churnPodsPerSecond).ifPresent(c -> d.put("churnPodsPerSecond", c));
        d.put("arm", r.arm());
        d.put("encapsulation", r.encapsulation());
        record.arms().stream().filter(a -> a.name().equals(r.arm())).findFirst()
                .map(CampaignRecord.Arm::role).ifPresent(role -> d.put("role", role));
    }
}
