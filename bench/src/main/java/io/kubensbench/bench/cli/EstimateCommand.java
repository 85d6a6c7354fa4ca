package io.kubensbench.bench.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.bench.estimate.BaseMounts;
import io.kubensbench.bench.estimate.Calibration;
import io.kubensbench.bench.estimate.ClusterListing;
import io.kubensbench.bench.estimate.Estimate;
import io.kubensbench.bench.estimate.EstimateFormat;
import io.kubensbench.bench.estimate.Estimator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench estimate --calibration DIR}: what encapsulation would save on a live
 * cluster's nodes, from their pods as the API lists them and a calibration's load models.
 * Reads only (lists nodes and pods), so it needs no more than get and list on both.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Cluster: predict systemd's CPU on the selected nodes with encapsulation off and on, from"
                + " their pods (read-only) and a calibration's results directory.")
final class EstimateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--calibration", required = true, paramLabel = "DIR",
            description = "Results directory whose load models predict (a campaign, or observe windows).")
    Path calibration;

    @Option(names = "--selector", paramLabel = "KEY=VALUE",
            description = "A label the nodes carry; repeat for several (default " + ObserveCommand.DEFAULT_SELECTOR
                    + ").")
    List<String> selector = new ArrayList<>();

    @Option(names = "--window", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30m",
            description = "How far back pods started and containers restarted count as churn (default"
                    + " ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = {"-o", "--output"}, paramLabel = "table|json|markdown", defaultValue = "table",
            description = "Output format (default ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--base-mounts", paramLabel = "N",
            description = "Mounts a node has with no pods (default: the calibration's estimate).")
    Integer baseMounts;

    @Mixin
    ClusterOptions.CurrentContext cluster;

    @Override
    public Integer call() throws Exception {
        EstimateFormat format = EstimateFormat.named(output);
        Map<String, String> labels = SelectorLabels.of(selector);
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("--window must be longer than 0");
        }
        ResultsDir dir = new ResultsDir(calibration).requireExisting();
        Summary summary = CampaignAnalysis.analyze(List.of(calibration));
        Calibration cal = Calibration.of(calibration, summary.campaign(), summary.loadModels(), dir.environment());
        BaseMounts base = BaseMounts.of(baseMounts, cal.off());
        Estimate estimate;
        try (KubernetesClient client = cluster.connect(null)) {
            ClusterListing listing = ClusterListing.read(client, labels);
            estimate = new Estimator(cal, base, window).estimate(listing, labels, Instant.now());
        }
        format.write(estimate, spec.commandLine().getOut());
        return Main.OK;
    }
}
