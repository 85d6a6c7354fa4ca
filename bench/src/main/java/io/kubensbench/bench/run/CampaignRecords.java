package io.kubensbench.bench.run;

import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Level;
import io.kubensbench.bench.campaign.PrometheusSpec;
import io.kubensbench.workloads.mounts.MountPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign as the results directory keeps it: the checked {@link CampaignSpec} turned into
 * the normalised {@link CampaignRecord} that analysis reads without the campaign file's reader,
 * with what only bench knows filled in (the mounts a pod of each level makes).
 */
public final class CampaignRecords {

    private CampaignRecords() {
    }

    public static CampaignRecord of(CampaignSpec spec) {
        return of(spec, null);
    }

    /**
     * The campaign with the Prometheus its runs are compared with.
     *
     * @param prometheus what is asked and the tolerance; null when no Prometheus is asked
     */
    public static CampaignRecord of(CampaignSpec spec, PrometheusSpec prometheus) {
        List<CampaignRecord.Arm> arms = new ArrayList<>();
        for (int i = 0; i < spec.arms().size(); i++) {
            ArmSpec arm = spec.arms().get(i);
            arms.add(new CampaignRecord.Arm(arm.name(), arm.state().label(),
                    i == 0 ? CampaignRecord.BASELINE : CampaignRecord.CANDIDATE));
        }
        List<CampaignRecord.Level> levels = new ArrayList<>();
        for (Level level : spec.levels()) {
            levels.add(new CampaignRecord.Level(level.name(), level.workload().pods(),
                    new MountPlan(level.workload()).mountsPerPod(), level.workload().churn().podsPerSecond()));
        }
        return new CampaignRecord(spec.name(), spec.target().traits().kind(), arms, levels,
                new CampaignRecord.Schedule(seconds(spec.schedule().warmup()), seconds(spec.schedule().measure()),
                        spec.schedule().repetitions(), spec.schedule().order().label(), spec.schedule().seed()),
                seconds(spec.sampling().interval()),
                prometheus == null ? null : new CampaignRecord.Prometheus(prometheus.query(), prometheus.tolerance()));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
