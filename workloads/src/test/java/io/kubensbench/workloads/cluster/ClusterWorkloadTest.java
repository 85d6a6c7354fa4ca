package io.kubensbench.workloads.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.workloads.pods.PodFactory;
import io.kubensbench.workloads.spec.Churn;
import io.kubensbench.workloads.spec.VolumeCounts;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A deployment against fabric8's mock API server, which stores objects like a real one. */
@EnableKubernetesMockClient(crud = true, https = false)
class ClusterWorkloadTest {

    /** secret 4, projected 1, configMap 2, emptyDirMemory 2, downwardAPI 1: ten volumes. */
    private static final VolumeCounts TEN_VOLUMES = VolumeCounts.of(4, 1, 2, 2, 1);
    private static final int OBJECTS_PER_POD = 4 + 2 + 1;
    /** One volume of each kind that is an object of its own: quicker where the shape is moot. */
    private static final VolumeCounts SMALL = VolumeCounts.of(1, 0, 1, 0, 0);
    private static final String NAMESPACE = "kb-bench";
    private static final String RUN = "c1";
    private static final String ATTEMPT = "c1-a1";
    private static final Map<String, String> NAMESPACE_LABELS = Map.of(
            PodFactory.RUN_LABEL, RUN, PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY);
    private static final Duration POLL = Duration.ofMillis(20);

    KubernetesMockServer server;
    KubernetesClient client;

    private final Logger quietLog = QuietMockServer.quiet();
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopBackground() throws InterruptedException {
        background.shutdownNow();
        assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aCampaignSizedDeploymentCreatesExactlyTheWorkloadAllLabelled() throws Exception {
        ClusterWorkload workload = workload(factory(200, TEN_VOLUMES), 2000, 100);
        List<Integer> progress = new ArrayList<>();

        workload.ensureNamespace(NAMESPACE_LABELS);
        int created = workload.deploy(progress::add);

        assertThat(created).isEqualTo(200 * OBJECTS_PER_POD);
        assertThat(progress).hasSize(created).isSorted().endsWith(created);
        List<Pod> pods = client.pods().inNamespace(NAMESPACE).list().getItems();
        List<Secret> secrets = client.secrets().inNamespace(NAMESPACE).list().getItems();
        List<ConfigMap> configMaps = client.configMaps().inNamespace(NAMESPACE).list().getItems();
        assertThat(pods).hasSize(200);
        assertThat(secrets).hasSize(200 * 4);
        assertThat(configMaps).hasSize(200 * 2);
        List<HasMetadata> all = new ArrayList<>(pods);
        all.addAll(secrets);
        all.addAll(configMaps);
        assertThat(all).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .containsEntry(PodFactory.RUN_LABEL, RUN)
                .containsEntry(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY)
                .containsEntry(PodFactory.ATTEMPT_LABEL, ATTEMPT));
        assertThat(pods).allSatisfy(p -> assertThat(p.getSpec().getVolumes()).hasSize(10));
        assertThat(pods).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(workload.podNames());
        assertThat(client.namespaces().withName(NAMESPACE).get().getMetadata().getLabels())
                .containsAllEntriesOf(NAMESPACE_LABELS);
    }

    @Test
    void deployHoldsTheQpsLimitWithinTenPercent() throws Exception {
        // The mock serves about 100 creates/s on a loaded 2-core machine; 40/s leaves room.
        double qps = 40;
        int burst = 10;
        ClusterWorkload workload = workload(factory(30, TEN_VOLUMES), qps, burst);
        long[] afterBurst = new long[1];

        long start = System.nanoTime();
        int created = workload.deploy(n -> {
            if (n == burst) {
                afterBurst[0] = System.nanoTime();
            }
        });
        long end = System.nanoTime();

        double rate = (created - burst) / ((end - afterBurst[0]) / 1e9);
        assertThat(created).isEqualTo(30 * OBJECTS_PER_POD);
        assertThat(rate).as("creates per second after the burst (%.1f s in all)",
                (end - start) / 1e9).isBetween(0.90 * qps, 1.10 * qps);
    }

    @Test
    void awaitRunningReturnsOnceEveryPodRuns() throws Exception {
        ClusterWorkload workload = workload(factory(20), 2000, 100);
        workload.deploy(n -> { });
        List<Integer> running = new CopyOnWriteArrayList<>();

        Future<?> kubelet = background.submit(() -> {
            for (String name : workload.podNames()) {
                setStatus(name, new PodStatusBuilder().withPhase("Running").build());
            }
            return null;
        });
        workload.awaitRunning(Duration.ofSeconds(10), running::add);

        kubelet.get(10, TimeUnit.SECONDS);
        assertThat(running).isSorted().last().isEqualTo(20);
    }

    @Test
    void awaitRunningTimesOutNamingThePodsThatDoNotRun() throws Exception {
        ClusterWorkload workload = workload(factory(20), 2000, 100);
        workload.deploy(n -> { });
        for (String name : workload.podNames()) {
            if (!name.equals("kb-c1-a1-7") && !name.equals("kb-c1-a1-12")) {
                setStatus(name, new PodStatusBuilder().withPhase("Running").build());
            }
        }
        setStatus("kb-c1-a1-7", new PodStatusBuilder().withPhase("Pending")
                .addNewContainerStatus().withName("c0").withNewState().withNewWaiting()
                    .withReason("ImagePullBackOff").endWaiting().endState()
                .endContainerStatus().build());
        List<Integer> running = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> workload.awaitRunning(Duration.ofMillis(300), running::add))
                .isInstanceOf(IOException.class)
                .hasMessage("2 of 20 pods not Running after 300ms:"
                        + " kb-c1-a1-7 Pending (ImagePullBackOff), kb-c1-a1-12 Pending");
        assertThat(running).isNotEmpty().containsOnly(18);
    }

    @Test
    void awaitRunningFailsAtOnceWhenAPodHasEnded() throws Exception {
        ClusterWorkload workload = workload(factory(3), 2000, 100);
        workload.deploy(n -> { });
        setStatus("kb-c1-a1-1", new PodStatusBuilder().withPhase("Failed")
                .withReason("Evicted").build());

        long start = System.nanoTime();
        assertThatThrownBy(() -> workload.awaitRunning(Duration.ofMinutes(10), n -> { }))
                .isInstanceOf(IOException.class)
                .hasMessage("pod kb-c1-a1-1 in namespace kb-bench is Failed (Evicted)"
                        + " and will not run again");
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofMinutes(1).toNanos());
    }

    @Test
    void churnReplacesTheOldestPodsWithFreshlyNamedOnes() throws Exception {
        ClusterWorkload workload = workload(factory(50), 2000, 100);
        workload.deploy(n -> { });

        ClusterWorkload.Churner churner = workload.startChurn(20);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (churner.replaced() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long replaced = churner.stop();

        assertThat(replaced).isBetween(5L, 49L).isEqualTo(churner.replaced());
        List<Pod> pods = client.pods().inNamespace(NAMESPACE).list().getItems();
        assertThat(pods).hasSize(50).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(workload.podNames());
        for (int index = 0; index < 50; index++) {
            String expected = index < replaced ? "kb-c1-a1-" + index + "-g1" : "kb-c1-a1-" + index;
            assertThat(workload.podNames().get(index)).isEqualTo(expected);
        }
        for (int index = 0; index < replaced; index++) {
            assertThat(client.pods().inNamespace(NAMESPACE).withName("kb-c1-a1-" + index).get())
                    .isNull();
            assertThat(client.secrets().inNamespace(NAMESPACE)
                    .withName("kb-c1-a1-" + index + "-secret-0").get()).isNull();
            assertThat(client.secrets().inNamespace(NAMESPACE)
                    .withName("kb-c1-a1-" + index + "-g1-secret-0").get()).isNotNull();
        }
        assertThat(pods).allSatisfy(p -> assertThat(p.getMetadata().getLabels())
                .containsEntry(PodFactory.RUN_LABEL, RUN)
                .containsEntry(PodFactory.ATTEMPT_LABEL, ATTEMPT)
                .containsEntry(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY));
        assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems()).hasSize(50);
        assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems()).hasSize(50);
        assertThat(workload.writesPerReplacement()).isEqualTo(2 * 3);
    }

    @Test
    void churnAtZeroLeavesThePodsAlone() throws Exception {
        ClusterWorkload workload = workload(factory(5), 2000, 100);
        workload.deploy(n -> { });

        ClusterWorkload.Churner churner = workload.startChurn(0);

        assertThat(churner.replaced()).isZero();
        assertThat(churner.stop()).isZero();
        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems())
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("kb-c1-a1-0", "kb-c1-a1-1", "kb-c1-a1-2", "kb-c1-a1-3",
                        "kb-c1-a1-4");
        assertThatThrownBy(() -> workload.startChurn(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("churn podsPerSecond must be 0 or more (got -1.0)");
    }

    @Test
    void aChurnFailureStopsTheChurnAndIsReportedByStop() throws Exception {
        ClusterWorkload workload = workload(factory(5), 2000, 100);
        workload.deploy(n -> { });
        server.expect().post().withPath("/api/v1/namespaces/kb-bench/secrets")
                .andReturn(403, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure",
                        "code", 403, "reason", "Forbidden",
                        "message", "secrets is forbidden: quota exceeded"))
                .always();

        ClusterWorkload.Churner churner = workload.startChurn(50);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (client.pods().inNamespace(NAMESPACE).withName("kb-c1-a1-0").get() != null
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThatThrownBy(churner::stop)
                .isInstanceOf(ClusterAccessException.class)
                .hasMessage("churn stopped after 0 replacements: forbidden: the cluster refused to create"
                        + " Secret kb-bench/kb-c1-a1-0-g1-secret-0: secrets is forbidden: quota exceeded");
        assertThat(churner.replaced()).isZero();
    }

    @Test
    void deleteRemovesThisDeploymentOnly() throws Exception {
        PodFactory first = factory(10);
        PodFactory second = first.withAttempt("c1-a2");
        ClusterWorkload old = workload(first, 2000, 100);
        ClusterWorkload next = workload(second, 2000, 100);
        old.deploy(n -> { });
        next.deploy(n -> { });
        old.startChurn(50);

        old.delete();

        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems())
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(next.podNames());
        assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems())
                .hasSize(10).allSatisfy(s -> assertThat(s.getMetadata().getLabels())
                        .containsEntry(PodFactory.ATTEMPT_LABEL, "c1-a2"));
        assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems())
                .hasSize(10).allSatisfy(c -> assertThat(c.getMetadata().getLabels())
                        .containsEntry(PodFactory.ATTEMPT_LABEL, "c1-a2"));
    }

    @Test
    void deleteTimesOutCountingThePodsThatStay() throws Exception {
        ClusterWorkload workload = new ClusterWorkload(client, factory(3),
                new RateLimiter(2000, 100), new ClusterWorkloadOptions(2000, 100,
                        Duration.ofSeconds(10), Duration.ofMillis(200)), POLL);
        workload.deploy(n -> { });
        // A finalizer keeps a deleted pod, as a node that is down keeps it on a real cluster.
        Pod held = client.pods().inNamespace(NAMESPACE).withName("kb-c1-a1-2").get();
        held.getMetadata().setFinalizers(List.of("kubens-bench.io/test"));
        client.pods().inNamespace(NAMESPACE).resource(held).update();

        assertThatThrownBy(workload::delete)
                .isInstanceOf(IOException.class)
                .hasMessage("1 pod still present in namespace kb-bench labelled"
                        + " kubens-bench.io/run=c1,kubens-bench.io/attempt=c1-a1 after 200ms"
                        + " (deleted with grace period 0)");
    }

    @Test
    void ensureNamespaceCreatesItLabelledOrKeepsAnExistingOne() throws Exception {
        client.resource(new NamespaceBuilder().withNewMetadata().withName("users-own")
                .addToLabels("team", "perf").endMetadata().build()).create();
        PodFactory inUsersOwn = new PodFactory(new WorkloadSpec(1, 1, SMALL, Churn.none()), RUN,
                "users-own", "img", Map.of());

        workload(factory(1), 2000, 100).ensureNamespace(NAMESPACE_LABELS);
        workload(inUsersOwn, 2000, 100).ensureNamespace(NAMESPACE_LABELS);

        assertThat(client.namespaces().withName(NAMESPACE).get().getMetadata().getLabels())
                .isEqualTo(NAMESPACE_LABELS);
        assertThat(client.namespaces().withName("users-own").get().getMetadata().getLabels())
                .isEqualTo(Map.of("team", "perf"));
    }

    @Test
    void ensureNamespaceRefusesATerminatingNamespace() throws Exception {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
                .addToFinalizers("kubens-bench.io/test").endMetadata().build()).create();
        client.namespaces().withName(NAMESPACE).delete();

        assertThatThrownBy(() -> workload(factory(1), 2000, 100).ensureNamespace(NAMESPACE_LABELS))
                .isInstanceOf(IOException.class)
                .hasMessage("namespace kb-bench is Terminating; wait until it is gone or use"
                        + " another namespace");
    }

    @Test
    void deployingAgainAfterAPartialTryCompletesTheWorkload() throws Exception {
        PodFactory factory = factory(4);
        for (HasMetadata object : factory.objectsForPod(0)) {
            client.resource(object).create();
        }
        List<Integer> progress = new ArrayList<>();

        int inPlace = workload(factory, 2000, 100).deploy(progress::add);

        assertThat(inPlace).isEqualTo(4 * 3);
        assertThat(progress).endsWith(4 * 3);
        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems()).hasSize(4);
    }

    @Test
    void deployRefusesToAdoptAnObjectOfAnotherRun() {
        client.resource(new SecretBuilder().withNewMetadata().withName("kb-c1-a1-0-secret-0")
                .withNamespace(NAMESPACE).addToLabels(PodFactory.RUN_LABEL, "other").endMetadata()
                .build()).create();

        assertThatThrownBy(() -> workload(factory(2), 2000, 100).deploy(n -> { }))
                .isInstanceOf(IOException.class)
                .hasMessage("Secret kb-bench/kb-c1-a1-0-secret-0 already exists without this run's"
                        + " labels kubens-bench.io/run=c1,kubens-bench.io/attempt=c1-a1; delete it or use"
                        + " another namespace or run id");
    }

    @Test
    void aRefusedCreateIsOneLineNamingTheObject() {
        server.expect().post().withPath("/api/v1/namespaces/kb-bench/pods")
                .andReturn(403, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure",
                        "code", 403, "reason", "Forbidden", "message",
                        "pods \"kb-c1-a1-0\" is forbidden: violates PodSecurity \"restricted:latest\""))
                .always();

        assertThatThrownBy(() -> workload(factory(3), 2000, 100).deploy(n -> { }))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessageMatching("forbidden: the cluster refused to create Pod kb-bench/kb-c1-a1-[0-2]:"
                        + " pods \"kb-c1-a1-[0-2]\" is forbidden: violates PodSecurity"
                        + " \"restricted:latest\"");
    }

    @Test
    void anUnreachableApiServerIsOneLine() throws Exception {
        Config config = new ConfigBuilder().withMasterUrl("http://127.0.0.1:1")
                .withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
            ClusterWorkload workload = new ClusterWorkload(unreachable, factory(1),
                    new RateLimiter(2000, 100), ClusterWorkloadOptions.defaults());

            assertThatThrownBy(() -> workload.ensureNamespace(NAMESPACE_LABELS))
                    .isInstanceOf(ClusterAccessException.class)
                    .hasMessageStartingWith("cannot reach the API server: ")
                    .hasMessageNotContaining("\n");
        }
    }

    private static PodFactory factory(int pods) {
        return factory(pods, SMALL);
    }

    private static PodFactory factory(int pods, VolumeCounts volumes) {
        return new PodFactory(new WorkloadSpec(pods, 2, volumes, Churn.none()), RUN, NAMESPACE,
                "busybox:1.36", Map.of()).withAttempt(ATTEMPT);
    }

    private ClusterWorkload workload(PodFactory factory, double qps, int burst) {
        return new ClusterWorkload(client, factory, new RateLimiter(qps, burst),
                new ClusterWorkloadOptions(qps, burst, Duration.ofSeconds(10),
                        Duration.ofSeconds(5)), POLL);
    }

    /** What kubelet does on a real node: report the pod's phase through the status. */
    private void setStatus(String podName, PodStatus status) {
        Pod pod = client.pods().inNamespace(NAMESPACE).withName(podName).get();
        pod.setStatus(status);
        client.pods().inNamespace(NAMESPACE).resource(pod).updateStatus();
    }
}
