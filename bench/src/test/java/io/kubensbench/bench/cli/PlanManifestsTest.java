package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.cluster.ClusterManifests;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code plan --manifests} against the API server a run talks to (fabric8's mock in CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class PlanManifestsTest {

    private static final Path EXAMPLES = Path.of("..", "workloads", "campaigns");

    KubernetesClient client;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /**
     * What {@code plan --manifests --node ...} prints reads back into exactly the objects a
     * cluster run creates (the same {@link ClusterManifests}, the same probe), and the API
     * server (fabric8's mock) accepts them as printed.
     */
    @Test
    void clusterManifestsReadBackIntoTheObjectsARunCreatesAndTheApiServerAcceptsThem() throws Exception {
        Path file = EXAMPLES.resolve("cluster-node-density-mounts.yaml");

        int code = run("plan", file.toString(), "--manifests", "--node", "worker-a", "--node", "worker-b");

        assertThat(code).as(err.toString()).isZero();
        List<HasMetadata> printed = client.load(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)))
                .items();
        CampaignSpec spec = new CampaignReader().read(file);
        ClusterTargetSpec cluster = spec.target().cluster();
        ClusterManifests manifests = new ClusterManifests(cluster, "plan");
        List<HasMetadata> expected = new ArrayList<>();
        expected.add(manifests.namespace());
        expected.addAll(PlanCommandTest.probe(spec, cluster).objects());
        for (int i = 0; i < spec.levels().size(); i++) {
            List<HasMetadata> level = manifests.objects(spec.levels().get(i).workload(), "l" + i,
                    List.of("worker-a", "worker-b"));
            expected.addAll(level.subList(1, level.size()));
        }
        assertThat(printed).hasSize(expected.size()).isEqualTo(expected);
        Pod first = printed.stream().filter(Pod.class::isInstance).map(Pod.class::cast).findFirst().orElseThrow();
        assertThat(first.getSpec().getNodeSelector()).containsEntry("node-role.kubernetes.io/worker", "")
                .containsEntry(ClusterManifests.HOSTNAME_LABEL, "worker-a");
        assertThat(first.getSpec().getContainers()).hasSize(2)
                .allSatisfy(c -> assertThat(c.getImage()).isEqualTo(ClusterTargetSpec.DEFAULT_IMAGE));

        // The namespace, the probe and the first level on the first node, created as printed.
        int firstLevel = 1 + PlanCommandTest.probe(spec, cluster).objects().size()
                + manifests.factory(spec.levels().get(0).workload(), "l0-0", "worker-a").allObjects().size();
        for (HasMetadata object : printed.subList(0, firstLevel)) {
            assertThat(client.resource(object).create()).as(object.getKind() + " " + object.getMetadata().getName())
                    .isNotNull();
        }
        assertThat(client.pods().inNamespace(manifests.namespaceName()).list().getItems()).hasSize(50);
    }

}
