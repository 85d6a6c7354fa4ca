package io.kubensbench.bench.index;

import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@value #METRIC}: one document per run and node whose measure window was sampled, summing up
 * its samples: systemd's CPU between consecutive samples (lowest, highest, and over the
 * sampled span), and the mounts it saw. The run's own figure ({@code systemdCpu}) is the
 * deciding one; this shows what it hides, such as a burst in one second of the window.
 *
 * <p>An interval whose counter was not read, or went backwards (systemd restarted), is left
 * out and counted in {@code droppedIntervals}, never bridged.
 */
public final class WindowDocuments {

    public static final String METRIC = "systemdCpuWindow";
    static final String MEASURE = "measure";

    private final JsonMapper json;

    public WindowDocuments(JsonMapper json) {
        this.json = json;
    }

    /**
     * The documents of the runs whose measure window has at least two samples.
     *
     * @param samples the current attempts' samples, in file order
     */
    public List<IndexDocument> of(IndexedCampaign campaign, CampaignRecord record, List<RunRecord> runs,
                                  List<SampleRecord> samples) {
        Map<String, List<SampleRecord>> byAttempt = new LinkedHashMap<>();
        for (SampleRecord s : samples) {
            if (MEASURE.equals(s.phase()) && s.attempt() != null) {
                byAttempt.computeIfAbsent(s.attempt(), a -> new ArrayList<>()).add(s);
            }
        }
        List<IndexDocument> out = new ArrayList<>();
        for (RunRecord r : runs) {
            List<SampleRecord> window = byAttempt.getOrDefault(r.attempt(), List.of());
            if (window.size() >= 2) {
                out.add(of(campaign, record, r, window));
            }
        }
        return out;
    }

    private IndexDocument of(IndexedCampaign campaign, CampaignRecord record, RunRecord r, List<SampleRecord> window) {
        IndexDocument doc = campaign.document(json, METRIC, RunDocuments.key(r), IndexedCampaign.timestamp(r.endedAt()),
                r.node());
        ObjectNode d = doc.source();
        RunDocuments.describeRun(d, record, r);
        int intervals = 0;
        int dropped = 0;
        long cpuNs = 0;
        long spanNs = 0;
        double low = Double.NaN;
        double high = Double.NaN;
        long mountsLow = Long.MAX_VALUE;
        long mountsHigh = Long.MIN_VALUE;
        for (int i = 0; i < window.size(); i++) {
            SampleRecord s = window.get(i);
            if (s.systemdMounts() >= 0) {
                mountsLow = Math.min(mountsLow, s.systemdMounts());
                mountsHigh = Math.max(mountsHigh, s.systemdMounts());
            }
            if (i == 0) {
                continue;
            }
            SampleRecord p = window.get(i - 1);
            long dt = s.tNs() - p.tNs();
            long dc = s.systemdSchedNs() - p.systemdSchedNs();
            if (p.systemdSchedNs() < 0 || s.systemdSchedNs() < 0 || dc < 0 || dt <= 0) {
                dropped++;
                continue;
            }
            intervals++;
            cpuNs += dc;
            spanNs += dt;
            double cores = (double) dc / dt;
            low = Double.isNaN(low) ? cores : Math.min(low, cores);
            high = Double.isNaN(high) ? cores : Math.max(high, cores);
        }
        d.put("samples", window.size());
        d.put("intervals", intervals);
        d.put("droppedIntervals", dropped);
        d.put("sampledSeconds", spanNs / 1e9);
        Figures.percent(d, "systemdCpuPercentMin", low);
        Figures.percent(d, "systemdCpuPercentMax", high);
        Figures.percent(d, "systemdCpuPercentSampled", spanNs == 0 ? Double.NaN : (double) cpuNs / spanNs);
        Figures.count(d, "systemdMountsMin", mountsLow == Long.MAX_VALUE ? null : mountsLow);
        Figures.count(d, "systemdMountsMax", mountsHigh == Long.MIN_VALUE ? null : mountsHigh);
        d.put("valid", r.valid());
        return doc;
    }
}
