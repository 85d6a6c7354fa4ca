package io.kubensbench.bench.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubensbench.workloads.time.Deadline;
import io.kubensbench.workloads.time.Durations;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Waits for the Machine Config Operator to roll a {@code 99-kubens-<role>} change out to
 * every pool that renders it, so that a campaign's arm is measured on nodes that really
 * are in that state, custom pools inheriting from worker included.
 *
 * <p>A pool is through when its status shows the end state itself, never when it has merely
 * been quiet for a while: its current rendered config lists the MachineConfig among its
 * sources (or, after a delete, no longer does), it is the pool's target, and every machine
 * is updated and ready, with Updated=True and Updating=False. So a wait that starts while a
 * previous switch is still rolling out (after a timeout, say) waits for it too, and one
 * whose pools already show the state returns at the first look.
 *
 * <p>A degraded or paused pool fails the wait at once: neither finishes by waiting. Failures
 * expected while control-plane nodes reboot (no connection, 429, 5xx) are retried until the
 * timeout. The wait ends within {@link #STOP_CHECK} when its stop flag is set (Ctrl-C) or the
 * thread is interrupted, so a campaign can clean up instead of waiting out a rollout.
 */
public final class RolloutWait {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    /** How often a wait looks at its stop flag between polls. */
    static final Duration STOP_CHECK = Duration.ofMillis(200);

    /** What a wait ended with: each pool's last status, and whether it had to wait at all. */
    public record Result(List<PoolStatus> pools, boolean waited) {

        public Result {
            pools = List.copyOf(pools);
        }
    }

    private final MachineConfigApi api;
    private final Duration pollInterval;
    private final BooleanSupplier stopped;

    /** Polls every {@link #DEFAULT_POLL_INTERVAL}; only an interrupt stops it early. */
    public RolloutWait(KubernetesClient client) {
        this(client, DEFAULT_POLL_INTERVAL, () -> false);
    }

    RolloutWait(KubernetesClient client, Duration pollInterval, BooleanSupplier stopped) {
        this.api = new MachineConfigApi(Objects.requireNonNull(client, "client"));
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive (got "
                    + Durations.exact(pollInterval) + ")");
        }
        this.pollInterval = pollInterval;
        this.stopped = Objects.requireNonNull(stopped, "stopped");
    }

    /**
     * Waits until every pool that renders a {@code 99-kubens-<role>} of {@code wanted} runs it
     * (true) or runs without it (false) on every machine, calling {@code progress} after every
     * poll. Fails at once when a pool is degraded or paused, after {@code timeout} naming the
     * pools not through, and with an InterruptedIOException when stopped.
     */
    public Result await(Map<String, Boolean> wanted, Duration timeout, RolloutProgress progress)
            throws IOException, InterruptedException {
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(progress, "progress");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive (got " + Durations.exact(timeout) + ")");
        }
        wanted.keySet().forEach(MachineConfigs::checkRole);
        Deadline deadline = Deadline.after(timeout);
        api.require();
        List<MachineConfigPool> pools = rendering(api.pools(), wanted);
        List<String> names = pools.stream().map(MachineConfigPool::name).toList();
        boolean waited = false;
        KubernetesClientException lastFailure = null;
        List<MachineConfigPool> last = pools;
        while (true) {
            if (pools != null) {
                last = pools;
                for (MachineConfigPool pool : pools) {
                    refuseStuck(pool, wanted);
                }
                progress.update(pools.stream().map(MachineConfigPool::status).toList(), deadline.elapsed());
                if (pools.stream().allMatch(p -> p.reached(wanted))) {
                    return new Result(pools.stream().map(MachineConfigPool::status).toList(), waited);
                }
            }
            if (deadline.passed()) {
                throw timedOut(last, wanted, timeout, lastFailure);
            }
            pause(deadline, names);
            waited = true;
            try {
                pools = rendering(api.pools(), wanted);
                lastFailure = null;
            } catch (IOException e) {
                if (e instanceof InterruptedIOException || !(e.getCause() instanceof KubernetesClientException k)
                        || !worthRetrying(k)) {
                    throw e;
                }
                lastFailure = k;
                pools = null;
            }
        }
    }

    private static List<MachineConfigPool> rendering(List<MachineConfigPool> pools, Map<String, Boolean> wanted) {
        return pools.stream().filter(p -> wanted.keySet().stream().anyMatch(p::renders)).toList();
    }

    /** Sleeps one poll interval (never past the deadline), looking at the stop flag meanwhile. */
    private void pause(Deadline deadline, List<String> pools) throws InterruptedException, InterruptedIOException {
        Deadline poll = Deadline.after(Duration.ofNanos(Math.min(pollInterval.toNanos(),
                Math.max(1, deadline.remainingNanos()))));
        do {
            if (stopped.getAsBoolean()) {
                throw new InterruptedIOException("stopped while waiting for MachineConfigPool"
                        + (pools.size() == 1 ? " " : "s ") + String.join(", ", pools) + " to roll out");
            }
            poll.sleep(STOP_CHECK);
        } while (!poll.passed());
    }

    private static void refuseStuck(MachineConfigPool pool, Map<String, Boolean> wanted) throws IOException {
        PoolStatus status = pool.status();
        if (status.degraded()) {
            throw new IOException("MachineConfigPool " + status.name() + " is degraded: "
                    + (status.degradedMessage().isEmpty() ? "(no message)" : status.degradedMessage())
                    + " (" + status.degradedMachineCount() + " of " + status.machineCount() + " machines degraded;"
                    + " see 'oc describe machineconfigpool " + status.name() + "')");
        }
        if (pool.paused() && !pool.reached(wanted)) {
            throw new IOException("MachineConfigPool " + status.name() + " is paused: it rolls nothing out until"
                    + " someone unpauses it, and then reboots every node of it (oc patch machineconfigpool "
                    + status.name() + " --type merge -p '{\"spec\":{\"paused\":false}}')");
        }
    }

    /** Failures expected while control-plane nodes reboot: no connection, throttled, server errors. */
    private static boolean worthRetrying(KubernetesClientException e) {
        return e.getCode() <= 0 || e.getCode() == 429 || e.getCode() >= 500;
    }

    private RolloutTimeoutException timedOut(List<MachineConfigPool> pools, Map<String, Boolean> wanted, Duration timeout,
            KubernetesClientException lastFailure) {
        String pending = pools.stream().filter(p -> !p.reached(wanted)).map(p -> pending(p, wanted))
                .collect(Collectors.joining(", "));
        String message = "MachineConfigPools not rolled out after " + Durations.exact(timeout) + ": " + pending
                + "; nodes drain and reboot one at a time, so allow more (run --rollout-timeout, encapsulation"
                + " --timeout), e.g. " + Durations.exact(timeout.multipliedBy(2))
                + "; the next switch to this state waits for these pools first";
        if (lastFailure != null) {
            message += "; last poll failed: " + api.explain(lastFailure, "list", MachineConfigApi.MACHINE_CONFIG_POOLS)
                    .getMessage();
        }
        return new RolloutTimeoutException(message, lastFailure);
    }

    /** {@code worker (1/3 machines updated, 1 ready, not yet rendered with 99-kubens-worker)}. */
    private static String pending(MachineConfigPool pool, Map<String, Boolean> wanted) {
        PoolStatus s = pool.status();
        List<String> notes = new ArrayList<>();
        notes.add(s.updatedMachineCount() + "/" + s.machineCount() + " machines updated");
        if (s.readyMachineCount() != s.updatedMachineCount()) {
            notes.add(s.readyMachineCount() + " ready");
        }
        wanted.forEach((role, on) -> {
            if (pool.renders(role) && s.renders(MachineConfigs.name(role)) != on) {
                notes.add((on ? "not yet rendered with " : "still rendered with ") + MachineConfigs.name(role));
            }
        });
        return s.name() + " (" + String.join(", ", notes) + ")";
    }
}
