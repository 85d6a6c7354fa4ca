package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The objects an administrator reviews with {@code plan --manifests --kind
 * SecurityContextConstraints,ClusterRole,RoleBinding,MachineConfig} are the ones a run
 * creates on OpenShift: deployed here the way a campaign deploys them (the probe on a server
 * that serves {@code security.openshift.io}, the switch to on) and read back from the API
 * server (fabric8's mock), field for field.
 */
@EnableKubernetesMockClient(crud = true)
class ReviewedObjectsTest {

    private static final Path CAMPAIGN = Path.of("..", "workloads", "campaigns", "cluster-node-density-mounts.yaml");

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void theReviewedObjectsAreThoseARunCreatesOnOpenShift() throws Exception {
        server.expect().get().withPath("/apis").andReturn(200, new APIGroupListBuilder()
                .addToGroups(new APIGroupBuilder().withName("apps").build())
                .addToGroups(new APIGroupBuilder().withName(ProbeManifests.OPENSHIFT_SECURITY_GROUP).build())
                .addToGroups(new APIGroupBuilder().withName(MachineConfigs.GROUP).build())
                .build()).always();
        MockMachineConfigOperator.serving(server, client);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"plan", CAMPAIGN.toString(), "--manifests", "--kind",
            "SecurityContextConstraints,ClusterRole,RoleBinding,MachineConfig"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();

        // What a campaign of this file creates under run id "plan": its probe, as DeployedProbe deploys it, and
        // its first switch to on, for the role of the nodes it selects.
        CampaignSpec spec = new CampaignReader().read(CAMPAIGN);
        ClusterTargetSpec cluster = spec.target().cluster();
        String probeNamespace = new ClusterManifests(cluster, "plan").probeNamespaceName();
        NodeProbe probe = NodeProbe.forCluster(client, probeNamespace, cluster.image(), "plan",
                spec.sampling().interval(), cluster.nodeSelector(), new ProbePrivileges(cluster.probeAsRoot()));
        assertThat(probe.manifests().openShift()).isTrue();
        probe.deploy();
        assertThat(new ClusterEncapsulation(client).enable(List.of(MachineConfigs.WORKER), "plan"))
                .containsExactly("99-kubens-worker");
        String name = "kubens-bench-probe-plan";
        List<HasMetadata> created = List.of(
                client.genericKubernetesResources(ProbeManifests.SCC).withName(name).get(),
                client.rbac().clusterRoles().withName(name).get(),
                client.genericKubernetesResources(MachineConfigs.MACHINE_CONFIG).withName("99-kubens-worker").get(),
                client.rbac().roleBindings().inNamespace(probeNamespace).withName(name).get());

        List<HasMetadata> printed = client.load(new ByteArrayInputStream(out.toString()
                .getBytes(StandardCharsets.UTF_8))).items();
        assertThat(printed.stream().map(ReviewedObjectsTest::asSent).toList())
                .containsExactlyElementsOf(created.stream().map(ReviewedObjectsTest::asSent).toList());
    }

    /** An object as a client sends it: what the server adds to its metadata (uid, versions, times) left out. */
    private static String asSent(HasMetadata object) {
        GenericKubernetesResource generic = Serialization.unmarshal(Serialization.asYaml(object),
                GenericKubernetesResource.class);
        generic.setMetadata(new ObjectMetaBuilder().withName(object.getMetadata().getName())
                .withNamespace(object.getMetadata().getNamespace()).withLabels(object.getMetadata().getLabels())
                .withAnnotations(object.getMetadata().getAnnotations()).build());
        return Serialization.asYaml(generic);
    }
}
