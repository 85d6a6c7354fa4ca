package io.kubensbench.bench.cli;

import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.reports.html.ReportWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kubens-bench report DIR}: analyses a results directory and writes its HTML report. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Analyse a results directory and write DIR/report/index.html, summary.md and CSV exports.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A campaign's results directory.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Summary summary = CampaignAnalysis.analyze(List.of(dir));
        SummaryJson.write(summary, dir.resolve(SummaryJson.FILE));
        Path index = new ReportWriter().write(dir, summary);
        spec.commandLine().getOut().println("report: " + index);
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
