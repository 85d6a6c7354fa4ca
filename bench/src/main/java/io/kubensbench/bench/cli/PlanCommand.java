package io.kubensbench.bench.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Level;
import io.kubensbench.bench.campaign.Order;
import io.kubensbench.bench.campaign.Schedule;
import io.kubensbench.bench.cluster.ClusterManifests;
import io.kubensbench.bench.cluster.ProbeManifests;
import io.kubensbench.bench.cluster.ProbePrivileges;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.bench.plan.PlannedRun;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import io.kubensbench.workloads.time.Durations;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench plan}: a campaign's dry run. A campaign can take hours and, on a
 * cluster, reboot nodes; this shows what it will do (run order and its segments, mounts per
 * level, which pools each switch reboots, how many rollouts and before which runs, how long) and, with {@code --manifests}, the exact objects it will
 * create, without changing anything: on a cluster it only reads nodes and pools.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Dry run of a campaign: run order and design, expected mounts, the pools each encapsulation"
                + " switch reboots and the rollouts the campaign makes (counted when the cluster answers), estimated"
                + " duration; --manifests prints the Kubernetes objects of every level instead.")
final class PlanCommand implements Callable<Integer> {

    /** The run id objects of a dry run carry, so they can never be mistaken for a real run's. */
    static final String RUN_ID = "plan";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAMPAIGN.yaml", description = "The campaign file.")
    Path campaign;

    @Option(names = "--manifests",
            description = "Print the objects a cluster run creates (namespace, node probe, and every level's Secrets,"
                    + " ConfigMaps and Pods) as multi-document YAML.")
    boolean manifests;

    @Option(names = "--node", paramLabel = "NAME",
            description = "With --manifests: pin each level's pods to this node (repeat for several), as a run does.")
    List<String> nodes = new ArrayList<>();

    @Mixin
    ClusterOptions.CampaignContext cluster;

    @Override
    public Integer call() {
        CampaignSpec parsed = new CampaignReader().read(campaign);
        PrintWriter out = spec.commandLine().getOut();
        if (manifests) {
            printManifests(out, parsed, nodes);
        } else {
            ClusterTargetSpec target = parsed.target().cluster();
            printPlan(out, parsed, Plan.of(parsed), target != null
                    && ClusterTargetSpec.MACHINECONFIG.equals(target.encapsulation())
                    ? PlanReboots.of(target, cluster) : null);
        }
        out.flush();
        return Main.OK;
    }

    /** @param reboots what each switch reboots, for a campaign switched by MachineConfig; else null */
    static void printPlan(PrintWriter out, CampaignSpec c, Plan plan, PlanReboots reboots) {
        Schedule s = c.schedule();
        out.println("campaign   " + c.name());
        out.println("target     " + describeTarget(c));
        PlanRollouts rollouts = reboots == null || c.target().traits().armSwitching()
                != TargetTraits.ArmSwitching.ROLLOUT ? null : new PlanRollouts(plan, reboots);
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
    private static String segments(Plan plan) {
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
        double worst = 0;
        for (Level level : c.levels()) {
            WorkloadSpec w = level.workload();
            int objects = 1 + w.volumesPerPod().secret() + w.volumesPerPod().configMap();
            worst = Math.max(worst, 2 * objects * w.churn().podsPerSecond());
        }
        if (worst == 0) {
            return;
        }
        long nodes = (long) Math.floor(cluster.qps() / worst);
        out.printf(Locale.ROOT, "API        churn needs up to %s writes/s per node; qps %s serves %s%n",
                BigDecimal.valueOf(worst).stripTrailingZeros().toPlainString(),
                BigDecimal.valueOf(cluster.qps()).stripTrailingZeros().toPlainString(),
                nodes == 0 ? "less than one node at that rate: raise target.cluster.qps or lower the churn"
                        : count((int) Math.min(nodes, Integer.MAX_VALUE), "node") + " at that rate (raise"
                        + " target.cluster.qps for more)");
    }

    private static String estimateLine(CampaignSpec c, Plan plan, PlanRollouts rollouts) {
        TargetTraits traits = c.target().traits();
        boolean inPlace = traits.armSwitching() == TargetTraits.ArmSwitching.IN_PLACE;
        String switches = rollouts != null ? rollouts.estimate().map(e -> ", " + e).orElse("")
                : inPlace || plan.switches() == 0 ? ""
                : ", plus " + count(plan.switches(), "encapsulation switch") + " (each made by hand)";
        Duration rolloutTime = rollouts == null ? Duration.ZERO : rollouts.time();
        return "estimated duration: " + (inPlace ? "" : "at least ") + Durations.rough(plan.estimate().plus(rolloutTime))
                + " (per run: warm-up, measure, " + Durations.exact(Plan.runOverhead(c))
                + (inPlace ? " to set the arm and start the kubelet, " : " to settle, prove the arm and tear down, ")
                + Durations.exact(Plan.DEPLOY_PER_MOUNT) + " per mount to deploy)" + switches;
    }

    /**
     * Prints what a cluster run of the campaign creates, through the same {@link ClusterManifests}
     * the run uses: the campaign's namespace, the node probe and, per level, the pods of each
     * node in {@code nodes} (pinned by hostname; unpinned when none is given).
     */
    static void printManifests(PrintWriter out, CampaignSpec c, List<String> nodes) {
        ClusterTargetSpec cluster = c.target().isLab() ? ClusterTargetSpec.of(ClusterTargetSpec.MANUAL) : c.target().cluster();
        ClusterManifests manifests = new ClusterManifests(cluster, RUN_ID);
        out.println("# kubens-bench plan --manifests: campaign " + c.name() + ", " + count(c.levels().size(), "level")
                + ", run id " + RUN_ID + ", namespace " + manifests.namespaceName() + ", "
                + (nodes.isEmpty() ? "pods not pinned to a node (pin them with --node NAME)" : count(nodes.size(), "node")));
        out.println("# the pods pass Pod Security's restricted profile; on OpenShift they name no runAsUser (its"
                + " restricted SCC assigns one from the namespace's range)");
        print(out, manifests.namespace());
        out.println("# the node probe (namespace " + manifests.probeNamespaceName() + "), image " + cluster.image() + ": "
                + cluster.imageReference().pinning());
        ProbeManifests probe = new ProbeManifests(manifests.probeNamespaceName(), cluster.image(), RUN_ID,
                c.sampling().interval(), cluster.nodeSelector(), false, new ProbePrivileges(cluster.probeAsRoot()));
        probe.privileges().describe().forEach(line -> out.println("#   " + line));
        probe.objects().forEach(o -> print(out, o));
        for (int i = 0; i < c.levels().size(); i++) {
            Level level = c.levels().get(i);
            WorkloadSpec w = level.workload();
            MountPlan mounts = new MountPlan(w);
            out.println("# level " + level.name() + ": " + w.pods() + " pods x " + mounts.mountsPerPod() + " mounts = "
                    + mounts.expectedMounts(w.pods()) + " mounts" + (nodes.size() > 1 ? " per node" : ""));
            List<HasMetadata> objects = manifests.objects(w, levelTag(i), nodes);
            objects.subList(1, objects.size()).forEach(o -> print(out, o));
        }
    }

    /** The run tag a level's objects carry in a dry run. */
    static String levelTag(int level) {
        return "l" + level;
    }

    private static void print(PrintWriter out, HasMetadata object) {
        String yaml = Serialization.asYaml(object);
        out.print(yaml.startsWith("---") ? yaml : "---\n" + yaml);
        if (!yaml.endsWith("\n")) {
            out.println();
        }
    }

    private static String describeTarget(CampaignSpec c) {
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
    private static void table(PrintWriter out, String indent, List<String[]> rows, int... rightAligned) {
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
