package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.RolloutRecord;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.sampling.ProcessCpu;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.bench.target.MountBase;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.bench.target.Settled;
import io.kubensbench.bench.target.Target;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
import io.kubensbench.workloads.cluster.CreateOrAdopt;
import io.kubensbench.workloads.pods.PodFactory;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A campaign target made of a cluster's selected nodes, all measured at once. A probe
 * DaemonSet reads PID 1's counters on each node; each node gets the level's pods, pinned to
 * it; arms switch by the Machine Config Operator ({@code machineconfig}) or are only checked
 * ({@code manual}). Everything created carries the campaign's run label, and {@link #close}
 * removes it by that label, also after Ctrl-C or an interrupt, when it also removes the
 * MachineConfig the run created (or, asked to, restores the ones it found). Opened through
 * {@link ClusterTargets}.
 */
final class ClusterTarget implements Target {

    /**
     * How long each step may take, and how often a rollout is polled; the defaults suit a real
     * cluster. A rollout's own timeout is the user's ({@link SwitchOptions}).
     */
    record Timeouts(Duration probeReady, Duration cleanupWait, Duration rolloutPoll) {
        static Timeouts defaults() {
            return new Timeouts(Duration.ofMinutes(5), Duration.ofMinutes(2), RolloutWait.DEFAULT_POLL_INTERVAL);
        }
    }

    private final KubernetesClient client;
    private final ClusterTargetSpec spec;
    private final String runId;
    private final String version;
    private final Duration interval;
    private final ClusterWorkloadOptions options;
    private final Timeouts timeouts;
    private final SwitchOptions switching;
    private final Consumer<String> log;
    private final ClusterManifests manifests;
    private final ProbeLogs logs;
    private SelectedNodes selected;
    private ProbeReadings readings;
    private ClusterArms arms;
    private MachineConfigSwitch machineConfigs;
    private NodeWorkloads workloads;
    private Consumer<RolloutRecord> rollouts = r -> { };
    /** Whether prepare got as far as creating anything; before that, close has nothing to remove. */
    private boolean created;

    ClusterTarget(KubernetesClient client, ClusterTargetSpec spec, String runId, String version,
            Duration interval, ClusterWorkloadOptions options, Timeouts timeouts, SwitchOptions switching,
            Consumer<String> log) {
        this(client, spec, runId, version, interval, options, timeouts, switching, log, ProbeLogs.FOLLOW);
    }

    ClusterTarget(KubernetesClient client, ClusterTargetSpec spec, String runId, String version,
            Duration interval, ClusterWorkloadOptions options, Timeouts timeouts, SwitchOptions switching,
            Consumer<String> log, ProbeLogs logs) {
        this.logs = logs;
        this.switching = switching;
        this.client = client;
        this.spec = spec;
        this.runId = runId;
        this.version = version;
        this.interval = interval;
        this.options = options;
        this.timeouts = timeouts;
        this.log = log;
        this.manifests = new ClusterManifests(spec, runId);
    }

    @Override
    public void prepare() throws IOException {
        selected = SelectedNodes.select(client, spec.nodeSelector());
        if (ClusterTargetSpec.MACHINECONFIG.equals(spec.encapsulation())) {
            // Before anything is created: a refused or unapproved switch leaves nothing behind.
            machineConfigs = MachineConfigSwitch.check(client, timeouts.rolloutPoll(), runId, selected, switching, log);
            machineConfigs.onRollout(rollouts);
        }
        log.accept("run id " + runId + ": " + selected.size() + " node(s) " + String.join(", ", selected.names())
                + (selected.skipped().isEmpty() ? "" : " (skipped: " + selected.skipped() + ")")
                + "; leftovers of an aborted run go with: kubens-bench cleanup --run-id " + runId
                + (machineConfigs == null ? "" : ", and its MachineConfig with: kubens-bench encapsulation disable"
                + " --run-id " + runId));
        created = true;
        try {
            CreateOrAdopt.create(client.namespaces().resource(manifests.namespace()), manifests.namespace(),
                    Map.of(PodFactory.RUN_LABEL, runId), "choose another target.cluster.namespace");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while creating the campaign's namespace");
        }
        DeployedProbe probe = DeployedProbe.deploy(client, spec, manifests.probeNamespaceName(), runId, interval, logs,
                selected, timeouts, log);
        readings = probe.readings();
        arms = new ClusterArms(selected, readings, machineConfigs);
        workloads = new NodeWorkloads(client, manifests.onOpenShift(probe.probe().manifests().openShift()), selected,
                options);
        readings.open();
    }

    @Override
    public List<String> nodes() {
        return selected == null ? List.of() : selected.names();
    }

    @Override
    public Environment describe() throws IOException {
        return ClusterEnvironment.of(client, version, selected, readings.fresh().values());
    }

    /** A MachineConfig rollout's rule of thumb for the pools a switch reboots; zero when switched by hand. */
    @Override
    public Duration switchEstimate() {
        return machineConfigs == null ? Duration.ZERO : machineConfigs.rolloutEstimate();
    }

    @Override
    public void onSwitch(Consumer<RolloutRecord> listener) {
        rollouts = listener;
        if (machineConfigs != null) {
            machineConfigs.onRollout(listener);
        }
    }

    @Override
    public TargetTraits traits() {
        return spec.traits(runId);
    }

    /**
     * Waits until PID 1 is below the traits' idle share on every node over the same interval,
     * or the settle limit; all nodes are read each round, so a round takes one probe interval
     * however many nodes there are.
     */
    @Override
    public Settled settle() throws IOException {
        TargetTraits traits = traits();
        long start = System.nanoTime();
        long deadline = start + (long) (traits.settleLimitSeconds() * 1e9);
        Map<String, ProbeLine> before = readings.fresh();
        while (true) {
            Map<String, ProbeLine> now = readings.fresh();
            boolean settled = true;
            double busiest = Double.NaN;
            String busiestNode = null;
            for (String node : selected.names()) {
                double rate = rate(before.get(node), now.get(node));
                if (!(rate < traits.idleCores())) {
                    settled = false;
                }
                if (busiestNode == null || !(rate <= busiest)) {
                    busiest = rate;
                    busiestNode = node;
                }
            }
            before = now;
            if (settled || System.nanoTime() > deadline || switching.stopped().getAsBoolean()) {
                return new Settled(Duration.ofNanos(System.nanoTime() - start), settled, busiest, busiestNode);
            }
        }
    }

    /** PID 1's share of a core between two lines; NaN across a reboot, a restart or unknown counters. */
    static double rate(ProbeLine a, ProbeLine b) {
        ProcessCpu x = a.systemdCpu();
        ProcessCpu y = b.systemdCpu();
        long elapsed = b.uptimeNs() - a.uptimeNs();
        if (x == null || y == null || x.resetReason(y) != null || elapsed <= 0) {
            return Double.NaN;
        }
        return (double) (y.schedNs() - x.schedNs()) / elapsed;
    }

    @Override
    public Map<String, NamespaceIdentities> enter(Encapsulation state, WorkloadSpec shape) throws IOException {
        return arms.enter(state);
    }

    /**
     * For a cluster switched by hand: refuses to start, naming each node that disagrees, unless
     * every node is in the state the arm claims, so nothing is recorded under a wrong arm.
     */
    @Override
    public void requireArm(String arm, Encapsulation state) throws IOException {
        arms.require(arm, state);
    }

    /**
     * None: a cluster node also runs other people's pods, whose mounts come and go, so no
     * fixed base exists to check a run's count against.
     */
    @Override
    public Map<String, MountBase> mountBase() {
        return Map.of();
    }

    @Override
    public void deploy(WorkloadSpec workload, String tag) throws IOException {
        workloads.deploy(workload, tag);
    }

    @Override
    public Churn startChurn(WorkloadSpec workload) {
        return workloads.startChurn(workload);
    }

    @Override
    public Map<String, SampleSource> sources() {
        return readings.sources();
    }

    @Override
    public void undeploy() throws IOException {
        workloads.undeploy();
    }

    /**
     * Removes everything labelled with this campaign's run id: pods, probe, bindings,
     * namespaces; and settles the MachineConfigs ({@link MachineConfigSwitch#release}). An
     * interrupt that ended the campaign counts as a stop and is held back until the clean-up
     * is done, so that it does not cut the clean-up short.
     */
    @Override
    public void close() {
        if (!created) {
            return;
        }
        RunCleanup.close(client, runId, timeouts.cleanupWait(), readings, machineConfigs, switching.stopped(), log);
    }
}
