package io.kubensbench.bench.cli;

import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.model.Load;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.prediction.Calibration;
import io.kubensbench.analysis.prediction.NodePrediction;
import io.kubensbench.analysis.results.CampaignRecord;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.reports.prediction.PredictionFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench predict CALIBRATION_DIR... --mounts N --events R}: systemd's CPU off and
 * on, and the saving, on a node that was never measured, from a calibration campaign's load
 * models; refuses a load far outside what the calibration measured unless asked.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict systemd's CPU with encapsulation off and on, and the saving, at a load "
                + "(mounts in systemd's view, mount events/s), from a calibration campaign's results (pooled).")
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "CALIBRATION_DIR",
            description = "Results directories of one calibration campaign, e.g. of lab-cost-model.yaml.")
    List<Path> dirs;

    @Option(names = "--mounts", required = true, paramLabel = "N",
            description = "Mounts in systemd's mount table on the node (encapsulation off).")
    double mounts;

    @Option(names = "--events", required = true, paramLabel = "R",
            description = "Mount events a second on the node (mount table lines that appear or disappear).")
    double events;

    @Option(names = "--extrapolate",
            description = "Predict also more than twice outside the calibrated loads (with a warning).")
    boolean extrapolate;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "text or json (default ${DEFAULT-VALUE}).")
    String output;

    @Override
    public Integer call() throws Exception {
        PredictionFormat format = PredictionFormat.forName(output);
        Load load = load();
        Summary summary = CampaignAnalysis.analyze(dirs);
        ResultsDir first = new ResultsDir(dirs.get(0));
        CampaignRecord campaign = first.campaign();
        List<LoadModel> models = summary.loadModels();
        LoadModel off = NodePrediction.offModel(models, summary.sources());
        Calibration calibration = Calibration.of(campaign.name(), summary.sources(), campaign.target(),
                first.environment(), off);
        NodePrediction prediction = NodePrediction.of(calibration, models, load, extrapolate);
        spec.commandLine().getOut().print(format.render(prediction));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }

    private Load load() {
        if (!Double.isFinite(mounts) || mounts < 0) {
            throw new IllegalArgumentException("--mounts must be a number of mounts, 0 or more (got " + mounts + ")");
        }
        if (!Double.isFinite(events) || events < 0) {
            throw new IllegalArgumentException("--events must be mount events a second, 0 or more (got " + events
                    + ")");
        }
        return new Load(mounts, events);
    }
}
