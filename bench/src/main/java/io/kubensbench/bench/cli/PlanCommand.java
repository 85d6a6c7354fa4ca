package io.kubensbench.bench.cli;

import io.kubensbench.bench.campaign.CampaignReader;
import io.kubensbench.bench.campaign.CampaignSpec;
import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.plan.Plan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench plan}: a campaign's dry run. A campaign can take hours and, on a
 * cluster, reboot nodes; this shows what it will do (run order and its segments, mounts per
 * level, which pools each switch reboots, how many rollouts and before which runs, how long) and, with {@code --manifests}, the exact objects it will
 * create, without changing anything: on a cluster it only reads nodes and pools, and
 * {@code --manifests} reads nothing, so an administrator can review them before granting access.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Dry run of a campaign: run order and design, expected mounts, the pools each encapsulation"
                + " switch reboots and the rollouts the campaign makes (counted when the cluster answers), estimated"
                + " duration; --manifests prints every object a cluster run creates instead.")
final class PlanCommand implements Callable<Integer> {

    /** The run id objects of a dry run carry, so they can never be mistaken for a real run's. */
    static final String RUN_ID = "plan";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAMPAIGN.yaml", description = "The campaign file.")
    Path campaign;

    @Option(names = "--manifests",
            description = "Print every object a cluster run creates (namespaces; the node probe's ServiceAccount,"
                    + " SCC, ClusterRole, RoleBinding and DaemonSet; the MachineConfigs of the encapsulation switches;"
                    + " every level's Secrets, ConfigMaps and Pods) as multi-document YAML; at a terminal, and"
                    + " without --kind, a summary of them.")
    boolean manifests;

    @Option(names = "--kind", paramLabel = "KIND", split = ",",
            description = "With --manifests: print only objects of these kinds, comma-separated or repeated"
                    + " (any case; e.g. --kind ClusterRole,RoleBinding --kind MachineConfig); 'all' prints every"
                    + " object, also at a terminal.")
    List<String> kinds = new ArrayList<>();

    @Option(names = "--node", paramLabel = "NAME",
            description = "With --manifests: pin each level's pods to this node (repeat for several), as a run does.")
    List<String> nodes = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", defaultValue = "text",
            description = "Output format of the plan (default ${DEFAULT-VALUE}); json: one document for scripts.")
    String output;

    /** Whether a person reads stdout: then {@code --manifests} without {@code --kind} prints a summary. */
    Terminal terminal = Terminal.console();

    @Mixin
    ClusterOptions.CampaignContext cluster;

    @Override
    public Integer call() {
        PlanFormat format = PlanFormat.named(output);
        if (!manifests && !kinds.isEmpty()) {
            throw new IllegalArgumentException("--kind selects the objects of --manifests: add --manifests");
        }
        if (manifests && format instanceof PlanJson) {
            throw new IllegalArgumentException("--manifests prints Kubernetes objects as YAML, which kubectl and yq"
                    + " read and turn into JSON; -o json is for the plan itself, without --manifests");
        }
        CampaignSpec parsed = new CampaignReader().read(campaign);
        PrintWriter out = spec.commandLine().getOut();
        if (manifests) {
            PlanManifests objects = PlanManifests.of(parsed, RUN_ID, nodes);
            if (kinds.isEmpty() && terminal.attached()) {
                new ManifestSummary(command()).write(objects, out);
            } else {
                new ManifestYaml().write(kinds.isEmpty() ? objects : objects.only(kinds), out);
            }
        } else {
            ClusterTargetSpec target = parsed.target().cluster();
            format.write(Plan.of(parsed), target != null
                    && ClusterTargetSpec.MACHINECONFIG.equals(target.encapsulation())
                    ? PlanReboots.of(target, cluster) : null, out);
        }
        out.flush();
        return Main.OK;
    }

    /** This invocation up to {@code --manifests}, for the commands the summary suggests. */
    private String command() {
        StringBuilder command = new StringBuilder("kubens-bench plan ").append(campaign);
        nodes.forEach(node -> command.append(" --node ").append(node));
        return command.toString();
    }

    /** The run tag a level's objects carry in a dry run. */
    static String levelTag(int level) {
        return "l" + level;
    }
}
