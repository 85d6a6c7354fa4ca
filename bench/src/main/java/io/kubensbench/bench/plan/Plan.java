package io.kubensbench.bench.plan;

import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.campaign.Level;
import io.kubensbench.bench.campaign.Order;
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
 * <p>{@code interleaved} and {@code random} go repetition by repetition (every level once,
 * then every level again), so that a campaign stopped half-way still has every level
 * measured; within each (repetition, level) the two arms run back to back, so the pair shares
 * the machine's state of the moment. Which arm goes first: interleaved alternates it from one
 * repetition to the next, random draws it from {@code new Random(seed)}, one draw per pair in
 * plan order, so the same file always gives the same order.
 *
 * <p>{@code blocked} and {@code aba} change arms as seldom as they can, for targets where a
 * change is a rollout: each segment runs one arm's repetitions back to back, repetition by
 * repetition with the levels cycling inside. blocked: the baseline's r repetitions, then the
 * candidate's. aba: the baseline's first ceil(r / 2), the candidate's r, the baseline's last
 * floor(r / 2), so each level of the baseline is measured both before and after the candidate.
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

    /** A run before it has its place: which repetition of which level in which arm. */
    private record Slot(int repetition, Level level, ArmSpec arm) {
    }

    public static Plan of(CampaignSpec campaign) {
        Objects.requireNonNull(campaign, "campaign");
        Schedule schedule = campaign.schedule();
        int r = schedule.repetitions();
        List<Slot> slots = new ArrayList<>();
        switch (schedule.order()) {
            case INTERLEAVED, RANDOM -> paired(campaign, slots);
            case BLOCKED -> {
                segment(campaign, campaign.baseline(), 1, r, slots);
                segment(campaign, campaign.candidate(), 1, r, slots);
            }
            case ABA -> {
                int first = Order.firstSegmentRepetitions(r);
                segment(campaign, campaign.baseline(), 1, first, slots);
                segment(campaign, campaign.candidate(), 1, r, slots);
                segment(campaign, campaign.baseline(), first + 1, r, slots);
            }
        }
        List<PlannedRun> runs = new ArrayList<>(slots.size());
        int segment = 0;
        for (Slot slot : slots) {
            if (!runs.isEmpty() && !runs.get(runs.size() - 1).arm().equals(slot.arm())) {
                segment++;
            }
            runs.add(new PlannedRun(runs.size(), slot.repetition(), slot.level(), slot.arm(), segment));
        }
        return new Plan(campaign, runs);
    }

    private static void paired(CampaignSpec campaign, List<Slot> slots) {
        Schedule schedule = campaign.schedule();
        Random random = new Random(schedule.seed());
        for (int repetition = 1; repetition <= schedule.repetitions(); repetition++) {
            for (Level level : campaign.levels()) {
                boolean candidateFirst = schedule.order() == Order.RANDOM ? random.nextBoolean() : repetition % 2 == 0;
                ArmSpec first = candidateFirst ? campaign.candidate() : campaign.baseline();
                ArmSpec second = candidateFirst ? campaign.baseline() : campaign.candidate();
                slots.add(new Slot(repetition, level, first));
                slots.add(new Slot(repetition, level, second));
            }
        }
    }

    /** One arm's repetitions {@code from} to {@code to}, repetition by repetition, the levels cycling inside. */
    private static void segment(CampaignSpec campaign, ArmSpec arm, int from, int to, List<Slot> slots) {
        for (int repetition = from; repetition <= to; repetition++) {
            for (Level level : campaign.levels()) {
                slots.add(new Slot(repetition, level, arm));
            }
        }
    }

    public CampaignSpec campaign() {
        return campaign;
    }

    /**
     * The runs of one arm only, with their indexes and segments kept: on a cluster whose
     * encapsulation is switched by hand, each arm is its own invocation, and the two results
     * directories pool.
     */
    public Plan onlyArm(ArmSpec arm) {
        return new Plan(campaign, runs.stream().filter(r -> r.arm().equals(arm)).toList());
    }

    /** Every run, in the order they happen. */
    public List<PlannedRun> runs() {
        return runs;
    }

    /** How long the whole plan takes, at its target's per-run overhead; switches of arm not included. */
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
     * more than the runs themselves. Whether the first run needs a switch depends on the state
     * the nodes are in when the campaign starts: {@link #switches(List, Encapsulation)}.
     */
    public int switches() {
        return switchPoints().size();
    }

    /** The runs before which the encapsulation state changes, the first run not included. */
    public List<PlannedRun> switchPoints() {
        List<PlannedRun> points = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            if (runs.get(i).encapsulation() != runs.get(i - 1).encapsulation()) {
                points.add(runs.get(i));
            }
        }
        return points;
    }

    /**
     * How many switches {@code runs} need from nodes in state {@code current}: the changes
     * between consecutive runs, and one before the first run when it needs another state than
     * {@code current}; null for an unknown state counts none there.
     */
    public static int switches(List<PlannedRun> runs, Encapsulation current) {
        int switches = current != null && !runs.isEmpty() && runs.get(0).encapsulation() != current ? 1 : 0;
        for (int i = 1; i < runs.size(); i++) {
            if (runs.get(i).encapsulation() != runs.get(i - 1).encapsulation()) {
                switches++;
            }
        }
        return switches;
    }
}
