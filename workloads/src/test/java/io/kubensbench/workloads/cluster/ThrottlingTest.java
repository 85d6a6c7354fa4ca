package io.kubensbench.workloads.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.workloads.pods.PodFactory;
import io.kubensbench.workloads.spec.Churn;
import io.kubensbench.workloads.spec.VolumeCounts;
import io.kubensbench.workloads.spec.WorkloadSpec;
import io.kubensbench.workloads.time.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A throttled API server is waited out, up to the stated limit, and then reported. */
@EnableKubernetesMockClient(crud = true, https = false)
class ThrottlingTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private final Logger quietLog = QuietMockServer.quiet();

    /** A clock that only moves when slept on, and remembers each sleep. */
    private static final class FakeClock implements Ticker {
        final List<Duration> slept = new ArrayList<>();
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(long nanos) {
            slept.add(Duration.ofNanos(nanos));
            now += nanos;
        }
    }

    private static IOException throttled(Integer retryAfter) {
        StatusBuilder status = new StatusBuilder().withCode(429).withReason("TooManyRequests")
                .withMessage("Too many requests, please try again later.");
        if (retryAfter != null) {
            status.withNewDetails().withRetryAfterSeconds(retryAfter).endDetails();
        }
        return ApiErrors.explain(new KubernetesClientException(status.build()), "create", "Secret kb/x");
    }

    @Test
    void backsOffExponentiallyAndHonoursRetryAfter() throws Exception {
        FakeClock clock = new FakeClock();
        List<IOException> answers = new ArrayList<>(List.of(throttled(null), throttled(null), throttled(7),
                throttled(null), throttled(600)));
        AtomicInteger calls = new AtomicInteger();

        new Throttling(Throttling.RETRIES, Throttling.FIRST_BACKOFF, clock).run(() -> {
            calls.incrementAndGet();
            if (!answers.isEmpty()) {
                throw answers.remove(0);
            }
        });

        assertThat(calls).hasValue(6);
        assertThat(clock.slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(7),
                Duration.ofSeconds(8), Throttling.MAX_RETRY_AFTER);
    }

    @Test
    void givesUpAfterTheStatedRetriesSayingHowLongItLasted() {
        FakeClock clock = new FakeClock();
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> new Throttling(Throttling.RETRIES, Throttling.FIRST_BACKOFF, clock).run(() -> {
            calls.incrementAndGet();
            throw throttled(null);
        })).isInstanceOf(IOException.class).hasMessage("API error 429 on create Secret kb/x: Too many requests, please"
                + " try again later. (the API server still throttled it after 8 retries over 2m7s; lower"
                + " target.cluster.qps)");
        assertThat(calls).hasValue(Throttling.RETRIES + 1);
        assertThat(clock.slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(32), Duration.ofSeconds(32),
                Duration.ofSeconds(32));
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        IOException refused = ApiErrors.explain(new KubernetesClientException(new StatusBuilder().withCode(403)
                .withMessage("no").build()), "create", "Secret kb/x");

        assertThatThrownBy(() -> new Throttling().run(() -> {
            calls.incrementAndGet();
            throw refused;
        })).isSameAs(refused);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aDeploymentWaitsOutSustained429sFromTheApiServer() throws Exception {
        Status tooMany = new StatusBuilder().withStatus("Failure").withCode(429).withReason("TooManyRequests")
                .withMessage("Too many requests, please try again later.").withNewDetails().withRetryAfterSeconds(0)
                .endDetails().build();
        server.expect().post().withPath("/api/v1/namespaces/kb-bench/secrets").andReturn(429, tooMany).times(5);
        Config config = new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient noRetries = new KubernetesClientBuilder().withConfig(config).build()) {
            PodFactory factory = new PodFactory(new WorkloadSpec(2, 1, VolumeCounts.of(1, 0, 0, 0, 0), Churn.none()),
                    "c1", "kb-bench", "busybox", Map.of());
            ClusterWorkload workload = new ClusterWorkload(noRetries, factory, new RateLimiter(2000, 100),
                    ClusterWorkloadOptions.defaults(), Duration.ofMillis(20),
                    new Throttling(Throttling.RETRIES, Duration.ofMillis(10), Ticker.SYSTEM));

            int created = workload.deploy(n -> { });

            assertThat(created).isEqualTo(4);
            assertThat(client.secrets().inNamespace("kb-bench").list().getItems()).hasSize(2);
            assertThat(client.pods().inNamespace("kb-bench").list().getItems()).hasSize(2);
        }
    }

    @Test
    void aDeploymentThrottledBeyondTheLimitFailsSayingSo() throws Exception {
        server.expect().post().withPath("/api/v1/namespaces/kb-bench/secrets").andReturn(429, new StatusBuilder()
                .withStatus("Failure").withCode(429).withReason("TooManyRequests").withMessage("slow down").build())
                .always();
        Config config = new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient noRetries = new KubernetesClientBuilder().withConfig(config).build()) {
            PodFactory factory = new PodFactory(new WorkloadSpec(1, 1, VolumeCounts.of(1, 0, 0, 0, 0), Churn.none()),
                    "c1", "kb-bench", "busybox", Map.of());
            ClusterWorkload workload = new ClusterWorkload(noRetries, factory, new RateLimiter(2000, 100),
                    ClusterWorkloadOptions.defaults(), Duration.ofMillis(20),
                    new Throttling(3, Duration.ofMillis(1), Ticker.SYSTEM));

            assertThatThrownBy(() -> workload.deploy(n -> { })).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("API error 429 on create Secret kb-bench/kb-c1-0-secret-0: slow down (the"
                            + " API server still throttled it after 3 retries over ");
        }
        assertThat(client.resource(new SecretBuilder().withNewMetadata().withName("kb-c1-0-secret-0")
                .withNamespace("kb-bench").endMetadata().build()).get()).isNull();
    }
}
