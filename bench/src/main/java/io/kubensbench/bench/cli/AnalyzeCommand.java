package io.kubensbench.bench.cli;

import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.analysis.results.RolloutRecord;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import io.kubensbench.bench.index.CampaignDocuments;
import io.kubensbench.bench.index.IndexTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench analyze DIR...}: statistics of one campaign's runs, pooled over directories.
 * {@code -o json} prints {@code summary.json}'s own document, so scripts need one reader for both.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse results directories of one campaign (pooled); writes summary.json into the first.")
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Results directories of one campaign.")
    List<Path> dirs;

    /** Accepted for scripts of earlier versions; no effect. */
    @Mixin
    BootstrapOptions bootstrap;

    @Mixin
    OutputOption output;

    @Mixin
    IndexOptions indexing;

    @Override
    public Integer call() throws Exception {
        IndexTarget index = indexing.target(spec.commandLine().getErr());
        Summary summary = CampaignAnalysis.analyze(dirs);
        Path file = dirs.get(0).resolve(SummaryJson.FILE);
        String document = SummaryJson.write(summary, file);
        if (output.json()) {
            spec.commandLine().getOut().print(document);
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println("kubens-bench: summary: " + file);
            spec.commandLine().getErr().flush();
        } else {
            List<RolloutRecord> rollouts = new ArrayList<>();
            for (Path dir : dirs) {
                rollouts.addAll(new ResultsDir(dir).rollouts());
            }
            new SummaryTable(spec.commandLine().getOut()).print(summary, rollouts);
            spec.commandLine().getOut().println("summary: " + file);
            spec.commandLine().getOut().flush();
        }
        return IndexOptions.indexAfter(Main.OK, index, () -> new CampaignDocuments(CampaignDocuments.mapper())
                .analysis(dirs.stream().map(ResultsDir::new).toList(), summary),
                "index them again with the same command", spec.commandLine().getErr());
    }
}
