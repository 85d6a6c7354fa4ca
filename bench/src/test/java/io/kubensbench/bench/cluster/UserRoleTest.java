package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.prometheus.ThanosQuerier;
import io.kubensbench.workloads.cluster.ClusterWorkload;
import io.kubensbench.workloads.cluster.ClusterWorkloadOptions;
import io.kubensbench.workloads.cluster.RateLimiter;
import io.kubensbench.workloads.pods.PodFactory;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The ClusterRole the README gives users, checked against what kubens-bench really asks of an
 * API server: a whole OpenShift campaign on the mock (probe with its SCC, MachineConfig
 * switches, churn, cleanup), the probe of {@code encapsulation status}, the monitoring stack's
 * querier found for Prometheus beside the probe, and {@code cleanup --all}. Every request the
 * harness makes must be allowed by the role, and every rule of the role must be used, so the
 * role is enough and no more. The mock kubelets and
 * Machine Config Operator talk through a client of their own, told apart by its user agent.
 */
@EnableKubernetesMockClient(crud = true)
class UserRoleTest {

    private static final String KUBELETS = "mock-kubelets";

    KubernetesMockServer server;
    KubernetesClient client;

    private final Logger quiet = quiet();

    private static Logger quiet() {
        Logger logger = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");
        logger.setLevel(Level.WARNING);
        return logger;
    }

    /** A request as RBAC sees it. */
    record Attributes(String verb, String group, String resource, String name) {

        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + (name == null ? "" : " " + name);
        }
    }

    @Test
    void theReadmesClusterRoleAllowsEveryCallOfACampaignAndNothingUnused(@TempDir Path dir) throws Exception {
        server.expect().get().withPath("/apis").andReturn(200, new APIGroupListBuilder()
                .addToGroups(new APIGroupBuilder().withName("apps").build())
                .addToGroups(new APIGroupBuilder().withName(ProbeManifests.OPENSHIFT_SECURITY_GROUP).build())
                .addToGroups(new APIGroupBuilder().withName(MachineConfigs.GROUP).build())
                .build()).always();
        List<Attributes> calls = new ArrayList<>();
        try (KubernetesClient kubelets = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
                client.getConfiguration()).withUserAgent(KUBELETS).build()).build()) {
            MockMachineConfigOperator operator = MockMachineConfigOperator.serving(server, kubelets);
            CampaignSpec spec = new CampaignReader().parse(ClusterCampaignTest.CAMPAIGN, "cluster-e2e.yaml");
            ClusterTarget.Timeouts timeouts = new ClusterTarget.Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(5),
                    Duration.ofMillis(50));
            SwitchOptions switching = new SwitchOptions(Duration.ofSeconds(60), false, reboots -> { }, () -> false);
            try (MockNodes nodes = new MockNodes(kubelets, operator, List.of("worker-a", "worker-b"))) {
                ClusterTarget target = new ClusterTarget(client, spec.target().cluster(), "role0001", "test",
                        Duration.ofMillis(100), new ClusterWorkloadOptions(500, 100, Duration.ofSeconds(30),
                                Duration.ofSeconds(30)), timeouts, switching, line -> { },
                        (probe, node, pod) -> nodes.stream(node));
                ClusterCampaignTest.run(target, spec, ClusterCampaignTest.CAMPAIGN, dir);
                new ProbeSnapshot(client, "busybox", new ProbePrivileges(false), Duration.ofSeconds(30), line -> { },
                        (probe, node, pod) -> nodes.stream(node)).take(Map.of());
                nodes.rethrow();
            }
            // A campaign's Prometheus beside the probe, found on OpenShift.
            ThanosQuerier.locate(client);
            // encapsulation status and verify; a probe whose pods are refused; a probe log followed.
            ClusterEncapsulation encapsulation = new ClusterEncapsulation(client);
            encapsulation.enabledRoles();
            ClusterPools.read(client);
            ProbeManifests logs = new ProbeManifests("kubens-bench-probe-logs0001", "busybox", "logs0001",
                    Duration.ofSeconds(1), Map.of(), true, new ProbePrivileges(false));
            new ProbeEvents(client, logs).failedCreates(null);
            // A deploy resumed after a failure (a retried create the server had made) adopts its objects.
            NodeProbe resumed = new NodeProbe(client, logs);
            resumed.deploy();
            resumed.deploy();
            PodFactory pods = new ClusterManifests(spec.target().cluster(), "logs0001").factory(spec.workload(), "a1",
                    null);
            for (int i = 0; i < 2; i++) {
                new ClusterWorkload(client, pods, new RateLimiter(1000, 100), ClusterWorkloadOptions.defaults())
                        .deploy(n -> { });
            }
            server.expect().get().withPath("/api/v1/namespaces/kubens-bench-probe-logs0001/pods/p/log?pretty=false"
                    + "&follow=true").andReturn(200, ProbeCaptures.text("shared-namespace.txt")).once();
            try (ProbeStream stream = new NodeProbe(client, logs).stream("worker-a", "p")) {
                ProbeStreamTest.awaitLines(stream, 5);
            }
            for (var run : ClusterCleanups.forCluster(client).findAll().values()) {
                ClusterCleanups.forCluster(client).delete(run, Duration.ZERO);
            }
            for (RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS); r != null;
                    r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
                if (!KUBELETS.equals(r.getHeader("User-Agent"))) {
                    Attributes a = attributes(r.getMethod(), r.getPath());
                    if (a != null) {
                        calls.add(a);
                    }
                }
            }
        }
        List<JsonNode> rules = readmeRole();

        assertThat(calls).as("the harness's calls").hasSizeGreaterThan(50);
        assertThat(calls).allSatisfy(call -> assertThat(rules.stream().anyMatch(rule -> allows(rule, call)))
                .as("the README's ClusterRole allows " + call).isTrue());
        Set<String> unused = new TreeSet<>();
        for (JsonNode rule : rules) {
            for (JsonNode resource : rule.get("resources")) {
                for (JsonNode verb : rule.get("verbs")) {
                    Attributes granted = new Attributes(verb.asString(), rule.get("apiGroups").get(0).asString(),
                            resource.asString(), null);
                    // use is checked by the API server, not called; watch pods only when fabric8 opens a
                    // probe pod's log before the pod is Ready, which depends on timing
                    boolean sometimes = verb.asString().equals("use")
                            || verb.asString().equals("watch") && resource.asString().equals("pods");
                    if (!sometimes
                            && calls.stream().noneMatch(c -> c.verb().equals(granted.verb())
                                    && c.group().equals(granted.group()) && c.resource().equals(granted.resource()))) {
                        unused.add(granted.toString());
                    }
                }
            }
        }
        assertThat(unused).as("rules no call needs").isEmpty();
    }

    /** The ClusterRole in the README's code block that names kubens-bench-user. */
    static List<JsonNode> readmeRole() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int name = readme.indexOf("name: kubens-bench-user");
        assertThat(name).as("the README has the ClusterRole").isPositive();
        int start = readme.lastIndexOf("```yaml\n", name) + "```yaml\n".length();
        int end = readme.indexOf("```", name);
        JsonNode role = new YAMLMapper().readTree(readme.substring(start, end));
        assertThat(role.get("kind").asString()).isEqualTo("ClusterRole");
        List<JsonNode> rules = new ArrayList<>();
        role.get("rules").forEach(rules::add);
        return rules;
    }

    private static boolean allows(JsonNode rule, Attributes call) {
        return contains(rule.get("apiGroups"), call.group()) && contains(rule.get("resources"), call.resource())
                && contains(rule.get("verbs"), call.verb());
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode v : list) {
            if (v.asString().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The RBAC attributes of a request: verb, API group, resource (with its subresource) and
     * name; null for the discovery and version paths every authenticated user may read.
     */
    static Attributes attributes(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : URLDecoder.decode(pathAndQuery.substring(q + 1), StandardCharsets.UTF_8);
        List<String> parts = new ArrayList<>(List.of(path.replaceFirst("^/", "").split("/")));
        String group;
        if (parts.get(0).equals("api") && parts.size() >= 3) {
            group = "";
            parts = parts.subList(2, parts.size());
        } else if (parts.get(0).equals("apis") && parts.size() >= 4) {
            group = parts.get(1);
            parts = parts.subList(3, parts.size());
        } else {
            return null;
        }
        if (parts.size() >= 3 && parts.get(0).equals("namespaces")) {
            parts = parts.subList(2, parts.size());
        }
        String resource = parts.get(0);
        String name = parts.size() > 1 ? parts.get(1) : null;
        if (parts.size() > 2) {
            resource += "/" + parts.get(2);
        }
        String verb = switch (method) {
            case "GET" -> name != null ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name != null ? "delete" : "deletecollection";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return new Attributes(verb, group, resource, name);
    }
}
