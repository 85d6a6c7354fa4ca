package io.kubensbench.bench.cli;

import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.compare.SummaryJson;
import io.kubensbench.reports.Redaction;
import io.kubensbench.reports.html.ReportWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench report DIR [--redact]}: analyses a results directory and writes its HTML
 * report. The report names the host, nodes and kube context it came from and says so;
 * {@code --redact} writes a copy of the directory without them, and the copy's report, to
 * attach where those names should not go.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Analyse a results directory and write DIR/report/index.html, summary.md and CSV exports.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A campaign's results directory.")
    Path dir;

    @Option(names = "--redact", description = "Write DIR/redacted/, a copy without host, node and kube context names"
            + " and boot ids (node-1, harness-host, ...), with its own report; DIR itself is left as it is.")
    boolean redact;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path from = redact ? Redaction.copy(dir) : dir;
        Summary summary = CampaignAnalysis.analyze(List.of(from));
        SummaryJson.write(summary, from.resolve(SummaryJson.FILE));
        Path index = new ReportWriter().write(from, summary);
        spec.commandLine().getOut().println((redact ? "report, redacted: " : "report: ") + index);
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
