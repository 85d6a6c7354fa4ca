package io.kubensbench.bench.cli;

import io.kubensbench.analysis.results.JsonDocument;
import io.kubensbench.analysis.results.SchemaVersion;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.ArmSpec;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Level;
import io.kubensbench.bench.campaign.Schedule;
import io.kubensbench.bench.cluster.MachineConfigs;
import io.kubensbench.bench.cluster.Reboots;
import io.kubensbench.bench.plan.Plan;
import io.kubensbench.bench.plan.PlannedRun;
import io.kubensbench.workloads.mounts.MountPlan;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan for scripts and CI: the facts the text shows (run order and segments, arms,
 * levels with their mounts, what the switches reboot and the rollouts, the estimate and the
 * warnings) as one document with {@link SchemaVersion}, durations in seconds and nothing
 * rounded. A fact the plan could not learn (the pools, when the cluster did not answer) is
 * null, with the reason beside it.
 */
final class PlanJson implements PlanFormat {

    /** What {@code kind} says this document is. */
    static final String KIND = "plan";

    @Override
    public void write(Plan plan, PlanReboots reboots, PrintWriter out) {
        CampaignSpec c = plan.campaign();
        PlanRollouts rollouts = PlanFormat.rollouts(plan, reboots);
        ObjectNode root = JsonDocument.of(KIND);
        root.put("campaign", c.name());
        target(root.putObject("target"), c);
        ArrayNode arms = root.putArray("arms");
        arm(arms.addObject(), c.baseline(), "baseline");
        arm(arms.addObject(), c.candidate(), "candidate");
        schedule(root.putObject("schedule"), plan);
        ArrayNode levels = root.putArray("levels");
        for (Level level : c.levels()) {
            level(levels.addObject(), level);
        }
        root.put("mountsPerNode", !c.target().isLab());
        api(root, c);
        reboots(root, reboots);
        rollouts(root, plan, rollouts);
        ArrayNode runs = root.putArray("runs");
        for (PlannedRun run : plan.runs()) {
            ObjectNode r = runs.addObject();
            r.put("index", run.index());
            r.put("repetition", run.repetition());
            r.put("level", run.level().name());
            r.put("arm", run.arm().name());
            r.put("encapsulation", run.encapsulation().label());
            r.put("segment", run.segment());
        }
        estimate(root.putObject("estimate"), plan, rollouts);
        ArrayNode warnings = root.putArray("warnings");
        VerdictReach.warning(c).ifPresent(warnings::add);
        if (rollouts != null) {
            rollouts.warning().ifPresent(warnings::add);
        }
        out.print(JsonDocument.text(root));
        out.flush();
    }

    private static void target(ObjectNode o, CampaignSpec c) {
        TargetTraits traits = c.target().traits();
        o.put("kind", traits.kind());
        o.put("armSwitching", traits.armSwitching().name().toLowerCase(Locale.ROOT));
        ClusterTargetSpec k = c.target().cluster();
        if (k == null) {
            return;
        }
        o.put("context", k.context());
        ObjectNode selector = o.putObject("nodeSelector");
        k.nodeSelector().forEach(selector::put);
        o.put("encapsulation", k.encapsulation());
        o.put("namespace", k.namespace());
        o.put("image", k.image());
        o.put("imagePinned", k.imageReference().pinned());
        o.put("probeAsRoot", k.probeAsRoot());
        o.put("qps", k.qps());
        o.put("burst", k.burst());
    }

    private static void arm(ObjectNode o, ArmSpec arm, String role) {
        o.put("name", arm.name());
        o.put("encapsulation", arm.state().label());
        o.put("role", role);
    }

    private static void schedule(ObjectNode o, Plan plan) {
        CampaignSpec c = plan.campaign();
        Schedule s = c.schedule();
        o.put("levels", c.levels().size());
        o.put("arms", c.arms().size());
        o.put("repetitions", s.repetitions());
        o.put("runs", plan.runs().size());
        o.put("order", s.order().label());
        o.put("seed", s.seed());
        o.put("warmupSeconds", seconds(s.warmup()));
        o.put("measureSeconds", seconds(s.measure()));
        o.put("sampleIntervalSeconds", seconds(c.sampling().interval()));
        if (s.order().pairsArms()) {
            o.putNull("segments");
            return;
        }
        ArrayNode segments = o.putArray("segments");
        List<PlannedRun> runs = plan.runs();
        int start = 0;
        for (int i = 1; i <= runs.size(); i++) {
            if (i == runs.size() || runs.get(i).segment() != runs.get(start).segment()) {
                ObjectNode segment = segments.addObject();
                segment.put("segment", runs.get(start).segment());
                segment.put("arm", runs.get(start).arm().name());
                segment.put("firstRepetition", runs.get(start).repetition());
                segment.put("lastRepetition", runs.get(i - 1).repetition());
                segment.put("firstRun", runs.get(start).index());
                segment.put("lastRun", runs.get(i - 1).index());
                start = i;
            }
        }
    }

    private static void level(ObjectNode o, Level level) {
        WorkloadSpec w = level.workload();
        MountPlan mounts = new MountPlan(w);
        o.put("name", level.name());
        o.put("pods", w.pods());
        o.put("containersPerPod", w.containersPerPod());
        o.put("volumesPerPod", w.volumesPerPod().total());
        o.put("churnPodsPerSecond", w.churn().podsPerSecond());
        o.put("mountsPerPod", mounts.mountsPerPod());
        o.put("mounts", mounts.expectedMounts(w.pods()));
    }

    /** The API writes churn needs on a cluster, and how many nodes the campaign's qps serves at that rate. */
    private static void api(ObjectNode root, CampaignSpec c) {
        double writes = c.target().isLab() ? 0 : PlanText.churnWrites(c);
        if (writes == 0) {
            root.putNull("api");
            return;
        }
        ObjectNode o = root.putObject("api");
        o.put("churnWritesPerSecondPerNode", writes);
        o.put("qps", c.target().cluster().qps());
        o.put("nodesServed", PlanText.nodesServed(c.target().cluster().qps(), writes));
    }

    private static void reboots(ObjectNode root, PlanReboots planReboots) {
        if (planReboots == null) {
            root.putNull("reboots");
            return;
        }
        ObjectNode o = root.putObject("reboots");
        Reboots r = planReboots.reboots();
        o.put("counted", r != null);
        o.put("notCounted", planReboots.notCounted());
        ArrayNode machineConfigs = o.putArray("machineConfigs");
        if (r != null) {
            r.machineConfigs().forEach(machineConfigs::add);
            ArrayNode pools = o.putArray("pools");
            for (Reboots.Pool p : r.pools()) {
                ObjectNode pool = pools.addObject();
                pool.put("name", p.name());
                pool.put("nodes", p.nodes());
                pool.put("machineCount", p.machineCount());
                pool.put("paused", p.paused());
            }
            o.put("nodes", r.nodes());
            o.put("measured", r.measured());
            o.put("largestPool", r.largestPool());
        } else {
            MachineConfigs.ROLES.stream().filter(planReboots.roles()::contains).map(MachineConfigs::name)
                    .forEach(machineConfigs::add);
            o.putNull("pools");
            o.putNull("nodes");
            o.putNull("measured");
            o.putNull("largestPool");
        }
        o.put("state", planReboots.state());
    }

    private static void rollouts(ObjectNode root, Plan plan, PlanRollouts rollouts) {
        if (rollouts == null) {
            root.putNull("rollouts");
            return;
        }
        ObjectNode o = root.putObject("rollouts");
        PlanReboots reboots = rollouts.reboots();
        o.put("count", rollouts.count());
        boolean stateKnown = reboots.state() != null;
        if (stateKnown) {
            o.put("beforeFirstRun", rollouts.firstNeeded());
        } else {
            o.putNull("beforeFirstRun");
        }
        o.put("oneMoreIfNotInFirstState", !stateKnown);
        ArrayNode before = o.putArray("betweenRuns");
        for (PlannedRun r : plan.switchPoints()) {
            ObjectNode point = before.addObject();
            point.put("run", r.index());
            point.put("from", plan.runs().get(r.index() - 1).encapsulation().label());
            point.put("to", r.encapsulation().label());
        }
        if (reboots.reboots() == null) {
            o.putNull("secondsEach");
        } else {
            o.put("secondsEach", seconds(reboots.reboots().rolloutEstimate()));
        }
    }

    private static void estimate(ObjectNode o, Plan plan, PlanRollouts rollouts) {
        CampaignSpec c = plan.campaign();
        boolean inPlace = c.target().traits().armSwitching() == TargetTraits.ArmSwitching.IN_PLACE;
        o.put("seconds", seconds(PlanText.estimate(plan, rollouts)));
        o.put("lowerBound", !inPlace);
        o.put("runsSeconds", seconds(plan.estimate()));
        boolean counted = rollouts != null && rollouts.reboots().reboots() != null;
        if (rollouts != null && !counted) {
            o.putNull("rolloutsSeconds");
        } else {
            o.put("rolloutsSeconds", seconds(counted ? rollouts.time() : Duration.ZERO));
        }
        o.put("rolloutsIncluded", counted);
        o.put("perRunOverheadSeconds", seconds(Plan.runOverhead(c)));
        o.put("deployPerMountSeconds", seconds(Plan.DEPLOY_PER_MOUNT));
        o.put("switchesByHand", c.target().traits().armSwitching() == TargetTraits.ArmSwitching.BY_HAND
                ? plan.switches() : 0);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
