package io.kubensbench.bench.index;

import io.kubensbench.analysis.compare.ArmStats;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.CampaignRecord;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@value #METRIC}: one document per level of a campaign's analysis ({@code summary.json}'s
 * cells): both arms' CPU with their intervals, the reduction with its interval and what kind of
 * interval it is, the test's p, and the verdict with what it rests on. This is the figure a
 * regression detector follows over history: {@code reductionPercent} per level.
 */
public final class VerdictDocuments {

    public static final String METRIC = "systemdCpuVerdict";

    private final JsonMapper json;

    public VerdictDocuments(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param record the campaign as run, for each level's churn; null when not known
     */
    public List<IndexDocument> of(IndexedCampaign campaign, CampaignRecord record, Summary summary) {
        return summary.cells().stream().map(c -> of(campaign, record, summary, c)).toList();
    }

    private IndexDocument of(IndexedCampaign campaign, CampaignRecord record, Summary summary, CellResult c) {
        IndexDocument doc = campaign.document(json, METRIC, c.level(), null, null);
        ObjectNode d = doc.source();
        d.put("level", c.level());
        d.put("pods", c.pods());
        Optional.ofNullable(record).flatMap(r -> r.levels().stream().filter(l -> l.name().equals(c.level()))
                .findFirst()).ifPresent(l -> {
                    if (l.mountsPerPod() != null) {
                        d.put("mountsPerPod", l.mountsPerPod());
                    }
                    if (l.churnPodsPerSecond() != null) {
                        d.put("churnPodsPerSecond", l.churnPodsPerSecond());
                    }
                });
        arm(d, "baseline", c.baseline());
        arm(d, "candidate", c.candidate());
        Figures.percent(d, "differencePercent", c.difference());
        Figures.percent(d, "differenceCiLow", c.differenceCiLow());
        Figures.percent(d, "differenceCiHigh", c.differenceCiHigh());
        Figures.percent(d, "reductionPercent", c.reduction());
        Figures.percent(d, "reductionCiLow", c.reductionCiLow());
        Figures.percent(d, "reductionCiHigh", c.reductionCiHigh());
        d.put("reductionInterval", c.reductionInterval().name().toLowerCase(java.util.Locale.ROOT));
        Figures.number(d, "p", c.p());
        Figures.number(d, "holmP", c.holmP());
        d.put("fragile", c.fragile());
        Figures.number(d, "hedgesG", c.hedgesG());
        Figures.number(d, "cliffsDelta", c.cliffsDelta());
        Figures.percent(d, "minimalDetectableEffectPercent", c.minimalDetectableEffect());
        Figures.number(d, "meanSystemdMountsBaseline", c.meanSystemdMountsBaseline());
        Figures.number(d, "meanSystemdMountsCandidate", c.meanSystemdMountsCandidate());
        Figures.number(d, "meanMountEventsPerSecond", c.meanMountEventsPerSecond());
        if (c.blocked() != null) {
            d.put("nodesAsBlocks", c.blocked().k());
        }
        d.put("verdict", c.verdict().label());
        Figures.text(d, "restsOn", c.restsOn());
        d.put("runs", summary.runs());
        d.put("validRuns", summary.valid());
        return doc;
    }

    private static void arm(ObjectNode d, String role, ArmStats a) {
        d.put(role + "Arm", a.arm());
        Figures.text(d, role + "Encapsulation", a.encapsulation());
        d.put(role + "Runs", a.n());
        d.put(role + "Excluded", a.excluded());
        Figures.percent(d, role + "CpuPercent", a.cores().mean());
        Figures.percent(d, role + "CpuCiLow", a.cores().ciLow());
        Figures.percent(d, role + "CpuCiHigh", a.cores().ciHigh());
        Figures.percent(d, role + "CpuSd", a.cores().sd());
    }
}
