package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Waiting for the Machine Config Operator to roll a change out. The test plays the operator
 * from a second thread and moves on only when the wait has seen each step, so no step
 * depends on timing.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ClusterEncapsulationRolloutTest {

    private static final Duration POLL = Duration.ofMillis(50);
    /** A bound on a wait that should end long before it; not a speed requirement. */
    private static final Duration SAFETY = Duration.ofSeconds(20);
    private static final Duration NO_GRACE_IN_THIS_TEST = Duration.ofMinutes(5);

    KubernetesMockServer server;
    KubernetesClient client;
    private MockMachineConfigOperator operator;
    private final ExecutorService operatorThread = Executors.newSingleThreadExecutor();
    private final RecordingProgress progress = new RecordingProgress();

    @BeforeEach
    void seedASettledCluster() {
        operator = MockMachineConfigOperator.serving(server, client);
        operator.seedPool("master", 3, "rendered-master-1");
        operator.seedPool("worker", 3, "rendered-worker-1");
    }

    @AfterEach
    void stopTheOperator() throws InterruptedException {
        operatorThread.shutdownNow();
        assertThat(operatorThread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRolloutIsWaitedForUntilEveryPoolRunsTheNewConfig() throws Exception {
        ClusterEncapsulation encapsulation = new ClusterEncapsulation(client, POLL, NO_GRACE_IN_THIS_TEST);
        encapsulation.enable(List.of());
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
            progress.awaitPoll(pools -> pools.get(0).rolledOut());
            operator.updated("worker", 3, "rendered-worker-2");
            return null;
        });

        List<PoolStatus> done = encapsulation.awaitRollout(List.of(), SAFETY, progress);

        assertThat(done).extracting(PoolStatus::name, PoolStatus::configuration, PoolStatus::rolledOut,
                        PoolStatus::updatedMachineCount)
                .containsExactly(tuple("master", "rendered-master-2", true, 3),
                        tuple("worker", "rendered-worker-2", true, 3));
        rollout.get(10, TimeUnit.SECONDS);
        assertThat(progress.polls()).anySatisfy(pools -> assertThat(pools.get(1))
                .extracting(PoolStatus::updating, PoolStatus::updatedMachineCount, PoolStatus::machineCount)
                .containsExactly(true, 2, 3));
        assertThat(progress.polls().get(progress.polls().size() - 1)).isEqualTo(done);
        assertThat(progress.elapsed()).isSorted();
    }

    @Test
    void theWaitDoesNotEndOnTheFinishedStateThePoolsShowedBeforeTheChange() throws Exception {
        ClusterEncapsulation encapsulation = new ClusterEncapsulation(client, POLL, NO_GRACE_IN_THIS_TEST);
        encapsulation.enable(List.of("worker"));
        Future<?> rollout = operatorThread.submit(() -> {
            progress.awaitPoll(polls -> progress.polls().size() >= 3);
            operator.updating("worker", 3, 0, "rendered-worker-1");
            progress.awaitPoll(pools -> pools.get(0).updating());
            operator.render("worker", "rendered-worker-2");
            operator.updated("worker", 3, "rendered-worker-2");
            return null;
        });

        List<PoolStatus> done = encapsulation.awaitRollout(List.of("worker"), SAFETY, progress);

        assertThat(done).singleElement().extracting(PoolStatus::configuration).isEqualTo("rendered-worker-2");
        rollout.get(10, TimeUnit.SECONDS);
        assertThat(progress.polls().subList(0, 3)).allSatisfy(pools -> assertThat(pools).singleElement()
                .extracting(PoolStatus::rolledOut, PoolStatus::configuration)
                .containsExactly(true, "rendered-worker-1"));
    }

    @Test
    void aPoolTheChangeDoesNotConcernCountsAsRolledOutAfterTheGracePeriod() throws Exception {
        Duration grace = Duration.ofMillis(300);
        ClusterEncapsulation encapsulation = new ClusterEncapsulation(client, POLL, grace);
        encapsulation.enable(List.of("worker"));
        operator.render("worker", "rendered-worker-2");
        operator.updating("worker", 3, 0, "rendered-worker-1");
        operatorThread.submit(() -> {
            progress.awaitPoll(pools -> true);
            operator.updated("worker", 3, "rendered-worker-2");
            return null;
        });

        List<PoolStatus> done = encapsulation.awaitRollout(List.of(), SAFETY, progress);

        assertThat(done).extracting(PoolStatus::name, PoolStatus::configuration)
                .containsExactly(tuple("master", "rendered-master-1"), tuple("worker", "rendered-worker-2"));
        assertThat(progress.elapsed().get(progress.elapsed().size() - 1)).isGreaterThanOrEqualTo(grace);
    }

    @Test
    void aDegradedPoolFailsTheWaitWithTheOperatorsMessages() throws Exception {
        ClusterEncapsulation encapsulation = new ClusterEncapsulation(client, POLL, NO_GRACE_IN_THIS_TEST);
        encapsulation.enable(List.of());
        operatorThread.submit(() -> {
            progress.awaitPoll(pools -> true);
            operator.render("worker", "rendered-worker-2");
            operator.updating("worker", 3, 0, "rendered-worker-1");
            progress.awaitPoll(pools -> pools.get(1).updating());
            operator.degraded("worker", 3, "rendered-worker-1", "1 nodes are reporting degraded status on sync",
                    "Node worker-1 is reporting: \"unexpected on-disk state validating against rendered-worker-2\"");
            return null;
        });

        assertThatThrownBy(() -> encapsulation.awaitRollout(List.of(), SAFETY, progress))
                .isInstanceOf(IOException.class)
                .hasMessage("MachineConfigPool worker is degraded: 1 nodes are reporting degraded status on sync;"
                        + " Node worker-1 is reporting: \"unexpected on-disk state validating against"
                        + " rendered-worker-2\" (1 of 3 machines degraded; see"
                        + " 'oc describe machineconfigpool worker')");
    }

    @Test
    void aTimeoutNamesThePoolsNotThroughWithTheirMachineCounts() throws Exception {
        ClusterEncapsulation encapsulation = new ClusterEncapsulation(client, POLL, NO_GRACE_IN_THIS_TEST);
        encapsulation.enable(List.of("worker"));
        operator.render("worker", "rendered-worker-2");
        operator.updating("worker", 3, 1, "rendered-worker-1");

        assertThatThrownBy(() -> encapsulation.awaitRollout(List.of("worker"), Duration.ofMillis(500), progress))
                .isInstanceOf(IOException.class)
                .hasMessage("MachineConfigPools not rolled out after 500ms: worker (1/3 machines updated);"
                        + " nodes drain and reboot one by one, so raise the default with --timeout"
                        + " (e.g. --timeout 1s)");
        assertThat(progress.polls()).isNotEmpty();
    }

    @Test
    void aTimeoutBeforeTheOperatorStartedSaysSo() throws Exception {
        ClusterEncapsulation encapsulation = new ClusterEncapsulation(client, POLL, NO_GRACE_IN_THIS_TEST);
        encapsulation.enable(List.of());

        assertThatThrownBy(() -> encapsulation.awaitRollout(List.of(), Duration.ofMillis(400), progress))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("MachineConfigPools not rolled out after 400ms: master (3/3 machines"
                        + " updated, not started yet), worker (3/3 machines updated, not started yet);");
    }

    @Test
    void poolsAreReadByNameAndAnUnknownPoolIsNamed() throws Exception {
        ClusterEncapsulation encapsulation = new ClusterEncapsulation(client, POLL, NO_GRACE_IN_THIS_TEST);

        assertThat(encapsulation.pools(List.of())).extracting(PoolStatus::name).containsExactly("master", "worker");
        assertThat(encapsulation.pools(List.of("worker"))).singleElement()
                .isEqualTo(new PoolStatus("worker", true, false, false, "", 3, 3, 0, "rendered-worker-1"));
        assertThatThrownBy(() -> encapsulation.pools(List.of("worker", "infra")))
                .isInstanceOf(IOException.class)
                .hasMessage("no MachineConfigPool infra on this cluster (it has: master, worker)");
        assertThatThrownBy(() -> encapsulation.awaitRollout(List.of("infra"), SAFETY, progress))
                .hasMessage("no MachineConfigPool infra on this cluster (it has: master, worker)");
        assertThatThrownBy(() -> encapsulation.awaitRollout(List.of(), Duration.ZERO, progress))
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
