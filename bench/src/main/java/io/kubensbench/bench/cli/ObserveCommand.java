package io.kubensbench.bench.cli;

import io.kubensbench.bench.campaign.ClusterTargetSpec;
import io.kubensbench.bench.campaign.Encapsulation;
import io.kubensbench.bench.campaign.InvalidCampaignException;
import io.kubensbench.bench.observe.ObservePlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import io.kubensbench.bench.index.IndexTarget;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench observe --arm off|on [--switch-to on|off] [--duration D] [--window W] ...}:
 * systemd on a cluster's nodes while the user's own workload runs (kube-burner's node-density,
 * say), with no pods of kubens-bench: only the node probe is deployed. The results directory
 * has a campaign's layout, so {@code analyze}, {@code compare} and {@code report} take it.
 */
@Command(name = "observe", mixinStandardHelpOptions = true,
        description = "Cluster: measure systemd on the selected nodes while your own workload runs, in windows;"
                + " deploys only the node probe.")
final class ObserveCommand implements Callable<Integer> {

    /** The nodes kube-burner's node-density fills by default: the workers. */
    static final String DEFAULT_SELECTOR = "node-role.kubernetes.io/worker=";

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--arm", required = true, paramLabel = "off|on",
            description = "The encapsulation state the nodes are in; every node is checked, and the observation"
                    + " refuses to start when one disagrees.")
    String arm;

    @Option(names = "--switch-to", paramLabel = "on|off",
            description = "After --duration in --arm, switch the nodes to this state by MachineConfig (a rollout that"
                    + " reboots the pools) and observe it for --duration too.")
    String switchTo;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to observe each arm, a whole number of windows (default: until Ctrl-C).")
    Duration duration;

    @Option(names = "--window", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1m",
            description = "The length of one window, one record per node (default ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "0s",
            description = "Wait this long after the arm is checked or switched before the first window; not"
                    + " recorded (default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "How often the node probe prints a line (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--selector", paramLabel = "KEY=VALUE",
            description = "A label the observed nodes carry; repeat for several (default " + DEFAULT_SELECTOR + ").")
    List<String> selector = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", defaultValue = ObservePlan.DEFAULT_NAME,
            description = "Names the observation in its results (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default results/<name>-<time>).")
    Path out;

    @Option(names = "--image", paramLabel = "IMAGE", defaultValue = ClusterTargetSpec.DEFAULT_IMAGE,
            description = "Shell image for the node probe, NAME[:TAG] or NAME@sha256:DIGEST to pin it (default"
                    + " ${DEFAULT-VALUE}).")
    String image;

    @Option(names = "--probe-as-root", description = "Run the probe as root with CAP_SYS_PTRACE and read the namespace"
            + " links as the documented check does (root on each node in effect).")
    boolean probeAsRoot;

    @Mixin
    ClusterOptions.CurrentContext cluster;

    @Mixin
    RolloutOptions rollouts;

    @Mixin
    PrometheusOptions prometheus;

    @Mixin
    IndexOptions indexing;

    @Override
    public Integer call() throws Exception {
        Encapsulation then = switchTo == null ? null : state("--switch-to", switchTo);
        ObservePlan plan = new ObservePlan(name, state("--arm", arm), then, duration, window, warmup, interval);
        if (then == null && (rollouts.restore || rollouts.rolloutTimeout != null)) {
            throw new IllegalArgumentException((rollouts.restore ? "--restore" : "--rollout-timeout")
                    + " goes with --switch-to only: without it nothing is switched");
        }
        ClusterTargetSpec target = target(then != null);
        Path dir = out == null ? CampaignSession.defaultOut(plan.name()) : out;
        IndexTarget index = indexing.target(spec.commandLine().getErr());
        int code = new ObserveSession(spec.commandLine().getOut(), spec.commandLine().getErr(), cluster, rollouts,
                main.prompt, prometheus).execute(plan, target, dir);
        return IndexOptions.indexRuns(code, index, dir, spec.commandLine().getErr());
    }

    /** The selected nodes as a cluster target: checked by the campaign's own rules, named by this command's options. */
    private ClusterTargetSpec target(boolean switching) {
        Map<String, String> labels = SelectorLabels.of(selector);
        labels.forEach((key, value) -> spec(Map.of(key, value), "--selector " + key + "=" + value, switching));
        return spec(labels, null, switching);
    }

    /** The target, or the campaign rules' refusal in this command's terms: {@code option} names a bad selector. */
    private ClusterTargetSpec spec(Map<String, String> labels, String option, boolean switching) {
        try {
            return new ClusterTargetSpec(cluster.context, labels, switching ? ClusterTargetSpec.MACHINECONFIG
                    : ClusterTargetSpec.MANUAL, null, image, null, null, probeAsRoot);
        } catch (InvalidCampaignException e) {
            String field = e.path().substring(e.path().lastIndexOf('.') + 1);
            String named = option != null && e.path().contains("nodeSelector") ? option
                    : "--" + field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            throw new IllegalArgumentException(named + ": " + e.problem(), e);
        }
    }

    private static Encapsulation state(String option, String value) {
        return switch (value) {
            case "off" -> Encapsulation.OFF;
            case "on" -> Encapsulation.ON;
            default -> throw new IllegalArgumentException(option + " " + value + ": write off or on");
        };
    }
}
