package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.TargetTraits;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.sampling.MountEventWindow;
import io.kubensbench.bench.sampling.Sample;
import io.kubensbench.bench.sampling.SampleSource;
import io.kubensbench.bench.target.NamespaceIdentities;
import io.kubensbench.bench.target.ObservedNodes;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A cluster's selected nodes observed while their own workload runs: the node probe alone, on
 * the same manifests, labels and clean-up by run id as a campaign's, and nothing else of
 * ours; arms checked per node as {@code run --arm} checks them, or switched by the campaign's
 * {@link MachineConfigSwitch} with {@code encapsulation: machineconfig}. Opened through
 * {@link ClusterTargets#observe}.
 */
final class ClusterObservation implements ObservedNodes {

    private final KubernetesClient client;
    private final ClusterTargetSpec spec;
    private final String runId;
    private final String version;
    private final Duration interval;
    private final ClusterTarget.Timeouts timeouts;
    private final SwitchOptions switching;
    private final Consumer<String> log;
    private final ProbeLogs logs;
    private final NodeMountEvents events;
    /** Per node, the probe lines handed out as samples and not yet past a window's end, by sequence number. */
    private final Map<String, Map<Long, ProbeLine>> handedOut = new ConcurrentHashMap<>();
    private SelectedNodes selected;
    private ProbeReadings readings;
    private ClusterArms arms;
    private MachineConfigSwitch machineConfigs;
    /** Whether prepare got as far as creating anything; before that, close has nothing to remove. */
    private boolean created;

    ClusterObservation(KubernetesClient client, ClusterTargetSpec spec, String runId, String version,
            Duration interval, ClusterTarget.Timeouts timeouts, SwitchOptions switching, Consumer<String> log,
            ProbeLogs logs, NodeMountEvents events) {
        this.client = client;
        this.spec = spec;
        this.runId = runId;
        this.version = version;
        this.interval = interval;
        this.timeouts = timeouts;
        this.switching = switching;
        this.log = log;
        this.logs = logs;
        this.events = events;
    }

    /**
     * The cluster's traits for an observation: mount events are the node's own, counted by the
     * probe (where it counts them), and nothing but the probe and its grants is left to clean up.
     */
    @Override
    public TargetTraits traits() {
        TargetTraits t = spec.traits(runId);
        String id = runId == null ? "ID" : runId;
        return new TargetTraits(t.kind(), t.armSwitching(), 0, t.idleCores(), t.settleLimitSeconds(),
                TargetTraits.MountEvents.TABLE_CHANGES, t.harnessCpu(), t.stopLimitSeconds(),
                "kubens-bench cleanup --run-id " + id + " removes the node probe the observation created"
                        + (machineConfigs == null && !ClusterTargetSpec.MACHINECONFIG.equals(spec.encapsulation()) ? ""
                        : ", and kubens-bench encapsulation disable --run-id " + id + " its MachineConfig"));
    }

    @Override
    public void prepare() throws IOException {
        selected = SelectedNodes.select(client, spec.nodeSelector());
        if (ClusterTargetSpec.MACHINECONFIG.equals(spec.encapsulation())) {
            // Before anything is created: a refused or unapproved switch leaves nothing behind.
            machineConfigs = MachineConfigSwitch.check(client, timeouts.rolloutPoll(), runId, selected, switching, log);
        }
        log.accept("run id " + runId + ": observing " + selected.size() + " node(s) " + String.join(", ",
                selected.names()) + (selected.skipped().isEmpty() ? "" : " (skipped: " + selected.skipped() + ")")
                + "; leftovers of an aborted observation go with: kubens-bench cleanup --run-id " + runId
                + (machineConfigs == null ? "" : ", and its MachineConfig with: kubens-bench encapsulation disable"
                + " --run-id " + runId));
        created = true;
        readings = DeployedProbe.deploy(client, spec, new ClusterManifests(spec, runId).probeNamespaceName(), runId,
                interval, logs, selected, timeouts, log).readings();
        arms = new ClusterArms(selected, readings, machineConfigs);
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

    @Override
    public void requireArm(String arm, Encapsulation state) throws IOException {
        arms.require(arm, state);
    }

    @Override
    public Map<String, NamespaceIdentities> identities() throws IOException {
        Map<String, NamespaceIdentities> ids = new LinkedHashMap<>();
        readings.identified().forEach((node, line) -> ids.put(node, line.identities()));
        return ids;
    }

    @Override
    public Map<String, NamespaceIdentities> enter(Encapsulation state) throws IOException {
        handedOut.clear();
        return arms.enter(state);
    }

    @Override
    public Map<String, SampleSource> sources() {
        Map<String, SampleSource> probed = readings.sources();
        Map<String, SampleSource> sources = new LinkedHashMap<>();
        for (String node : selected.names()) {
            sources.put(node, new SampleSource() {
                @Override
                public Sample next() throws IOException {
                    ProbeLine line = readings.next(node);
                    Map<Long, ProbeLine> lines = handedOut.computeIfAbsent(node, k -> new LinkedHashMap<>());
                    synchronized (lines) {
                        lines.put(line.seq(), line);
                    }
                    return line.toSample(System.currentTimeMillis());
                }

                @Override
                public long ticksPerSecond() {
                    return probed.get(node).ticksPerSecond();
                }
            });
        }
        return sources;
    }

    /**
     * Asks {@link NodeMountEvents} about the probe lines behind the two samples, and forgets the
     * lines before {@code to}: a window asks once, at its end, and the next window starts there.
     */
    @Override
    public MountEventWindow.Count mountEvents(String node, Sample from, Sample to) {
        Map<Long, ProbeLine> lines = handedOut.get(node);
        if (lines == null) {
            return MountEventWindow.Count.NOT_COUNTED;
        }
        ProbeLine first;
        ProbeLine last;
        synchronized (lines) {
            first = lines.get(from.seq());
            last = lines.get(to.seq());
            for (Iterator<Long> seqs = lines.keySet().iterator(); seqs.hasNext() && last != null; ) {
                if (seqs.next() == to.seq()) {
                    break;
                }
                seqs.remove();
            }
        }
        return first == null || last == null ? MountEventWindow.Count.NOT_COUNTED
                : events.between(first, last);
    }

    /**
     * Removes everything labelled with this observation's run id (the probe, its grants and
     * namespace) and settles the MachineConfigs as a campaign does ({@link
     * MachineConfigSwitch#release}); an interrupt is held back until the clean-up is done.
     */
    @Override
    public void close() {
        if (!created) {
            return;
        }
        RunCleanup.close(client, runId, timeouts.cleanupWait(), readings, machineConfigs, switching.stopped(), log);
    }
}
