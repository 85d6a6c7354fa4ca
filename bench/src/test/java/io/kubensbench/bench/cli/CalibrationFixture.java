package io.kubensbench.bench.cli;

import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.LabCapacity;
import io.kubensbench.bench.campaign.Level;
import io.kubensbench.bench.run.CampaignRecords;
import io.kubensbench.workloads.mounts.MountPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A calibration as a lab campaign of six levels writes it, through the store: pods and churn
 * both varied, three runs per level and arm. systemd's view holds {@link #BASE_MOUNTS} plus
 * each pod's planned mounts with encapsulation off, and each replaced pod takes its mounts down
 * and up; its CPU with encapsulation off is a re-read of the table per event, the events
 * saturating (test data on the mechanism's shape, a little scatter per level and run), with it on
 * 0 ns, as a lab's.
 */
final class CalibrationFixture {

    static final long BASE_MOUNTS = 47;

    static final String CAMPAIGN = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: calibration
            target: {lab: {}}
            workload: {pods: 20, churn: {podsPerSecond: 0.05}}
            levels: [{pods: 20}, {pods: 60, churn: {podsPerSecond: 0.02}}, {pods: 120},
                     {pods: 120, churn: {podsPerSecond: 0.2}}, {pods: 240, churn: {podsPerSecond: 0.1}},
                     {pods: 180, churn: {podsPerSecond: 0.01}}]
            arms: [off, on]
            schedule: {warmup: 3s, measure: 12s, repetitions: 3}
            """;

    private static final long MEASURE_NS = 12_000_000_000L;

    private CalibrationFixture() {
    }

    static Path write(Path dir) throws IOException {
        CampaignSpec spec = new CampaignReader(new LabCapacity(LabCapacity.DEFAULT_MOUNT_MAX))
                .parse(CAMPAIGN, "calibration.yaml");
        ResultsStore store = ResultsStore.create(dir, CAMPAIGN, CampaignRecords.of(spec), spec.target().traits(),
                ResultsFixture.environment("lab", List.of("lab-h")));
        int index = 0;
        List<Level> levels = spec.levels();
        for (int rep = 1; rep <= 3; rep++) {
            for (int l = 0; l < levels.size(); l++) {
                Level level = levels.get(l);
                long mounts = BASE_MOUNTS + new MountPlan(level.workload()).expectedMounts(level.workload().pods());
                double events = 2 * level.workload().churn().podsPerSecond()
                        * new MountPlan(level.workload()).mountsPerPod();
                double scatter = (1 + 0.015 * ((l % 3) - 1)) * (1 + 0.01 * ((rep % 3) - 1));
                double off = (0.002 + 1.2e-4 * mounts * events / (events + 1)) * scatter;
                store.append(run(index++, rep, level, "off", mounts, events, off), List.of());
                store.append(run(index++, rep, level, "on", BASE_MOUNTS, 0, 0), List.of());
            }
        }
        return dir;
    }

    private static RunRecord run(int index, int rep, Level level, String arm, long mounts, double events,
                                 double cores) {
        boolean off = arm.equals("off");
        return RunRecord.builder().index(index).attempt("a" + index).repetition(rep).level(level.name())
                .pods(level.workload().pods()).arm(arm).encapsulation(arm).node("lab-h")
                .startedAt("2026-11-27T00:00:00Z").endedAt("2026-11-27T00:00:15Z").measureNs(MEASURE_NS)
                .systemdSchedNs(Math.round(cores * MEASURE_NS)).systemdStatTicks(Math.round(cores * 1200))
                .ticksPerSecond(100).mountEvents(Math.round(events * MEASURE_NS / 1e9)).systemdMounts(mounts)
                .kubeletMounts(mounts).systemdMntNs("mnt:[1]").kubeletMntNs(off ? "mnt:[1]" : "mnt:[2]")
                .runtimeMntNs(off ? "mnt:[1]" : "mnt:[2]").samples(3).valid(true).build();
    }
}
