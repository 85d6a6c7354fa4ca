package io.kubensbench.bench.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ClusterListing}: a big cluster's pods come a page at a time, and every page counts. */
@EnableKubernetesMockClient(crud = true)
class ClusterListingTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void podsAreListedPageByPageFollowingTheContinueTokenAndGroupedByNode() throws Exception {
        for (String name : new String[] {"worker-a", "worker-b", "infra-0"}) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                    .withLabels(name.startsWith("worker") ? Map.of("role", "worker") : Map.of("role", "infra"))
                    .endMetadata().build()).create();
        }
        server.expect().get().withPath("/api/v1/pods?limit=" + ClusterListing.PAGE)
                .andReturn(200, new PodListBuilder().withNewMetadata().withContinue("page-2").endMetadata()
                        .withItems(pod("a1", "worker-a"), pod("i1", "infra-0")).build()).once();
        server.expect().get().withPath("/api/v1/pods?continue=page-2&limit=" + ClusterListing.PAGE)
                .andReturn(200, new PodListBuilder().withNewMetadata().endMetadata()
                        .withItems(pod("a2", "worker-a"), pod("b1", "worker-b"), pod("unbound", null)).build()).once();

        ClusterListing listing = ClusterListing.read(client, Map.of("role", "worker"));

        assertThat(listing.nodes()).extracting(n -> n.getMetadata().getName()).containsExactly("worker-a", "worker-b");
        assertThat(listing.pods("worker-a")).extracting(p -> p.getMetadata().getName()).containsExactly("a1", "a2");
        assertThat(listing.pods("worker-b")).extracting(p -> p.getMetadata().getName()).containsExactly("b1");
        assertThat(listing.pods("infra-0")).as("not selected").isEmpty();
    }

    private static Pod pod(String name, String node) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("x").endMetadata().withNewSpec()
                .withNodeName(node).endSpec().build();
    }
}
