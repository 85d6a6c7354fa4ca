package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kubensbench.bench.campaign.CampaignReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} warns once, as the campaign starts, of repetitions too few for a verdict; input
 * it refuses stays a one-line error. The lab's own start is checked in LabCampaignTest.
 */
@EnableKubernetesMockClient(crud = true)
class VerdictReachTest {

    /** A cluster campaign of 2 repetitions, its nodes switched by hand. */
    private static final String TWO_REPETITIONS_ON_A_CLUSTER = """
            apiVersion: kubens-bench/v1
            kind: Campaign
            name: c
            target: {cluster: {encapsulation: manual}}
            workload: {pods: 10}
            arms: [off, on]
            schedule: {repetitions: 2}
            """;

    KubernetesClient client;

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @Test
    void runWarnsOnceAsTheCampaignStarts() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), TWO_REPETITIONS_ON_A_CLUSTER);

        // The mock cluster has no nodes, so the run ends where the target starts.
        int code = cli.run("run", file.toString(), "--arm", "on", "--kubeconfig", kubeconfig().toString(),
                "--out", dir.resolve("results").toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        List<String> lines = cli.err().lines().toList();
        assertThat(lines.get(0)).isEqualTo("kubens-bench: warning: 2 repetitions give each arm 2 runs per level and"
                + " node, and a verdict needs at least 3 valid runs per arm over all nodes: on fewer than 2 nodes"
                + " this campaign can only end in 'insufficient data'; set schedule.repetitions: 3");
        assertThat(lines.get(1)).startsWith("kubens-bench: campaign 'c', 2 runs, about ");
        assertThat(lines).filteredOn(line -> line.contains("warning")).hasSize(1);
        assertThat(lines.get(lines.size() - 1)).contains("no usable node matches");
    }

    @Test
    void refusedInputIsStillOneLineWithoutTheWarning() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), PlanCommandTest.TWO_REPETITIONS_ON_A_LAB);
        Path inTheWay = Files.writeString(dir.resolve("results"), "");

        int code = cli.run("run", file.toString(), "--out", inTheWay.toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(cli.err().lines()).containsExactly(
                "kubens-bench: " + inTheWay + ": not a directory; give --out a directory to create");
    }

    @Test
    void theBuiltInLabCampaignsReachAVerdict() throws Exception {
        for (String resource : new String[] {LabCommand.DEFAULT_CAMPAIGN, LabCommand.QUICK_CAMPAIGN}) {
            assertThat(VerdictReach.warning(new CampaignReader().parse(LabCommand.builtIn(resource), resource)))
                    .as(resource).isEmpty();
        }
    }

    private Path kubeconfig() throws Exception {
        return Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n"
                + "  cluster: {server: '" + client.getMasterUrl() + "', insecure-skip-tls-verify: true}\n"
                + "users:\n- name: u\n  user: {token: t}\ncontexts:\n- name: mock\n  context: {cluster: mock, user: u}\n"
                + "current-context: mock\n");
    }
}
