package io.kubensbench.reports;

import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.ResultsManifest;
import io.kubensbench.analysis.results.RolloutRecord;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.results.SampleRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a report renders, read once: the analysis' summary and the raw files it rests
 * on. Charts and exports take this and compute no statistic of their own.
 *
 * @param manifest what the directory says about itself (for a version-1 directory, derived)
 * @param samples  the current attempts' samples by run index and attempt, in file order: a run
 *                 that measured several nodes has one attempt per node, and their samples must
 *                 never be joined into one line
 * @param rollouts the campaign's rollouts of encapsulation (a cluster's MachineConfig switches),
 *                 in the order they happened; empty where none took place
 */
public record ReportData(Path dir, Summary summary, String campaignYaml, ResultsManifest manifest,
                         Environment environment, List<RunRecord> runs, Map<Attempt, List<SampleRecord>> samples,
                         List<RolloutRecord> rollouts) {

    public ReportData {
        rollouts = rollouts == null ? List.of() : List.copyOf(rollouts);
    }

    /** Which run a sample belongs to: its index, and the attempt that is one node's part of it. */
    public record Attempt(int run, String attempt) {
    }

    public static ReportData load(Path dir, Summary summary) throws IOException {
        ResultsDir results = new ResultsDir(dir);
        Map<Attempt, List<SampleRecord>> samples = new LinkedHashMap<>();
        results.samples(s -> samples.computeIfAbsent(new Attempt(s.run(), s.attempt()), k -> new ArrayList<>()).add(s));
        return new ReportData(dir, summary, results.campaignYaml(), results.manifest(), results.environment(),
                results.runs(), samples, results.rollouts());
    }

    /** The two arms compared: baseline first, then candidate. */
    public List<String> arms() {
        return List.of(summary.baselineArm(), summary.candidateArm());
    }

    /** Levels in the summary's order. */
    public List<String> levels() {
        return summary.cells().stream().map(CellResult::level).toList();
    }

    public List<RunRecord> runs(String level, String arm) {
        return runs.stream().filter(r -> r.level().equals(level) && r.arm().equals(arm)).toList();
    }

    /**
     * Whether the runs name more than one node, valid or not: then a run index alone does not
     * say which line or row is which, and charts and tables name the node too.
     */
    public boolean severalNodes() {
        return runs.stream().map(RunRecord::node).distinct().limit(2).count() > 1;
    }

    /** The samples of one run on one node, thinned for a chart. */
    public List<SampleRecord> samples(RunRecord run) {
        return thin(samples.getOrDefault(new Attempt(run.index(), run.attempt()), List.of()));
    }

    /** At most this many points per run on a chart; more only make the page heavier. */
    public static final int MAX_POINTS_PER_RUN = 150;

    /**
     * Every k-th sample, keeping the last of each phase, so a run has at most
     * {@link #MAX_POINTS_PER_RUN} points. Counters are cumulative, so a rate between two kept
     * samples is the exact average over the samples skipped between them: thinning loses
     * detail, never correctness.
     */
    static List<SampleRecord> thin(List<SampleRecord> all) {
        if (all.size() <= MAX_POINTS_PER_RUN) {
            return all;
        }
        int k = (all.size() + MAX_POINTS_PER_RUN - 1) / MAX_POINTS_PER_RUN;
        List<SampleRecord> kept = new ArrayList<>(MAX_POINTS_PER_RUN + 2);
        for (int i = 0; i < all.size(); i++) {
            boolean phaseEnd = i + 1 == all.size() || !all.get(i + 1).phase().equals(all.get(i).phase());
            if (i % k == 0 || phaseEnd) {
                kept.add(all.get(i));
            }
        }
        return kept;
    }
}
