package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.workloads.cluster.ClusterAccessException;
import io.kubensbench.workloads.cluster.ClusterCleanup;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
import io.kubensbench.workloads.pods.PodFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a switching campaign starts and ends on the cluster: refused before anything exists
 * when a pool is paused or the user says no, stopped in the middle of a rollout (Ctrl-C sets
 * the stop flag; an interrupt does the same) with nothing labelled left, and, asked to,
 * putting back the state it found. The test plays the kubelets and the Machine Config
 * Operator ({@link MockNodes}); a rollout it holds never ends on its own.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterCampaignStopTest {

    static final String CAMPAIGN = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: cluster-stop
            target:
              cluster:
                nodeSelector: {node-role.kubernetes.io/worker: ""}
                encapsulation: machineconfig
                qps: 500
                burst: 100
            workload: {pods: 2, churn: {podsPerSecond: 1}}
            arms: [off, on]
            schedule: {warmup: 300ms, measure: 1s, repetitions: 1, order: interleaved, seed: 1}
            sampling: {interval: 100ms}
            """;
    /** A bound on what should take far less; not a speed requirement. */
    private static final Duration SAFETY = Duration.ofSeconds(60);

    KubernetesMockServer server;
    KubernetesClient client;
    private MockMachineConfigOperator operator;
    private CampaignSpec spec;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @BeforeEach
    void serveTheOperator() {
        operator = MockMachineConfigOperator.serving(server, client);
        spec = new CampaignReader().parse(CAMPAIGN, "cluster-stop.yaml");
    }

    @AfterEach
    void stopTheRunner() throws InterruptedException {
        runner.shutdownNow();
        assertThat(runner.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private ClusterTarget target(MockNodes nodes, String runId, boolean restore, SwitchOptions.Approval approval) {
        return new ClusterTarget(client, spec.target().cluster(), runId, "kubens-bench test", Duration.ofMillis(100),
                new ClusterWorkloadOptions(500, 100, Duration.ofSeconds(30), Duration.ofSeconds(30)),
                new ClusterTarget.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(50)),
                new SwitchOptions(Duration.ofHours(1), restore, approval, stop::get), log::add,
                (probe, node, pod) -> nodes.stream(node));
    }

    @Test
    void ctrlCDuringARolloutStopsWaitingAndLeavesNothingLabelled(@TempDir Path dir) throws Exception {
        ClusterCampaignTest.Ran ran;
        long stoppedAt;
        try (MockNodes nodes = new MockNodes(client, operator, List.of("worker-a", "worker-b"))) {
            nodes.holdRollouts = true;
            ClusterTarget target = target(nodes, "stop0001", false, reboots -> { });
            Future<ClusterCampaignTest.Ran> campaign = runner.submit(() -> ClusterCampaignTest.run(target, spec,
                    CAMPAIGN, dir, stop));
            awaitLog(line -> line.equals("created 99-kubens-worker; waiting up to 1h for pool worker to roll it out,"
                    + " rebooting 2 nodes one at a time per pool ..."));
            awaitLog(line -> line.contains("0/2 machines updated") && line.contains("worker 0/2 Updating"));
            assertThat(campaign.isDone()).as("the wait goes on while the pool rolls out").isFalse();

            stoppedAt = System.nanoTime();
            stop.set(true);
            ran = campaign.get(SAFETY.toSeconds(), TimeUnit.SECONDS);
            nodes.rethrow();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).as("the rollout wait and the clean-up")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(ran.outcome().interrupted()).isTrue();
        assertThat(log).contains("removed 99-kubens-worker, which this run created; pool worker rolls back without it"
                + " on its own, rebooting 2 nodes: follow it with kubens-bench encapsulation status");
        assertThat(log).anyMatch(line -> line.startsWith("cleanup: deleted "));
        assertNothingLabelled("stop0001");
        assertThat(client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).list().getItems()).isEmpty();
    }

    @Test
    void anInterruptDuringARolloutEndsTheWaitAndTheCleanupStillRuns() throws Exception {
        AtomicReference<Exception> thrown = new AtomicReference<>();
        try (MockNodes nodes = new MockNodes(client, operator, List.of("worker-a"))) {
            nodes.holdRollouts = true;
            ClusterTarget target = target(nodes, "intr0001", false, reboots -> { });
            target.prepare();
            Thread thread = new Thread(() -> {
                try {
                    target.enter(Encapsulation.ON, spec.workload());
                } catch (IOException | RuntimeException e) {
                    thrown.set(e);
                } finally {
                    target.close();
                }
            }, "campaign");
            thread.start();
            awaitLog(line -> line.contains("worker 0/1 Updating"));

            thread.interrupt();
            thread.join(SAFETY.toMillis());
            assertThat(thread.isAlive()).isFalse();
            nodes.rethrow();
        }

        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
        assertThat(log).anyMatch(line -> line.startsWith("removed 99-kubens-worker, which this run created"));
        assertNothingLabelled("intr0001");
        assertThat(client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).list().getItems()).isEmpty();
    }

    @Test
    void aPausedPoolThatRendersTheSwitchIsRefusedBeforeAnythingIsCreated() throws Exception {
        try (MockNodes nodes = new MockNodes(client, operator, List.of("worker-a"))) {
            operator.seedCustomPool("infra", "worker", 2, "rendered-infra-1");
            operator.pause("infra");
            ClusterTarget target = target(nodes, "paus0001", false, reboots -> {
                throw new AssertionError("asked to approve a switch that cannot end");
            });

            assertThatThrownBy(target::prepare).isInstanceOf(ClusterAccessException.class)
                    .hasMessageStartingWith("MachineConfigPool infra is paused, so a switch would only take effect,"
                            + " rebooting every node, when someone unpauses it: nothing was created;");
            target.close();
        }

        assertNothingLabelled("paus0001");
        assertThat(client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).list().getItems()).isEmpty();
    }

    @Test
    void switchesThatAreNotApprovedCreateNothing() throws Exception {
        AtomicReference<Reboots> asked = new AtomicReference<>();
        try (MockNodes nodes = new MockNodes(client, operator, List.of("worker-a", "worker-b"))) {
            operator.seedCustomPool("infra", "worker", 3, "rendered-infra-1");
            ClusterTarget target = target(nodes, "deny0001", false, reboots -> {
                asked.set(reboots);
                throw new IllegalArgumentException("not confirmed: nothing was switched");
            });

            assertThatThrownBy(target::prepare).hasMessage("not confirmed: nothing was switched");
            target.close();
        }

        assertThat(asked.get().summary()).as("the custom pool reboots too").isEqualTo("5 nodes (pool infra 3, pool"
                + " worker 2)");
        assertThat(asked.get().measured()).isEqualTo(2);
        assertNothingLabelled("deny0001");
        assertThat(client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).list().getItems()).isEmpty();
    }

    @Test
    void restorePutsBackTheStateTheCampaignFound(@TempDir Path dir) throws Exception {
        try (MockNodes nodes = new MockNodes(client, operator, List.of("worker-a"))) {
            ClusterTarget target = target(nodes, "rest0001", true, reboots -> { });

            ClusterCampaignTest.Ran ran = ClusterCampaignTest.run(target, spec, CAMPAIGN, dir);

            nodes.rethrow();
            assertThat(ran.outcome().ran()).isEqualTo(2);
            assertThat(nodes.rollouts).as("on for the second run, off again for the restore").containsExactly("on",
                    "off");
        }
        assertThat(log).contains("restore: deleted 99-kubens-worker; waiting for pool worker to roll it out ...",
                "encapsulation is back as the campaign found it");
        assertThat(client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).list().getItems()).isEmpty();
        assertNothingLabelled("rest0001");
    }

    private void assertNothingLabelled(String runId) {
        for (ResourceDefinitionContext kind : ClusterCleanup.defaultKinds()) {
            var resources = client.genericKubernetesResources(kind);
            assertThat((kind.isNamespaceScoped() ? resources.inAnyNamespace() : resources)
                    .withLabel(PodFactory.RUN_LABEL, runId).list().getItems())
                    .as(kind.getKind() + " left behind").isEmpty();
        }
        assertThat(client.namespaces().withLabel(PodFactory.RUN_LABEL, runId).list().getItems()).isEmpty();
        assertThat(client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG)
                .withLabel(PodFactory.RUN_LABEL, runId).list().getItems()).isEmpty();
    }

    private void awaitLog(Predicate<String> seen) throws InterruptedException {
        long deadline = System.nanoTime() + SAFETY.toNanos();
        while (log.stream().noneMatch(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never logged the expected line; the log: " + log);
            }
            Thread.sleep(20);
        }
    }
}
