package io.kubensbench.workloads.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kubensbench.workloads.pods.PodFactory;
import io.kubensbench.workloads.spec.Churn;
import io.kubensbench.workloads.spec.VolumeCounts;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class ClusterCleanupTest {

    private static final String PROBE_NAMESPACE = "kb-probe";
    /** OpenShift's kind, as bench would pass it: cluster-scoped, served by OpenShift only. */
    private static final ResourceDefinitionContext SCC = new ResourceDefinitionContext.Builder()
            .withGroup("security.openshift.io").withVersion("v1")
            .withPlural("securitycontextconstraints").withKind("SecurityContextConstraints")
            .withNamespaced(false).build();

    KubernetesClient client;

    private final Logger quietLog = QuietMockServer.quiet();

    @Test
    void cleanupLeavesNothingOfTheRunAndSparesEverythingElse() throws Exception {
        deployRun("c1");
        deployRun("c2");
        client.resource(new NamespaceBuilder().withNewMetadata().withName("users-own")
                .endMetadata().build()).create();
        client.resource(new PodBuilder().withNewMetadata().withName("kb-c1-0").withNamespace("users-own")
                .endMetadata().build()).create();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
                .withNamespace(PROBE_NAMESPACE).endMetadata().build()).create();

        CleanupReport report = cleanup(List.of()).cleanup("c1", Duration.ofSeconds(5));

        assertThat(report.deletedByKind()).containsExactly(
                Map.entry("DaemonSet", 1), Map.entry("Pod", 3), Map.entry("Secret", 3), Map.entry("ConfigMap", 6),
                Map.entry("ServiceAccount", 1),
                Map.entry("RoleBinding", 1), Map.entry("ClusterRole", 1),
                Map.entry("ClusterRoleBinding", 1), Map.entry("Namespace", 1));
        assertThat(report.namespacesDeleted()).containsExactly("kb-c1");
        assertThat(report.namespacesStillTerminating()).isEmpty();
        assertThat(report.complete()).isTrue();
        assertThat(labelled(PodFactory.RUN_LABEL, "c1")).isEmpty();
        assertThat(client.namespaces().withName("kb-c1").get()).isNull();
        assertThat(labelled(PodFactory.RUN_LABEL, "c2")).hasSize(3 + 3 + 6 + 5 + 1);
        assertThat(client.namespaces().withName("kb-c2").get()).isNotNull();
        assertThat(client.pods().inNamespace("users-own").withName("kb-c1-0").get()).isNotNull();
        assertThat(client.configMaps().inNamespace(PROBE_NAMESPACE).withName("settings").get())
                .isNotNull();
        assertThat(client.namespaces().withName("users-own").get()).isNotNull();
    }

    @Test
    void cleanupOfEveryRunRemovesAllThatKubensBenchManages() throws Exception {
        deployRun("c1");
        deployRun("c2");
        client.resource(new PodBuilder().withNewMetadata().withName("other").withNamespace("kb-c1")
                .addToLabels(PodFactory.MANAGED_BY_LABEL, "someone-else").endMetadata().build())
                .create();

        CleanupReport report = cleanup(List.of()).cleanup(null, Duration.ofSeconds(5));

        assertThat(report.deletedByKind()).containsEntry("Pod", 6).containsEntry("Namespace", 2)
                .containsEntry("ClusterRole", 2);
        assertThat(report.namespacesDeleted()).containsExactly("kb-c1", "kb-c2");
        assertThat(labelled(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY)).isEmpty();
        assertThat(client.pods().inNamespace("kb-c1").withName("other").get()).isNotNull();
    }

    @Test
    void aNamespaceThatStaysTerminatingIsReportedNotWaitedOnForever() throws Exception {
        // A finalizer keeps a deleted namespace, as on a cluster where a controller is slow
        // or gone; the mock then keeps it with a deletion timestamp, like an API server.
        client.resource(new NamespaceBuilder().withNewMetadata().withName("kb-stuck")
                .addToLabels(PodFactory.RUN_LABEL, "c1")
                .addToLabels(PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY)
                .addToFinalizers("kubens-bench.io/test").endMetadata().build()).create();
        deployRun("c1");

        long start = System.nanoTime();
        CleanupReport report = cleanup(List.of()).cleanup("c1", Duration.ofMillis(300));

        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(30).toNanos());
        assertThat(report.namespacesDeleted()).containsExactly("kb-c1");
        assertThat(report.namespacesStillTerminating()).containsExactly("kb-stuck");
        assertThat(report.complete()).isFalse();
        assertThat(report.deletedByKind()).containsEntry("Namespace", 2);
        assertThat(report.summary()).endsWith("; still Terminating: namespace kb-stuck");
        assertThat(client.namespaces().withName("kb-stuck").get().getMetadata()
                .getDeletionTimestamp()).isNotNull();

        CleanupReport again = cleanup(List.of()).cleanup("c1", Duration.ZERO);
        assertThat(again.namespacesStillTerminating()).containsExactly("kb-stuck");
        assertThat(again.summary()).isEqualTo(
                "deleted 1 Namespace; still Terminating: namespace kb-stuck");
    }

    @Test
    void extraKindsAreCleanedUpToo() throws Exception {
        client.genericKubernetesResources(SCC).resource(scc("kb-c1-probe", "c1")).create();
        client.genericKubernetesResources(SCC).resource(scc("restricted-v2", null)).create();

        CleanupReport report = cleanup(List.of(SCC)).cleanup("c1", Duration.ZERO);

        assertThat(report.deletedByKind()).containsExactly(Map.entry("SecurityContextConstraints", 1));
        assertThat(client.genericKubernetesResources(SCC).list().getItems())
                .extracting(o -> o.getMetadata().getName()).containsExactly("restricted-v2");
    }

    @Test
    void nothingToCleanUpIsSaidSo() throws Exception {
        CleanupReport report = cleanup(List.of()).cleanup("c9", Duration.ZERO);

        assertThat(report.deletedByKind()).isEmpty();
        assertThat(report.summary()).isEqualTo("nothing to delete");
    }

    @Test
    void rejectsARunIdThatCannotBeALabelValueAndANegativeWait() {
        ClusterCleanup cleanup = cleanup(List.of());

        assertThatThrownBy(() -> cleanup.cleanup("Run 1", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run id \"Run 1\" must be 1 to 20 lowercase letters, digits or '-',"
                        + " starting and ending with a letter or digit");
        assertThatThrownBy(() -> cleanup.cleanup("c1", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace wait must be zero or positive (got PT-1S)");
    }

    @Test
    void theSummaryIsOneLine() {
        CleanupReport report = new CleanupReport(Map.of("Pod", 200), List.of("kb-a"),
                List.of("kb-b", "kb-c"));

        assertThat(report.summary()).isEqualTo(
                "deleted 200 Pod; still Terminating: namespaces kb-b, kb-c");
    }

    private ClusterCleanup cleanup(List<ResourceDefinitionContext> extraKinds) {
        return new ClusterCleanup(client, new RateLimiter(2000, 100), extraKinds,
                Duration.ofMillis(20));
    }

    /**
     * A run as the cluster target leaves it: a three-pod workload in its own labelled
     * namespace, and the probe's ServiceAccount, DaemonSet and RBAC.
     */
    private void deployRun(String runId) throws Exception {
        Map<String, String> labels = Map.of(PodFactory.RUN_LABEL, runId,
                PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY);
        PodFactory factory = new PodFactory(new WorkloadSpec(3, 1, VolumeCounts.of(1, 0, 2, 0, 0),
                Churn.none()), runId, "kb-" + runId, "img", Map.of()).withAttempt(runId + "-a1");
        ClusterWorkload workload = new ClusterWorkload(client, factory, new RateLimiter(2000, 100),
                ClusterWorkloadOptions.defaults());
        workload.ensureNamespace(labels);
        workload.deploy(n -> { });
        String name = "kb-probe-" + runId;
        client.resource(new ServiceAccountBuilder().withNewMetadata().withName(name)
                .withNamespace(PROBE_NAMESPACE).withLabels(labels).endMetadata().build()).create();
        client.resource(new DaemonSetBuilder().withNewMetadata().withName(name)
                .withNamespace(PROBE_NAMESPACE).withLabels(labels).endMetadata().build()).create();
        client.resource(new RoleBindingBuilder().withNewMetadata().withName(name)
                .withNamespace(PROBE_NAMESPACE).withLabels(labels).endMetadata().build()).create();
        client.resource(new ClusterRoleBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().build()).create();
        client.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().build()).create();
    }

    /** Every object with the label, in every namespace, of every kind cleanup knows. */
    private List<String> labelled(String key, String value) {
        List<String> found = new ArrayList<>();
        for (ResourceDefinitionContext kind : ClusterCleanup.defaultKinds()) {
            var resources = client.genericKubernetesResources(kind);
            (kind.isNamespaceScoped() ? resources.inAnyNamespace().withLabel(key, value).list()
                    : resources.withLabel(key, value).list()).getItems()
                    .forEach(o -> found.add(kind.getKind() + "/" + o.getMetadata().getName()));
        }
        client.namespaces().withLabel(key, value).list().getItems()
                .forEach(n -> found.add("Namespace/" + n.getMetadata().getName()));
        return found;
    }

    private static GenericKubernetesResource scc(String name, String runId) {
        GenericKubernetesResourceBuilder scc = new GenericKubernetesResourceBuilder()
                .withApiVersion("security.openshift.io/v1").withKind("SecurityContextConstraints")
                .withNewMetadata().withName(name).endMetadata();
        if (runId != null) {
            scc.editMetadata().addToLabels(PodFactory.RUN_LABEL, runId).endMetadata();
        }
        return scc.build();
    }
}
