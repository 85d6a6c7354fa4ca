package io.kubensbench.bench.cli;

import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Level;
import io.kubensbench.bench.campaign.Order;
import io.kubensbench.bench.campaign.Schedule;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.bench.plan.PlannedRun;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import io.kubensbench.workloads.time.Durations;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The plan for a person: the run order and its segments, the mounts per level, what each
 * switch reboots and the rollouts, the estimate, and the warnings, in aligned columns.
 */
final class PlanText implements PlanFormat {

    @Override
    public void write(Plan plan, PlanReboots reboots, PrintWriter out) {
        CampaignSpec c = plan.campaign();
        Schedule s = c.schedule();
        out.println("campaign   " + c.name());
        out.println("target     " + describeTarget(c));
        PlanRollouts rollouts = PlanFormat.rollouts(plan, reboots);
        if (reboots != null) {
            reboots.print(out);
        }
        if (rollouts != null) {
            out.println(rollouts.line());
        }
        out.println("arms       " + describeArm(c.baseline()) + ", the baseline");
        out.println("           " + describeArm(c.candidate()) + ", compared against " + c.baseline().name());
        out.printf(Locale.ROOT, "schedule   %s x %d arms x %s = %d runs, arms %s%s%n",
                count(c.levels().size(), "level"), c.arms().size(), count(s.repetitions(), "repetition"),
                plan.runs().size(),
                s.order().label(), s.order() == Order.RANDOM ? " (seed " + s.seed() + ")"
                        : s.order().pairsArms() ? "" : ": " + segments(plan));
        out.println("each run   warm-up " + Durations.exact(s.warmup()) + ", measure " + Durations.exact(s.measure())
                + ", a sample every " + Durations.exact(c.sampling().interval()));
        out.println();

        List<String[]> levels = new ArrayList<>();
        levels.add(new String[] {"level", "pods", "containers", "volumes", "churn", "mounts/pod", "mounts"});
        for (Level level : c.levels()) {
            WorkloadSpec w = level.workload();
            MountPlan mounts = new MountPlan(w);
            levels.add(new String[] {level.name(), Integer.toString(w.pods()), Integer.toString(w.containersPerPod()),
                Integer.toString(w.volumesPerPod().total()), churn(w), Integer.toString(mounts.mountsPerPod()),
                Long.toString(mounts.expectedMounts(w.pods()))});
        }
        table(out, "", levels, 1, 2, 3, 5, 6);
        out.println("mounts: what kubelet and CRI-O mount on the node for the level's pods"
                + " (pod sandbox, volumes, container roots)" + (c.target().isLab() ? "" : ", per node"));
        if (!c.target().isLab()) {
            apiBudget(out, c);
        }
        out.println();

        out.println("run order");
        boolean segmented = !s.order().pairsArms();
        List<String[]> runs = new ArrayList<>();
        runs.add(segmented ? new String[] {"#", "rep", "level", "arm", "encapsulation", "segment"}
                : new String[] {"#", "rep", "level", "arm", "encapsulation"});
        for (PlannedRun run : plan.runs()) {
            String[] row = {Integer.toString(run.index()), Integer.toString(run.repetition()),
                run.level().name(), run.arm().name(), run.encapsulation().label()};
            runs.add(segmented ? append(row, Integer.toString(run.segment())) : row);
        }
        table(out, "  ", runs, 0, 1);
        out.println();
        out.println(estimateLine(c, plan, rollouts));
        VerdictReach.warning(c).ifPresent(out::println);
        if (rollouts != null) {
            rollouts.warning().ifPresent(out::println);
        }
    }

    /** A blocked or aba plan's segments: {@code off reps 1-2, then on reps 1-3, then off rep 3}. */
    static String segments(Plan plan) {
        List<String> parts = new ArrayList<>();
        List<PlannedRun> runs = plan.runs();
        int start = 0;
        for (int i = 1; i <= runs.size(); i++) {
            if (i == runs.size() || runs.get(i).segment() != runs.get(start).segment()) {
                int from = runs.get(start).repetition();
                int to = runs.get(i - 1).repetition();
                parts.add(runs.get(start).arm().name() + (from == to ? " rep " + from : " reps " + from + "-" + to));
                start = i;
            }
        }
        return String.join(", then ", parts);
    }

    private static String[] append(String[] row, String cell) {
        String[] out = Arrays.copyOf(row, row.length + 1);
        out[row.length] = cell;
        return out;
    }

    /**
     * Churn on a cluster is API writes: each replaced pod deletes and recreates its Secrets,
     * ConfigMaps and itself. Says how many nodes the campaign's qps can churn at the asked rate.
     */
    private static void apiBudget(PrintWriter out, CampaignSpec c) {
        ClusterTargetSpec cluster = c.target().cluster();
        double worst = churnWrites(c);
        if (worst == 0) {
            return;
        }
        long nodes = nodesServed(cluster.qps(), worst);
        out.printf(Locale.ROOT, "API        churn needs up to %s writes/s per node; qps %s serves %s%n",
                BigDecimal.valueOf(worst).stripTrailingZeros().toPlainString(),
                BigDecimal.valueOf(cluster.qps()).stripTrailingZeros().toPlainString(),
                nodes == 0 ? "less than one node at that rate: raise target.cluster.qps or lower the churn"
                        : count((int) Math.min(nodes, Integer.MAX_VALUE), "node") + " at that rate (raise"
                        + " target.cluster.qps for more)");
    }

    /** The API writes per second and node the most churning level makes: each replaced pod's objects, deleted and created. */
    static double churnWrites(CampaignSpec c) {
        double worst = 0;
        for (Level level : c.levels()) {
            WorkloadSpec w = level.workload();
            int objects = 1 + w.volumesPerPod().secret() + w.volumesPerPod().configMap();
            worst = Math.max(worst, 2 * objects * w.churn().podsPerSecond());
        }
        return worst;
    }

    /** The nodes {@code qps} serves at {@code writes} per second each. */
    static long nodesServed(double qps, double writes) {
        return (long) Math.floor(qps / writes);
    }

    /** The plan's duration as the estimate line gives it: the runs, and the rollouts where they were counted. */
    static Duration estimate(Plan plan, PlanRollouts rollouts) {
        return plan.estimate().plus(rollouts == null ? Duration.ZERO : rollouts.time());
    }

    static String estimateLine(CampaignSpec c, Plan plan, PlanRollouts rollouts) {
        TargetTraits traits = c.target().traits();
        boolean inPlace = traits.armSwitching() == TargetTraits.ArmSwitching.IN_PLACE;
        String switches = rollouts != null ? rollouts.estimate().map(e -> ", " + e).orElse("")
                : inPlace || plan.switches() == 0 ? ""
                : ", plus " + count(plan.switches(), "encapsulation switch") + " (each made by hand)";
        return "estimated duration: " + (inPlace ? "" : "at least ") + Durations.rough(estimate(plan, rollouts))
                + " (per run: warm-up, measure, " + Durations.exact(Plan.runOverhead(c))
                + (inPlace ? " to set the arm and start the kubelet, " : " to settle, prove the arm and tear down, ")
                + Durations.exact(Plan.DEPLOY_PER_MOUNT) + " per mount to deploy)" + switches;
    }

    static String describeTarget(CampaignSpec c) {
        if (c.target().isLab()) {
            return "lab (a lab node on this machine)";
        }
        ClusterTargetSpec k = c.target().cluster();
        String nodes = k.nodeSelector().isEmpty() ? "every node" : "nodes " + k.nodeSelector().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        return "cluster: context " + (k.context() == null ? "(current)" : k.context()) + ", " + nodes
                + ", namespace " + k.namespace() + "-<run id>, image " + k.image() + " (" + (k.imageReference().pinned()
                ? "pinned by digest" : "not pinned") + "), node probe " + (k.probeAsRoot() ? "as root (probeAsRoot)"
                : "unprivileged") + ", encapsulation switched by " + k.encapsulation();
    }

    private static String describeArm(ArmSpec arm) {
        return arm.name() + " (encapsulation " + arm.state().label() + ")";
    }

    private static String churn(WorkloadSpec w) {
        double rate = w.churn().podsPerSecond();
        return rate == 0 ? "-" : BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString() + "/s";
    }

    private static String count(int n, String noun) {
        return PlanReboots.count(n, noun);
    }

    /** Columns padded to their widest cell; the columns in {@code rightAligned} (numbers) align right. */
    static void table(PrintWriter out, String indent, List<String[]> rows, int... rightAligned) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                String cell = row[i];
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(isRight(rightAligned, i) ? pad + cell : cell + pad);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static boolean isRight(int[] rightAligned, int column) {
        for (int r : rightAligned) {
            if (r == column) {
                return true;
            }
        }
        return false;
    }
}
