package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.analysis.results.RolloutRecord;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A campaign's encapsulation switches with {@code encapsulation: machineconfig}. Before
 * anything is created it works out which pools a switch reboots (from their selectors, not
 * their names), refuses a paused pool and a pool another live campaign is switching, and
 * has the user approve the reboots. Each switch then waits for every pool that renders the
 * MachineConfig, and the campaign's end either puts back the MachineConfigs it found
 * ({@code --restore}) or, after Ctrl-C, removes the one this run created. Every rollout is
 * timed and told to the campaign ({@link RolloutRecorder}).
 */
final class MachineConfigSwitch {

    private final ClusterEncapsulation encapsulation;
    private final RolloutWait wait;
    private final String runId;
    private final SwitchOptions options;
    private final Consumer<String> log;
    private final List<String> roles;
    private final Reboots reboots;
    /** Per role, the MachineConfig as the campaign found it, or null where there was none. */
    private final Map<String, GenericKubernetesResource> found = new LinkedHashMap<>();
    private final RolloutRecorder recorder;
    private Map<String, Boolean> restoring = Map.of();
    private List<String> restored = List.of();
    private Encapsulation last;
    /** The switched MachineConfigs' state: {@code off}, {@code on} or {@code mixed}. */
    private String current;

    private MachineConfigSwitch(KubernetesClient client, Duration poll, String runId, SwitchOptions options,
            Consumer<String> log, List<String> roles, Reboots reboots) {
        this.encapsulation = new ClusterEncapsulation(client);
        this.wait = new RolloutWait(client, poll, options.stopped());
        this.runId = runId;
        this.options = options;
        this.log = log;
        this.roles = roles;
        this.reboots = reboots;
        this.recorder = new RolloutRecorder(reboots);
    }

    /**
     * Works out what the switches of a campaign measuring {@code selected} reboot, says it,
     * refuses what cannot end well and asks for approval; creates nothing.
     */
    static MachineConfigSwitch check(KubernetesClient client, Duration poll, String runId, SelectedNodes selected,
            SwitchOptions options, Consumer<String> log) throws IOException {
        Reboots reboots = ClusterPools.read(client).rebootsFor(selected.names());
        List<String> roles = reboots.roles();
        reboots.requireNonePaused();
        MachineConfigSwitch machineConfigs = new MachineConfigSwitch(client, poll, runId, options, log, roles, reboots);
        machineConfigs.encapsulation.requireNotHeld(roles, runId);
        log.accept("each encapsulation switch creates or deletes " + String.join(" and ", reboots.machineConfigs())
                + " and reboots " + reboots.summary() + ", one node at a time per pool; " + selected.size() + " of them"
                + " measured; a rollout is waited for up to " + Durations.exact(options.rolloutTimeout(reboots))
                + (options.rolloutTimeout() == null ? " (" + RolloutTime.timeoutRule() + ")" : ""));
        options.approval().approve(reboots);
        for (String role : roles) {
            machineConfigs.found.put(role, machineConfigs.encapsulation.machineConfig(role));
        }
        machineConfigs.current = stateOf(machineConfigs.found.values().stream().map(Objects::nonNull).toList());
        return machineConfigs;
    }

    /** Who is told of each rollout as it ends. */
    void onRollout(Consumer<RolloutRecord> listener) {
        recorder.listener(listener);
    }

    /** About how long one switch's rollout takes, before any was measured. */
    Duration rolloutEstimate() {
        return reboots.rolloutEstimate();
    }

    /** {@code on} when every one of the MachineConfigs is there, {@code off} when none is, else {@code mixed}. */
    static String stateOf(Collection<Boolean> present) {
        return present.stream().allMatch(p -> p) ? Encapsulation.ON.label()
                : present.stream().noneMatch(p -> p) ? Encapsulation.OFF.label() : "mixed";
    }

    /**
     * Creates or deletes the MachineConfigs for {@code state} and waits until every pool that
     * renders them runs the result, also when nothing had to change (a previous rollout may
     * still be under way); returns whether nodes rebooted meanwhile.
     */
    boolean switchTo(Encapsulation state) throws IOException {
        boolean on = state == Encapsulation.ON;
        last = state;
        String from = current;
        List<String> changed = on ? encapsulation.enable(roles, runId) : encapsulation.disable(roles, runId);
        current = state.label();
        Duration timeout = options.rolloutTimeout(reboots);
        if (!changed.isEmpty()) {
            log.accept((on ? "created " : "deleted ") + String.join(", ", changed) + "; waiting up to "
                    + Durations.exact(timeout) + " for " + reboots.poolNames() + " to roll it out, rebooting "
                    + Reboots.count(reboots.nodes(), "node") + " one at a time per pool ...");
        }
        Map<String, Boolean> wanted = ClusterEncapsulation.wanted(roles, on);
        return recorder.timed(from, state.label(), changed, () -> await(wanted, timeout)).waited() || !changed.isEmpty();
    }

    /**
     * At the campaign's end, before its objects are deleted: with {@code --restore}, puts the
     * MachineConfigs back as they were found; otherwise, after a stop, removes the one this run
     * created; otherwise says what is left. Never waits; says what it could not do.
     */
    void release(boolean stopped) {
        try {
            if (options.restore()) {
                restore(stopped);
            } else if (stopped) {
                List<String> removed = encapsulation.disableRun(roles, runId);
                if (!removed.isEmpty()) {
                    log.accept("removed " + String.join(", ", removed) + ", which this run created; "
                            + reboots.poolNames() + " " + reboots.poolsVerb("roll") + " back without it on "
                            + (reboots.pools().size() == 1 ? "its" : "their") + " own, rebooting "
                            + Reboots.count(reboots.nodes(), "node") + ": follow it with kubens-bench encapsulation"
                            + " status");
                    return;
                }
                leftAsIs();
            } else {
                leftAsIs();
            }
        } catch (IOException | RuntimeException e) {
            log.accept("could not " + (options.restore() ? "restore" : "remove") + " the campaign's MachineConfigs: "
                    + e.getMessage() + "; see kubens-bench encapsulation status, and remove this run's with:"
                    + " kubens-bench encapsulation disable --run-id " + runId);
        }
    }

    /** After {@link #release}: waits for the rollout of a restore, unless the campaign was stopped. */
    void awaitRestored() {
        if (restoring.isEmpty()) {
            return;
        }
        try {
            String to = stateOf(restoring.values());
            recorder.timed(current, to, restored, () -> await(restoring, options.rolloutTimeout(reboots)));
            current = to;
            log.accept("encapsulation is back as the campaign found it");
        } catch (InterruptedIOException e) {
            log.accept("stopped waiting for the restore; the pools roll it out on their own: follow it with"
                    + " kubens-bench encapsulation status");
        } catch (IOException | RuntimeException e) {
            log.accept("the restore's rollout: " + e.getMessage());
        }
    }

    private void restore(boolean stopped) throws IOException {
        List<String> changes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, Boolean> wanted = new LinkedHashMap<>();
        for (String role : roles) {
            GenericKubernetesResource was = found.get(role);
            wanted.put(role, was != null);
            boolean there = encapsulation.machineConfig(role) != null;
            if (was == null && there) {
                encapsulation.disable(List.of(role), runId).forEach(name -> {
                    changes.add("deleted " + name);
                    names.add(name);
                });
            } else if (was != null && !there && encapsulation.recreate(was)) {
                changes.add("created " + MachineConfigs.name(role) + " again");
                names.add(MachineConfigs.name(role));
            }
        }
        restored = List.copyOf(names);
        if (changes.isEmpty()) {
            log.accept("restore: the MachineConfigs are as the campaign found them");
            if (last != null && !stopped) {
                restoring = wanted;
            }
            return;
        }
        log.accept("restore: " + String.join(", ", changes) + (stopped
                ? "; " + reboots.poolNames() + " " + reboots.poolsVerb("roll") + " it out unwaited, rebooting "
                + Reboots.count(reboots.nodes(), "node") + ": follow it with kubens-bench encapsulation status"
                : "; waiting for " + reboots.poolNames() + " to roll it out ..."));
        if (!stopped) {
            restoring = wanted;
        }
    }

    private void leftAsIs() {
        if (last != null) {
            log.accept("encapsulation is left " + last.label() + " (the last run's arm); run --restore puts back what a"
                    + " campaign found; switching it is a rollout of its own: kubens-bench encapsulation "
                    + (last == Encapsulation.ON ? "disable" : "enable"));
        }
    }

    private RolloutWait.Result await(Map<String, Boolean> wanted, Duration timeout) throws IOException {
        try {
            return wait.await(wanted, timeout, (pools, elapsed) -> log.accept(PoolProgress.line(pools, elapsed)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException stopped = new InterruptedIOException(
                    "interrupted while waiting for the MachineConfigPools");
            stopped.initCause(e);
            throw stopped;
        }
    }
}
