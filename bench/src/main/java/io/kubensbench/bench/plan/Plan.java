package io.kubensbench.bench.plan;

import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Level;
import io.kubensbench.bench.campaign.Schedule;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The order a campaign's runs happen in, fixed before the first run so that {@code plan}
 * shows exactly what {@code run} will do and a resumed campaign continues the same sequence.
 *
 * <p>Runs go repetition by repetition (every level once, then every level again), so that a
 * campaign stopped half-way still has every level measured; within each (repetition, level)
 * the two arms run back to back, so the pair shares the machine's state of the moment. Which
 * arm goes first follows the schedule's {@link Order}: interleaved alternates it from one
 * repetition to the next, random draws it from {@code new Random(seed)}, one draw per pair in
 * plan order, so the same file always gives the same order.
 */
public final class Plan {

    /**
     * Time to deploy one mount of a level's pods. Measured in the runs of
     * {@code lab-dose-response.yaml} on a 2-core machine: setting the arm, deploying 500 pods
     * (7,500 mounts) and tearing down took 2.8 to 6.4 s, under 0.9 ms a mount; 2 ms leaves room
     * for slower machines and bigger mount tables. A cluster's kubelet is slower still, so
     * there the estimate is a lower bound.
     */
    public static final Duration DEPLOY_PER_MOUNT = Duration.ofMillis(2);

    private final CampaignSpec campaign;
    private final List<PlannedRun> runs;

    private Plan(CampaignSpec campaign, List<PlannedRun> runs) {
        this.campaign = campaign;
        this.runs = List.copyOf(runs);
    }

    public static Plan of(CampaignSpec campaign) {
        Objects.requireNonNull(campaign, "campaign");
        Schedule schedule = campaign.schedule();
        Random random = new Random(schedule.seed());
        List<PlannedRun> runs = new ArrayList<>();
        for (int repetition = 1; repetition <= schedule.repetitions(); repetition++) {
            for (Level level : campaign.levels()) {
                boolean candidateFirst = switch (schedule.order()) {
                    case INTERLEAVED -> repetition % 2 == 0;
                    case RANDOM -> random.nextBoolean();
                };
                ArmSpec first = candidateFirst ? campaign.candidate() : campaign.baseline();
                ArmSpec second = candidateFirst ? campaign.baseline() : campaign.candidate();
                runs.add(new PlannedRun(runs.size(), repetition, level, first));
                runs.add(new PlannedRun(runs.size(), repetition, level, second));
            }
        }
        return new Plan(campaign, runs);
    }

    public CampaignSpec campaign() {
        return campaign;
    }

    /**
     * The runs of one arm only, with their indexes kept: on a cluster whose encapsulation is
     * switched by hand, each arm is its own invocation, and the two results directories pool.
     */
    public Plan onlyArm(ArmSpec arm) {
        return new Plan(campaign, runs.stream().filter(r -> r.arm().equals(arm)).toList());
    }

    /** Every run, in the order they happen. */
    public List<PlannedRun> runs() {
        return runs;
    }

    /** How long the whole plan takes, at its target's per-run overhead. */
    public Duration estimate() {
        return estimate(campaign, runs, runOverhead(campaign));
    }

    /** What a run costs on the campaign's target besides its phases and pods, from the target's traits. */
    public static Duration runOverhead(CampaignSpec campaign) {
        return campaign.target().traits().runOverhead();
    }

    /**
     * How long {@code runs} of {@code campaign} take: per run, warm-up + measure +
     * {@code perRunOverhead} + deploying the level's pods ({@link #deployTime}). For the time
     * left of a campaign in progress, pass the runs still to do.
     */
    public static Duration estimate(CampaignSpec campaign, List<PlannedRun> runs, Duration perRunOverhead) {
        Objects.requireNonNull(perRunOverhead, "perRunOverhead");
        Duration perRun = campaign.schedule().warmup().plus(campaign.schedule().measure()).plus(perRunOverhead);
        Duration total = Duration.ZERO;
        for (PlannedRun run : runs) {
            total = total.plus(perRun).plus(deployTime(run.level().workload()));
        }
        return total;
    }

    /** Time to deploy a workload's pods: {@link #DEPLOY_PER_MOUNT} per mount of its mount plan. */
    public static Duration deployTime(WorkloadSpec workload) {
        return DEPLOY_PER_MOUNT.multipliedBy(new MountPlan(workload).expectedMounts(workload.pods()));
    }

    /**
     * How many times the node's encapsulation state changes between consecutive runs. Free on
     * the lab; on a cluster each is a MachineConfig rollout or a manual step, which can cost
     * more than the runs themselves.
     */
    public int switches() {
        int switches = 0;
        for (int i = 1; i < runs.size(); i++) {
            if (runs.get(i).encapsulation() != runs.get(i - 1).encapsulation()) {
                switches++;
            }
        }
        return switches;
    }
}
