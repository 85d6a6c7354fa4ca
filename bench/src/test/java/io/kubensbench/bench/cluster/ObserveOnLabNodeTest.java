package io.kubensbench.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.ResultsStore;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.cli.Main;
import io.kubensbench.bench.lab.LabAssumptions;
import io.kubensbench.bench.lab.LabNode;
import io.kubensbench.bench.observe.ObservationFile;
import io.kubensbench.bench.observe.ObservePlan;
import io.kubensbench.bench.observe.Observer;
import io.kubensbench.bench.observe.WindowCheck;
import io.kubensbench.workloads.spec.WorkloadSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code observe} reading a real systemd: the API server is fabric8's mock, the node behind it
 * a lab node ({@link LabBackedNode}), and the load is not kubens-bench's: pods created and
 * deleted through the API by the test, as kube-burner's node-density churn would, bound to the
 * node, which its kubelet stand-in mounts and unmounts for real. Observed off, then switched on
 * by MachineConfig and observed again. Runs as root on Linux, like the other lab tests.
 */
@EnableKubernetesMockClient(crud = true)
class ObserveOnLabNodeTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private static final int PODS = 80;
    private static final String NAMESPACE = "node-density";

    @BeforeEach
    void lab() {
        LabAssumptions.assumeLab();
    }

    @Test
    void systemdOfALabNodeIsObservedUnderSomeoneElsesChurnOffThenOn(@TempDir Path dir) throws Exception {
        MockMachineConfigOperator operator = MockMachineConfigOperator.serving(server, client);
        ClusterTargetSpec spec = new ClusterTargetSpec(null, Map.of("node-role.kubernetes.io/worker", ""),
                ClusterTargetSpec.MACHINECONFIG, null, null, null, null, null);
        ObservePlan plan = new ObservePlan("lab-observe", Encapsulation.OFF, Encapsulation.ON, Duration.ofSeconds(6),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(500));
        AtomicBoolean churning = new AtomicBoolean(true);
        Observer.Outcome outcome;
        try (LabNode lab = LabNode.start();
             MockNodes nodes = new MockNodes(client, operator,
                     Map.of("lab-node", new LabBackedNode(lab, WorkloadSpec.defaults(), "0.5")))) {
            Thread churn = new Thread(() -> churn("lab-node", churning), "node-density-churn");
            churn.setDaemon(true);
            churn.start();
            try {
                ClusterObservation observed = new ClusterObservation(client, spec, "labobs01", "kubens-bench test",
                        plan.interval(), new ClusterTarget.Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(5),
                                Duration.ofMillis(100)),
                        new SwitchOptions(Duration.ofSeconds(120), false, reboots -> { }, () -> false), line -> { },
                        (probe, node, pod) -> nodes.stream(node), NodeMountEvents.COUNTED);
                Observer observer = new Observer(observed, plan, new AtomicBoolean(),
                        line -> System.out.println("kubens-bench: " + line), WindowCheck.NONE);
                try {
                    observer.start();
                    outcome = observer.observe(ResultsStore.create(dir, ObservationFile.yaml(plan, spec),
                            plan.campaign(), observed.traits(), observed.describe()));
                } finally {
                    observed.close();
                }
            } finally {
                churning.set(false);
                churn.join(10_000);
            }
            nodes.rethrow();
        }

        assertThat(outcome.windows()).isEqualTo(6);
        List<RunRecord> runs = new ResultsDir(dir).runs();
        assertThat(runs).hasSize(6).allSatisfy(r -> assertThat(r.valid()).as(r.invalidReason()).isTrue());
        double off = runs.stream().filter(r -> r.arm().equals("off")).mapToDouble(RunRecord::systemdCores).average()
                .orElseThrow();
        double on = runs.stream().filter(r -> r.arm().equals("on")).mapToDouble(RunRecord::systemdCores).average()
                .orElseThrow();
        System.out.printf("observed on a lab node: systemd off %.2f%%, on %.2f%% of a core%n", 100 * off, 100 * on);
        assertThat(runs).filteredOn(r -> r.arm().equals("off")).allSatisfy(r -> assertThat(r.systemdMounts())
                .as("the user's pods' mounts in systemd's view").isGreaterThan(PODS / 2 * 15));
        assertThat(runs).filteredOn(r -> r.arm().equals("on"))
                .allSatisfy(r -> assertThat(r.systemdMounts()).isLessThan(150));
        assertThat(off).as("systemd pays for the mounts it sees").isGreaterThan(0.01);
        assertThat(on).as("and not for the ones it does not").isLessThan(off / 5);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Main.run(new String[] {"analyze", dir.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true))).as(err.toString()).isZero();
        System.out.print(out);
        assertThat(out.toString()).contains("blocked design: off was observed first, then on", "lab-node, off: ");
    }

    /**
     * Someone else's workload: {@link #PODS} pods bound to {@code node}, the oldest replaced by a new
     * one four times a second, through the API only.
     */
    private void churn(String node, AtomicBoolean churning) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                .build()).create();
        Deque<String> pods = new ArrayDeque<>();
        int next = 0;
        while (churning.get()) {
            try {
                if (pods.size() >= PODS) {
                    client.pods().inNamespace(NAMESPACE).withName(pods.removeFirst()).delete();
                }
                String name = "node-density-" + next++;
                client.pods().inNamespace(NAMESPACE).resource(new PodBuilder().withNewMetadata().withName(name)
                        .addToLabels("kube-burner-job", NAMESPACE).endMetadata().withNewSpec().withNodeName(node)
                        .addNewContainer().withName("pause").withImage("pause:3.9").endContainer()
                        .endSpec().build()).create();
                pods.addLast(name);
                Thread.sleep(pods.size() < PODS ? 10 : 250);
            } catch (InterruptedException e) {
                return;
            } catch (KubernetesClientException e) {
                // the mock server stopping at the end of the test
            }
        }
    }
}
