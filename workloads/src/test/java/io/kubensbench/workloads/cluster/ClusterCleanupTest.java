package io.kubensbench.workloads.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.workloads.pods.PodFactory;
import io.kubensbench.workloads.spec.Churn;
import io.kubensbench.workloads.spec.VolumeCounts;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class ClusterCleanupTest {

    /** OpenShift's kind, as bench would pass it: cluster-scoped, served by OpenShift only. */
    private static final ResourceDefinitionContext SCC = new ResourceDefinitionContext.Builder()
            .withGroup("security.openshift.io").withVersion("v1")
            .withPlural("securitycontextconstraints").withKind("SecurityContextConstraints")
            .withNamespaced(false).build();

    KubernetesClient client;
    KubernetesMockServer server;

    private final Logger quietLog = QuietMockServer.quiet();

    @Test
    void cleanupLeavesNothingOfTheRunAndSparesEverythingElse() throws Exception {
        deployRun("c1");
        deployRun("c2");
        client.resource(new NamespaceBuilder().withNewMetadata().withName("users-own")
                .endMetadata().build()).create();
        client.resource(new PodBuilder().withNewMetadata().withName("kb-c1-0").withNamespace("users-own")
                .withLabels(labels("c1")).endMetadata().build()).create();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
                .withNamespace("users-own").endMetadata().build()).create();

        CleanupReport report = cleanup(List.of()).cleanup("c1", Duration.ofSeconds(5));

        assertThat(report.deletedByKind()).containsExactly(
                Map.entry("DaemonSet", 1), Map.entry("Pod", 3), Map.entry("Secret", 3), Map.entry("ConfigMap", 6),
                Map.entry("ServiceAccount", 1), Map.entry("RoleBinding", 1), Map.entry("ClusterRole", 1),
                Map.entry("Namespace", 2));
        assertThat(report.namespacesDeleted()).containsExactly("kb-c1", "kb-probe-c1");
        assertThat(report.namespacesStillTerminating()).isEmpty();
        assertThat(report.complete()).isTrue();
        assertThat(labelled("c1")).containsExactly("Pod/kb-c1-0", "ClusterRoleBinding/kb-probe-c1");
        assertThat(client.namespaces().withName("kb-c1").get()).isNull();
        assertThat(labelled("c2")).hasSize(3 + 3 + 6 + 5 + 2);
        assertThat(client.configMaps().inNamespace("users-own").withName("settings").get()).isNotNull();
        assertThat(client.namespaces().withName("users-own").get()).isNotNull();
    }

    @Test
    void anObjectWithOurLabelsButNotOurNameIsSparedAndNamed() throws Exception {
        deployRun("c1");
        client.resource(new NamespaceBuilder().withNewMetadata().withName("team-a").withLabels(labels("c1"))
                .endMetadata().build()).create();
        client.resource(new PodBuilder().withNewMetadata().withName("their-app").withNamespace("team-a")
                .withLabels(labels("c1")).endMetadata().build()).create();
        client.resource(new ClusterRoleBuilder().withNewMetadata().withName("team-a-admin")
                .withLabels(labels("c1")).endMetadata().build()).create();

        RunLeftovers found = cleanup(List.of()).find("c1");
        CleanupReport report = cleanup(List.of()).delete(found, Duration.ofSeconds(5));

        assertThat(found.spared()).containsExactly("namespace team-a", "ClusterRole team-a-admin");
        assertThat(found.describe(Instant.now())).contains(
                "  spared: namespace team-a (labelled for the run, but not a name kubens-bench gives)");
        assertThat(report.spared()).containsExactly("namespace team-a", "ClusterRole team-a-admin");
        assertThat(report.summary()).contains("; spared (labelled for the run, but not a name kubens-bench gives):"
                + " namespace team-a, ClusterRole team-a-admin");
        assertThat(client.namespaces().withName("team-a").get()).isNotNull();
        assertThat(client.pods().inNamespace("team-a").withName("their-app").get()).isNotNull();
        assertThat(client.rbac().clusterRoles().withName("team-a-admin").get()).isNotNull();
        assertThat(client.namespaces().withName("kb-c1").get()).isNull();
    }

    @Test
    void findingEveryRunDeletesNothingAndListsEachRunApart() throws Exception {
        deployRun("c1");
        deployRun("c2");
        client.resource(new NamespaceBuilder().withNewMetadata().withName("other-tool")
                .addToLabels(PodFactory.RUN_LABEL, "c3").addToLabels(PodFactory.MANAGED_BY_LABEL, "someone-else")
                .endMetadata().build()).create();

        Map<String, RunLeftovers> runs = cleanup(List.of()).findAll();

        assertThat(runs).containsOnlyKeys("c1", "c2");
        RunLeftovers c1 = runs.get("c1");
        assertThat(c1.namespaces()).extracting(RunLeftovers.LeftNamespace::name).containsExactly("kb-c1", "kb-probe-c1");
        assertThat(c1.namespaces().get(0).objects()).containsExactly(Map.entry("Pod", 3), Map.entry("Secret", 3),
                Map.entry("ConfigMap", 6));
        assertThat(c1.clusterScoped()).containsExactly(new RunLeftovers.Found("ClusterRole", "kb-probe-c1"));
        assertThat(c1.describe(Instant.now())).first().asString().startsWith("run c1, created ");
        assertThat(c1.describe(Instant.now())).contains("  namespace kb-c1: 3 Pod, 3 Secret, 6 ConfigMap",
                "  ClusterRole kb-probe-c1");
        assertThat(labelled("c1")).hasSize(3 + 3 + 6 + 5 + 2);
        assertThat(labelled("c2")).hasSize(3 + 3 + 6 + 5 + 2);
    }

    @Test
    void aRefusalOnOneKindDoesNotStopTheRest() throws Exception {
        deployRun("c1");
        server.expect().delete().withPath("/apis/rbac.authorization.k8s.io/v1/clusterroles/kb-probe-c1")
                .andReturn(403, new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403)
                        .withMessage("clusterroles.rbac.authorization.k8s.io \"kb-probe-c1\" is forbidden: User \"dev\""
                                + " cannot delete resource \"clusterroles\" in API group \"rbac.authorization.k8s.io\""
                                + " at the cluster scope").build()).always();

        CleanupReport report = cleanup(List.of()).cleanup("c1", Duration.ofSeconds(5));

        assertThat(report.failures()).singleElement().asString()
                .startsWith("forbidden: you need permission to delete clusterroles kb-probe-c1: ");
        assertThat(report.refused()).isTrue();
        assertThat(report.complete()).isFalse();
        assertThat(report.namespacesDeleted()).containsExactly("kb-c1", "kb-probe-c1");
        assertThat(report.summary()).startsWith("deleted 1 DaemonSet, 3 Pod").contains("2 Namespace; failed: forbidden");
        assertThat(client.rbac().clusterRoles().withName("kb-probe-c1").get()).isNotNull();
    }

    @Test
    void aNamespaceThatStaysTerminatingIsReportedNotWaitedOnForever() throws Exception {
        // A finalizer keeps a deleted namespace, as on a cluster where a controller is slow
        // or gone; the mock then keeps it with a deletion timestamp, like an API server.
        client.resource(new NamespaceBuilder().withNewMetadata().withName("kbstuck-c1")
                .withLabels(labels("c1")).addToFinalizers("kubens-bench.io/test").endMetadata().build()).create();
        deployRun("c1");

        long start = System.nanoTime();
        CleanupReport report = cleanup(List.of()).cleanup("c1", Duration.ofMillis(300));

        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(30).toNanos());
        assertThat(report.namespacesDeleted()).containsExactly("kb-c1", "kb-probe-c1");
        assertThat(report.namespacesStillTerminating()).containsExactly("kbstuck-c1");
        assertThat(report.complete()).isFalse();
        assertThat(report.deletedByKind()).containsEntry("Namespace", 3);
        assertThat(report.summary()).endsWith("; still Terminating: namespace kbstuck-c1");
        assertThat(client.namespaces().withName("kbstuck-c1").get().getMetadata()
                .getDeletionTimestamp()).isNotNull();

        CleanupReport again = cleanup(List.of()).cleanup("c1", Duration.ZERO);
        assertThat(again.namespacesStillTerminating()).containsExactly("kbstuck-c1");
        assertThat(again.summary()).isEqualTo(
                "deleted 1 Namespace; still Terminating: namespace kbstuck-c1");
    }

    @Test
    void extraKindsAreCleanedUpToo() throws Exception {
        client.genericKubernetesResources(SCC).resource(scc("kubens-bench-probe-c1", "c1")).create();
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
        assertThatThrownBy(() -> cleanup.cleanup(null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cleanup.cleanup("c1", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace wait must be zero or positive (got -1s)");
    }

    @Test
    void theSummaryIsOneLine() {
        CleanupReport report = new CleanupReport(Map.of("Pod", 200), List.of("kb-a"),
                List.of("kb-b", "kb-c"), List.of(), List.of(), false);

        assertThat(report.summary()).isEqualTo(
                "deleted 200 Pod; still Terminating: namespaces kb-b, kb-c");
    }

    @Test
    void namesMadeForARunAreThePrefixedRunId() {
        assertThat(RunNames.of("kubens-bench-probe", "1a2b3c4d")).isEqualTo("kubens-bench-probe-1a2b3c4d");
        assertThat(RunNames.isFor("kubens-bench-1a2b3c4d", "1a2b3c4d")).isTrue();
        assertThat(RunNames.isFor("kubens-bench-probe-1a2b3c4d", "1a2b3c4d")).isTrue();
        assertThat(RunNames.isFor("1a2b3c4d", "1a2b3c4d")).isFalse();
        assertThat(RunNames.isFor("team-a", "1a2b3c4d")).isFalse();
        assertThat(RunNames.isFor("x-11a2b3c4d", "1a2b3c4d")).isFalse();
        assertThat(RunNames.isFor("-1a2b3c4d", "1a2b3c4d")).isFalse();
    }

    private ClusterCleanup cleanup(List<ResourceDefinitionContext> extraKinds) {
        return new ClusterCleanup(client, new RateLimiter(2000, 100), extraKinds,
                Duration.ofMillis(20));
    }

    private static Map<String, String> labels(String runId) {
        return Map.of(PodFactory.RUN_LABEL, runId, PodFactory.MANAGED_BY_LABEL, PodFactory.MANAGED_BY);
    }

    /**
     * A run as the cluster target leaves it: a three-pod workload in its own labelled
     * namespace, and the probe's namespace, ServiceAccount, DaemonSet and RBAC; and a
     * ClusterRoleBinding with the run's labels, which kubens-bench never makes, so never deletes.
     */
    private void deployRun(String runId) throws Exception {
        Map<String, String> labels = labels(runId);
        PodFactory factory = new PodFactory(new WorkloadSpec(3, 1, VolumeCounts.of(1, 0, 2, 0, 0),
                Churn.none()), runId, "kb-" + runId, "img", Map.of()).withAttempt(runId + "-a1");
        ClusterWorkload workload = new ClusterWorkload(client, factory, new RateLimiter(2000, 100),
                ClusterWorkloadOptions.defaults());
        workload.ensureNamespace(labels);
        workload.deploy(n -> { });
        String name = "kb-probe-" + runId;
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .build()).create();
        client.resource(new ServiceAccountBuilder().withNewMetadata().withName(name)
                .withNamespace(name).withLabels(labels).endMetadata().build()).create();
        client.resource(new DaemonSetBuilder().withNewMetadata().withName(name)
                .withNamespace(name).withLabels(labels).endMetadata().build()).create();
        client.resource(new RoleBindingBuilder().withNewMetadata().withName(name)
                .withNamespace(name).withLabels(labels).endMetadata().build()).create();
        client.resource(new ClusterRoleBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().build()).create();
        client.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName(name)
                .withLabels(labels).endMetadata().build()).create();
    }

    /** Every object with the run's label, in every namespace, of every kind cleanup knows and ClusterRoleBindings. */
    private List<String> labelled(String runId) {
        List<String> found = new ArrayList<>();
        List<ResourceDefinitionContext> kinds = new ArrayList<>(ClusterCleanup.defaultKinds());
        kinds.add(ResourceDefinitionContext.fromResourceType(ClusterRoleBinding.class));
        for (ResourceDefinitionContext kind : kinds) {
            var resources = client.genericKubernetesResources(kind);
            (kind.isNamespaceScoped() ? resources.inAnyNamespace().withLabel(PodFactory.RUN_LABEL, runId).list()
                    : resources.withLabel(PodFactory.RUN_LABEL, runId).list()).getItems()
                    .forEach(o -> found.add(kind.getKind() + "/" + o.getMetadata().getName()));
        }
        client.namespaces().withLabel(PodFactory.RUN_LABEL, runId).list().getItems()
                .forEach(n -> found.add("Namespace/" + n.getMetadata().getName()));
        return found;
    }

    private static GenericKubernetesResource scc(String name, String runId) {
        GenericKubernetesResourceBuilder scc = new GenericKubernetesResourceBuilder()
                .withApiVersion("security.openshift.io/v1").withKind("SecurityContextConstraints")
                .withNewMetadata().withName(name).endMetadata();
        if (runId != null) {
            scc.editMetadata().addToLabels(labels(runId)).endMetadata();
        }
        return scc.build();
    }
}
