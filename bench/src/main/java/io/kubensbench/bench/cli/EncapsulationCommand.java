package io.kubensbench.bench.cli;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.ImageReference;
import io.kubensbench.bench.cluster.ClusterEncapsulation;
import io.kubensbench.bench.cluster.ClusterPools;
import io.kubensbench.bench.cluster.EncapsulationFormat;
import io.kubensbench.bench.cluster.EncapsulationStatus;
import io.kubensbench.bench.cluster.EncapsulationText;
import io.kubensbench.bench.cluster.EncapsulationVerification;
import io.kubensbench.bench.cluster.MachineConfigPool;
import io.kubensbench.bench.cluster.MachineConfigs;
import io.kubensbench.bench.cluster.NodeVerification;
import io.kubensbench.bench.cluster.PoolProgress;
import io.kubensbench.bench.cluster.ProbeLine;
import io.kubensbench.bench.cluster.ProbePrivileges;
import io.kubensbench.bench.cluster.ProbeSnapshot;
import io.kubensbench.bench.cluster.Reboots;
import io.kubensbench.bench.cluster.RolloutTime;
import io.kubensbench.bench.cluster.RolloutWait;
import io.kubensbench.workloads.cluster.ApiErrors;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench encapsulation status|enable|disable|verify}: switches mount namespace
 * encapsulation on an OpenShift cluster with the documented {@code 99-kubens-*}
 * MachineConfigs, waits for every pool that renders them to roll it out, and checks every
 * node the way the product documentation does (PID 1's mount namespace against kubelet's and
 * CRI-O's). A switch reboots whole pools, so it names them and asks first.
 */
@Command(name = "encapsulation", mixinStandardHelpOptions = true,
        description = "Cluster: show, switch (MachineConfig) or verify mount namespace encapsulation per pool and node.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:done; verify: every node checked is in the state expected of it",
            " 3:verify: a node checked disagrees with the state expected of it",
            " 1:error (verify: the check could not be made)",
            " 2:bad input"})
final class EncapsulationCommand implements Callable<Integer> {

    enum Action { status, enable, disable, verify }

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Mixin
    ClusterOptions.CurrentContext cluster;

    /** status and verify; enable and disable print text only. */
    @Mixin
    OutputOption output;

    @Parameters(index = "0", paramLabel = "ACTION", description = "status, enable, disable or verify.")
    Action action;

    @Option(names = "--pool", paramLabel = "ROLE", split = ",",
            description = "The MachineConfigs to act on, by role: master, worker (default both). Every pool that"
                    + " renders one is acted on: custom pools inheriting from worker too.")
    List<String> pools = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long enable/disable wait for the pools to roll out (default: from the size of the pools"
                    + " it reboots, a fixed part plus an allowance per node of the largest; printed).")
    Duration timeout;

    @Option(names = "--no-wait", description = "enable/disable: return once the MachineConfigs are changed.")
    boolean noWait;

    @Option(names = "--yes", description = "enable/disable: do not ask before the switch reboots the pools' nodes"
            + " (for scripts; without a terminal a switch needs it).")
    boolean yes;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "disable: remove only the MachineConfigs campaign run ID created, also while it runs"
                    + " (without it, disable refuses a MachineConfig of a campaign that is still running).")
    String runId;

    @Option(names = "--expect", paramLabel = "on|off",
            description = "verify: the state every node must be in (default: on where its pool renders an existing"
                    + " 99-kubens MachineConfig, off elsewhere; required on clusters without MachineConfigs).")
    String expect;

    @Option(names = "--image", paramLabel = "IMAGE", defaultValue = ClusterTargetSpec.DEFAULT_IMAGE,
            description = "Shell image for the node probe, NAME[:TAG] or NAME@sha256:DIGEST to pin it (default"
                    + " ${DEFAULT-VALUE}).")
    String image;

    @Option(names = "--probe-as-root",
            description = "status/verify: run the probe as root with CAP_SYS_PTRACE and read the namespace links as"
                    + " the documented check does (root on each node in effect); by default it runs as an"
                    + " unprivileged user and compares the root mount ids in each process's mountinfo.")
    boolean probeAsRoot;

    @Override
    public Integer call() throws Exception {
        if (expect != null && !expect.equals("on") && !expect.equals("off")) {
            throw new IllegalArgumentException("--expect must be on or off (got " + expect + ")");
        }
        if (runId != null && action != Action.disable) {
            throw new IllegalArgumentException("--run-id goes with disable only");
        }
        try {
            new ImageReference(image);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--image " + e.getMessage(), e);
        }
        List<String> roles = pools.isEmpty() ? MachineConfigs.ROLES : pools;
        roles.forEach(MachineConfigs::checkRole);
        if (output.json() && (action == Action.enable || action == Action.disable)) {
            throw new IllegalArgumentException("-o json goes with status and verify only");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (KubernetesClient client = cluster.connect(null)) {
            ClusterEncapsulation mc = new ClusterEncapsulation(client);
            return switch (action) {
                case status -> status(client, mc, roles, out, err);
                case enable, disable -> change(client, mc, roles, action == Action.enable, out, err);
                case verify -> verify(client, mc, roles, out, err);
            };
        }
    }

    private int change(KubernetesClient client, ClusterEncapsulation mc, List<String> roles, boolean on,
            PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        List<String> changing = on ? mc.toEnable(roles)
                : runId == null ? mc.toDisable(roles, null) : mc.toDisableRun(roles, runId);
        List<String> waitFor = changing.isEmpty() ? roles : changing;
        Reboots reboots = ClusterPools.read(client).reboots(waitFor, 0);
        if (changing.isEmpty()) {
            out.println("nothing to change: encapsulation is already " + (on ? "enabled" : "disabled") + " for "
                    + String.join(", ", roles) + (runId == null ? "" : " as far as run " + runId + " goes"));
        } else {
            reboots.requireNonePaused();
            err.println("kubens-bench: " + (on ? "creating " : "deleting ") + String.join(", ", reboots.machineConfigs())
                    + " reboots " + reboots.summary() + ", one node at a time per pool");
            err.flush();
            RebootConfirmation.require(reboots, 1, yes, main.prompt);
            List<String> changed = on ? mc.enable(changing, null)
                    : runId == null ? mc.disable(changing, null) : mc.disableRun(changing, runId);
            out.println(changed.isEmpty() ? "nothing to change: someone else changed it meanwhile"
                    : (on ? "created " : "deleted ") + String.join(", ", changed));
        }
        out.flush();
        if (noWait) {
            return Main.OK;
        }
        Duration limit = timeout != null ? timeout : reboots.rolloutTimeout();
        err.println("kubens-bench: waiting up to " + Durations.exact(limit) + (timeout != null ? ""
                : " (" + RolloutTime.timeoutRule() + ")") + " for pools " + poolNames(reboots) + " to roll it out ...");
        err.flush();
        // The pools are to run what the MachineConfigs now say: another run's may stay after disable --run-id.
        List<String> enabled = mc.enabledRoles();
        Map<String, Boolean> wanted = new LinkedHashMap<>();
        waitFor.forEach(role -> wanted.put(role, enabled.contains(role)));
        new RolloutWait(client).await(wanted, limit, (p, elapsed) -> {
            err.println("kubens-bench: " + PoolProgress.line(p, elapsed));
            err.flush();
        });
        out.print(new EncapsulationText().pools(new EncapsulationStatus(ClusterPools.read(client).rendering(roles),
                mc.enabledRoles(), List.of())));
        out.println("next: kubens-bench encapsulation verify");
        return Main.OK;
    }

    private int status(KubernetesClient client, ClusterEncapsulation mc, List<String> roles, PrintWriter out,
            PrintWriter err) throws IOException {
        List<MachineConfigPool> rendering;
        List<String> enabled;
        try {
            rendering = ClusterPools.read(client).rendering(roles);
            enabled = mc.enabledRoles();
        } catch (ClusterAccessException e) {
            if (!e.getMessage().equals(ClusterEncapsulation.NO_API)) {
                throw e;
            }
            rendering = null;
            enabled = List.of();
        }
        EncapsulationStatus status = new EncapsulationStatus(rendering, enabled,
                readNodes(client, selected(client, roles), err));
        out.print(EncapsulationFormat.of(output.json()).status(status));
        out.flush();
        return Main.OK;
    }

    private int verify(KubernetesClient client, ClusterEncapsulation mc, List<String> roles, PrintWriter out,
            PrintWriter err) throws IOException {
        List<String> enabled;
        ClusterPools pools;
        try {
            enabled = expect == null ? mc.enabledRoles() : List.of();
            pools = expect == null ? ClusterPools.read(client) : null;
        } catch (ClusterAccessException e) {
            if (!e.getMessage().equals(ClusterEncapsulation.NO_API)) {
                throw e;
            }
            throw new ClusterAccessException("this cluster has no MachineConfig API to say what each node should be:"
                    + " pass --expect on or --expect off");
        }
        List<Node> chosen = selected(client, roles);
        Map<String, Boolean> expected = new LinkedHashMap<>();
        for (Node node : chosen) {
            String name = node.getMetadata().getName();
            expected.put(name, expect != null ? expect.equals("on") : pools.poolOf(name)
                    .map(pool -> enabled.stream().anyMatch(pool::renders)).orElse(enabled.contains(role(node))));
        }
        EncapsulationVerification verification = new EncapsulationVerification(readNodes(client, chosen, err), expected);
        out.print(EncapsulationFormat.of(output.json()).verification(verification));
        out.flush();
        return verification.exitCode();
    }

    /** The documented check on each of {@code chosen}, read by a short-lived probe. */
    private List<NodeVerification> readNodes(KubernetesClient client, List<Node> chosen, PrintWriter err)
            throws IOException {
        List<String> names = chosen.stream().map(n -> n.getMetadata().getName()).toList();
        ProbeSnapshot.Readings read = new ProbeSnapshot(client, image, new ProbePrivileges(probeAsRoot),
                Duration.ofMinutes(5), line -> {
            err.println("kubens-bench: " + line);
            err.flush();
        }).take(Map.of());
        List<NodeVerification> out = new ArrayList<>();
        for (String name : names) {
            ProbeLine line = read.lines().get(name);
            String skipped = read.skipped().get(name);
            out.add(skipped != null ? NodeVerification.skipped(name, skipped) : line == null
                    ? new NodeVerification(name, null, null, null, NodeVerification.State.UNKNOWN,
                            "its probe printed nothing") : NodeVerification.of(name, line));
        }
        return out;
    }

    /** Nodes of the chosen pools, by their role labels. */
    private static List<Node> selected(KubernetesClient client, List<String> roles) throws IOException {
        List<Node> nodes;
        try {
            nodes = client.nodes().list().getItems();
        } catch (KubernetesClientException e) {
            throw ApiErrors.explain(e, "list", "nodes");
        }
        return nodes.stream().filter(n -> roles.contains(role(n)))
                .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName())).toList();
    }

    /** master for control-plane nodes, worker otherwise (custom pools inherit the worker MachineConfig). */
    static String role(Node node) {
        return MachineConfigs.rolesOf(node).contains(MachineConfigs.MASTER) ? MachineConfigs.MASTER
                : MachineConfigs.WORKER;
    }

    private static String poolNames(Reboots reboots) {
        return reboots.pools().isEmpty() ? "(none renders it)"
                : String.join(", ", reboots.pools().stream().map(Reboots.Pool::name).toList());
    }
}
