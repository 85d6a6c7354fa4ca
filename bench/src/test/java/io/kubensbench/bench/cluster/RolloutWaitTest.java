package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Waiting for the Machine Config Operator to roll a change out to every pool that renders
 * it. The test plays the operator from a second thread and moves on only when the wait has
 * seen each step, so no step depends on timing.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class RolloutWaitTest {

    private static final Duration POLL = Duration.ofMillis(50);
    /** A bound on a wait that should end long before it; not a speed requirement. */
    private static final Duration SAFETY = Duration.ofSeconds(20);
    private static final Map<String, Boolean> BOTH_ON = Map.of("master", true, "worker", true);
    private static final Map<String, Boolean> WORKER_ON = Map.of("worker", true);

    KubernetesMockServer server;
    KubernetesClient client;
    private MockMachineConfigOperator operator;
    private ClusterEncapsulation encapsulation;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService operatorThread = Executors.newSingleThreadExecutor();
    private final RecordingProgress progress = new RecordingProgress();

    @BeforeEach
    void seedASettledCluster() {
        operator = MockMachineConfigOperator.serving(server, client);
        operator.seedPool("master", 3, "rendered-master-1");
        operator.seedPool("worker", 3, "rendered-worker-1");
        encapsulation = new ClusterEncapsulation(client);
    }

    @AfterEach
    void stopTheOperator() throws InterruptedException {
        operatorThread.shutdownNow();
        assertThat(operatorThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private RolloutWait rolloutWait() {
        return new RolloutWait(client, POLL, stop::get);
    }

    @Test
    void aRolloutIsWaitedForUntilEveryPoolRunsTheNewConfig() throws Exception {
        encapsulation.enable(List.of(), null);
        Future<?> rollout = operatorThread.submit(() -> {
            progress.awaitPoll(pools -> true);
            operator.render("master", "rendered-master-2");
            operator.render("worker", "rendered-worker-2");
            operator.updating("master", 3, 0, "rendered-master-1");
            operator.updating("worker", 3, 0, "rendered-worker-1");
            progress.awaitPoll(pools -> pools.stream().allMatch(PoolStatus::updating));
            operator.updating("worker", 3, 2, "rendered-worker-1");
            progress.awaitPoll(pools -> pools.get(1).updatedMachineCount() == 2);
            operator.updated("master", 3, "rendered-master-2");
            progress.awaitPoll(pools -> pools.get(0).rolledOut() && pools.get(0).renders("99-kubens-master"));
            operator.updated("worker", 3, "rendered-worker-2");
            return null;
        });

        RolloutWait.Result done = rolloutWait().await(BOTH_ON, SAFETY, progress);

        assertThat(done.waited()).isTrue();
        assertThat(done.pools()).extracting(PoolStatus::name, PoolStatus::configuration, PoolStatus::rolledOut,
                        PoolStatus::updatedMachineCount)
                .containsExactly(tuple("master", "rendered-master-2", true, 3),
                        tuple("worker", "rendered-worker-2", true, 3));
        assertThat(done.pools().get(1).sources()).containsExactly("00-worker", "99-kubens-worker");
        rollout.get(10, TimeUnit.SECONDS);
        assertThat(progress.polls()).anySatisfy(pools -> assertThat(pools.get(1))
                .extracting(PoolStatus::updating, PoolStatus::updatedMachineCount, PoolStatus::machineCount)
                .containsExactly(true, 2, 3));
        assertThat(progress.polls().get(progress.polls().size() - 1)).isEqualTo(done.pools());
        assertThat(progress.elapsed()).isSorted();
    }

    @Test
    void theWaitDoesNotEndOnTheFinishedStateThePoolsShowedBeforeTheChange() throws Exception {
        encapsulation.enable(List.of("worker"), null);
        Future<?> rollout = operatorThread.submit(() -> {
            progress.awaitPoll(polls -> progress.polls().size() >= 3);
            operator.updating("worker", 3, 0, "rendered-worker-1");
            progress.awaitPoll(pools -> pools.get(0).updating());
            operator.render("worker", "rendered-worker-2");
            operator.updated("worker", 3, "rendered-worker-2");
            return null;
        });

        RolloutWait.Result done = rolloutWait().await(WORKER_ON, SAFETY, progress);

        assertThat(done.pools()).singleElement().extracting(PoolStatus::configuration).isEqualTo("rendered-worker-2");
        rollout.get(10, TimeUnit.SECONDS);
        assertThat(progress.polls().subList(0, 3)).allSatisfy(pools -> assertThat(pools).singleElement()
                .extracting(PoolStatus::rolledOut, PoolStatus::configuration)
                .containsExactly(true, "rendered-worker-1"));
    }

    @Test
    void aCustomPoolInheritingFromWorkerIsWaitedForToo() throws Exception {
        operator.seedCustomPool("infra", "worker", 2, "rendered-infra-1");
        encapsulation.enable(List.of("worker"), null);
        Future<?> rollout = operatorThread.submit(() -> {
            progress.awaitPoll(pools -> true);
            operator.render("worker", "rendered-worker-2");
            operator.render("infra", "rendered-infra-2");
            operator.updated("worker", 3, "rendered-worker-2");
            operator.updating("infra", 2, 0, "rendered-infra-1");
            progress.awaitPoll(pools -> pools.get(1).rolledOut() && pools.get(0).updating());
            progress.awaitPoll(polls -> progress.polls().size() >= 6);
            operator.updated("infra", 2, "rendered-infra-2");
            return null;
        });

        RolloutWait.Result done = rolloutWait().await(WORKER_ON, SAFETY, progress);

        rollout.get(10, TimeUnit.SECONDS);
        assertThat(done.pools()).as("the master pool does not render 99-kubens-worker")
                .extracting(PoolStatus::name, PoolStatus::configuration, PoolStatus::rolledOut)
                .containsExactly(tuple("infra", "rendered-infra-2", true), tuple("worker", "rendered-worker-2", true));
        assertThat(done.pools().get(0).sources()).contains("99-kubens-worker");
        assertThat(progress.polls()).as("worker was through while infra still rebooted")
                .filteredOn(pools -> pools.get(1).rolledOut() && pools.get(0).updating()).hasSizeGreaterThan(1);
    }

    @Test
    void aPoolThatSaysUpdatedWithoutTheMachineConfigInItsConfigIsNotDone() throws Exception {
        encapsulation.enable(List.of("worker"), null);
        operator.updated("worker", 3, "rendered-worker-1");

        assertThatThrownBy(() -> rolloutWait().await(WORKER_ON, Duration.ofMillis(400), progress))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("MachineConfigPools not rolled out after 400ms: worker (3/3 machines updated,"
                        + " not yet rendered with 99-kubens-worker);");
        assertThat(progress.polls()).hasSizeGreaterThan(2).allSatisfy(pools -> assertThat(pools.get(0).rolledOut())
                .as("Updated, every machine through: the old rule's 'done'").isTrue());
    }

    @Test
    void aPoolWhoseMachinesAreUpdatedButNotReadyIsNotDone() throws Exception {
        encapsulation.enable(List.of("worker"), null);
        operator.render("worker", "rendered-worker-2");
        operator.updated("worker", 3, "rendered-worker-2");
        operator.notReady("worker", 1);

        assertThatThrownBy(() -> rolloutWait().await(WORKER_ON, Duration.ofMillis(300), progress))
                .hasMessageStartingWith("MachineConfigPools not rolled out after 300ms: worker (3/3 machines updated,"
                        + " 2 ready);");
    }

    @Test
    void aPoolAlreadyInTheStateEndsTheWaitAtTheFirstLook() throws Exception {
        encapsulation.enable(List.of("worker"), null);
        operator.render("worker", "rendered-worker-2");
        operator.updated("worker", 3, "rendered-worker-2");

        RolloutWait.Result done = rolloutWait().await(WORKER_ON, SAFETY, progress);

        assertThat(done.waited()).isFalse();
        assertThat(progress.polls()).hasSize(1);
        assertThat(rolloutWait().await(Map.of("master", false), Duration.ofMillis(300), RolloutProgress.NONE).waited())
                .as("the master pool runs without 99-kubens-master").isFalse();
    }

    @Test
    void aWaitAfterATimeoutWaitsForTheRolloutStillUnderWay() throws Exception {
        encapsulation.enable(List.of("worker"), null);
        operator.render("worker", "rendered-worker-2");
        operator.updating("worker", 3, 1, "rendered-worker-1");
        assertThatThrownBy(() -> rolloutWait().await(WORKER_ON, Duration.ofMillis(200), RolloutProgress.NONE))
                .hasMessageContaining("worker (1/3 machines updated, not yet rendered with 99-kubens-worker)")
                .hasMessageEndingWith("the next switch to this state waits for these pools first");
        operatorThread.submit(() -> {
            progress.awaitPoll(polls -> progress.polls().size() >= 3);
            operator.updated("worker", 3, "rendered-worker-2");
            return null;
        });

        RolloutWait.Result done = rolloutWait().await(WORKER_ON, SAFETY, progress);

        assertThat(done.waited()).as("nothing changed this time, and still the nodes were waited for").isTrue();
        assertThat(progress.polls()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aDegradedPoolFailsTheWaitWithTheOperatorsMessages() throws Exception {
        encapsulation.enable(List.of(), null);
        operatorThread.submit(() -> {
            progress.awaitPoll(pools -> true);
            operator.render("worker", "rendered-worker-2");
            operator.updating("worker", 3, 0, "rendered-worker-1");
            progress.awaitPoll(pools -> pools.get(1).updating());
            operator.degraded("worker", 3, "rendered-worker-1", "1 nodes are reporting degraded status on sync",
                    "Node worker-1 is reporting: \"unexpected on-disk state validating against rendered-worker-2\"");
            return null;
        });

        assertThatThrownBy(() -> rolloutWait().await(BOTH_ON, SAFETY, progress))
                .isInstanceOf(IOException.class)
                .hasMessage("MachineConfigPool worker is degraded: 1 nodes are reporting degraded status on sync;"
                        + " Node worker-1 is reporting: \"unexpected on-disk state validating against"
                        + " rendered-worker-2\" (1 of 3 machines degraded; see"
                        + " 'oc describe machineconfigpool worker')");
    }

    @Test
    void aPausedPoolFailsTheWaitAtOnce() throws Exception {
        operator.seedCustomPool("infra", "worker", 2, "rendered-infra-1");
        operator.pause("infra");
        encapsulation.enable(List.of("worker"), null);

        assertThatThrownBy(() -> rolloutWait().await(WORKER_ON, SAFETY, progress))
                .isInstanceOf(IOException.class)
                .hasMessage("MachineConfigPool infra is paused: it rolls nothing out until someone unpauses it, and"
                        + " then reboots every node of it (oc patch machineconfigpool infra --type merge -p"
                        + " '{\"spec\":{\"paused\":false}}')");
        assertThat(progress.polls()).isEmpty();
    }

    @Test
    void aTimeoutNamesThePoolsNotThroughWithTheirMachineCounts() throws Exception {
        encapsulation.enable(List.of("worker"), null);
        operator.render("worker", "rendered-worker-2");
        operator.updating("worker", 3, 1, "rendered-worker-1");

        assertThatThrownBy(() -> rolloutWait().await(WORKER_ON, Duration.ofMillis(500), progress))
                .isInstanceOf(IOException.class)
                .hasMessage("MachineConfigPools not rolled out after 500ms: worker (1/3 machines updated, not yet"
                        + " rendered with 99-kubens-worker); nodes drain and reboot one at a time, so allow more (run"
                        + " --rollout-timeout, encapsulation --timeout), e.g. 1s; the next switch to this state waits"
                        + " for these pools first");
        assertThat(progress.polls()).isNotEmpty();
    }

    @Test
    void aStopEndsTheWaitWithinAPollAndAnInterruptAtOnce() throws Exception {
        encapsulation.enable(List.of("worker"), null);
        RolloutWait slowPolls = new RolloutWait(client, Duration.ofMinutes(10), stop::get);
        operatorThread.submit(() -> {
            progress.awaitPoll(pools -> true);
            stop.set(true);
            return null;
        });
        long start = System.nanoTime();

        assertThatThrownBy(() -> slowPolls.await(WORKER_ON, Duration.ofHours(1), progress))
                .isInstanceOf(InterruptedIOException.class)
                .hasMessage("stopped while waiting for MachineConfigPool worker to roll out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        stop.set(false);
        Thread waiting = Thread.currentThread();
        operatorThread.submit(() -> {
            progress.awaitPoll(polls -> progress.polls().size() >= 2);
            waiting.interrupt();
            return null;
        });
        assertThatThrownBy(() -> slowPolls.await(WORKER_ON, Duration.ofHours(1), progress))
                .as("an interrupt during a sleep, or during a call to the API server")
                .isInstanceOfAny(InterruptedException.class, InterruptedIOException.class);
        Thread.interrupted();
    }

    @Test
    void rolesAndTimeoutAreChecked() {
        assertThatThrownBy(() -> rolloutWait().await(Map.of("infra", true), SAFETY, progress))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown role 'infra'");
        assertThatThrownBy(() -> rolloutWait().await(WORKER_ON, Duration.ZERO, progress))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be positive (got 0s)");
    }

    /** Records every poll and lets the operator thread wait until the waiting side has seen a state. */
    private static final class RecordingProgress implements RolloutProgress {

        private final List<List<PoolStatus>> polls = new ArrayList<>();
        private final List<Duration> elapsed = new ArrayList<>();

        @Override
        public synchronized void update(List<PoolStatus> pools, Duration elapsedSoFar) {
            polls.add(List.copyOf(pools));
            elapsed.add(elapsedSoFar);
            notifyAll();
        }

        synchronized List<List<PoolStatus>> polls() {
            return List.copyOf(polls);
        }

        synchronized List<Duration> elapsed() {
            return List.copyOf(elapsed);
        }

        /** Blocks until a poll (past or future) satisfies {@code seen}. */
        synchronized void awaitPoll(Predicate<List<PoolStatus>> seen) throws InterruptedException {
            long deadline = System.nanoTime() + SAFETY.toNanos();
            while (polls.stream().noneMatch(seen)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the wait never reported the expected pool state: " + polls);
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }
}
