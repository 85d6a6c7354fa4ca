package io.kubensbench.bench.cli;

import io.kubensbench.analysis.compare.Comparison;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.text.Numbers;
import io.kubensbench.reports.exports.ComparisonExport;
import io.kubensbench.reports.exports.ComparisonJson;
import io.kubensbench.reports.exports.ComparisonText;
import io.kubensbench.reports.exports.JunitXmlExport;
import io.kubensbench.reports.exports.MarkdownExport;
import io.kubensbench.analysis.results.ResultsDir;
import io.kubensbench.bench.index.CampaignDocuments;
import io.kubensbench.bench.index.ComparisonDocuments;
import io.kubensbench.bench.index.IndexTarget;
import io.kubensbench.bench.index.IndexedCampaign;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kubens-bench compare BASELINE CURRENT}: the CI gate. Exit 0 pass, 10 regression,
 * 11 too imprecise, 12 not enough valid runs, 13 inconclusive; a regression anywhere wins
 * over everything undecided elsewhere (see {@link Comparison}).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare a campaign with a baseline, level by level: the change of the reduction with a 90%% "
                + "interval over both campaigns' runs, and the on arm's CPU.",
        exitCodeListHeading = "%nExit codes (the first that applies, in this order: 10, 12, 11, 13):%n",
        exitCodeList = {
            " 0:pass: at every level of the baseline the interval of the change stays above -P points, and the on "
                    + "arm's CPU did not rise past P%% of the baseline's off arm",
            "10:regression: at some level the reduction fell by more than P points, or the on arm's CPU rose by "
                    + "more than P%% of the baseline's off arm (and 0.001 cores), with 95%% confidence",
            "11:too imprecise: the interval of the change reaches past -P and is wider than P points; the check "
                    + "says how many runs per arm would decide it",
            "12:not enough valid runs: fewer than 3 per arm at a level of either campaign, a baseline level "
                    + "missing from the current campaign, or no level in common",
            "13:inconclusive: the interval reaches past -P though no wider than P (the change is about the "
                    + "limit), the on arm's CPU rose past its limit but not with confidence, or one campaign's off "
                    + "arm used no CPU (nothing to save)",
            " 1:error",
            " 2:bad input",
            " 4:the gate passed and its files are written, but indexing the comparison failed"})
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE_DIR")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT_DIR")
    Path current;

    @Option(names = "--max-regression", defaultValue = "10", paramLabel = "P",
            description = "Allowed drop of the reduction, in percentage points, and rise of the on arm's CPU, in percent of the baseline's off arm (default ${DEFAULT-VALUE}).")
    double maxRegression;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML here.")
    Path junit;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write a Markdown summary here.")
    Path markdown;

    @Mixin
    BootstrapOptions bootstrap;

    @Mixin
    OutputOption output;

    @Mixin
    IndexOptions indexing;

    @Override
    public Integer call() throws Exception {
        if (!(maxRegression >= 0 && maxRegression <= 100)) {
            throw new IllegalArgumentException("--max-regression must be between 0 and 100 (got " + Numbers.plain(maxRegression) + ")");
        }
        IndexTarget index = indexing.target(spec.commandLine().getErr());
        Summary b = CampaignAnalysis.analyze(List.of(baseline));
        Summary c = CampaignAnalysis.analyze(List.of(current));
        Comparison comparison = Comparison.of(b, c, maxRegression);
        PrintWriter out = spec.commandLine().getOut();
        ComparisonExport format = output.json() ? new ComparisonJson() : new ComparisonText();
        out.print(format.render(comparison, b, c));
        out.flush();
        write(junit, new JunitXmlExport(), comparison, b, c);
        write(markdown, new MarkdownExport(), comparison, b, c);
        return IndexOptions.indexAfter(comparison.exitCode(), index, () -> new ComparisonDocuments(
                CampaignDocuments.mapper()).of(IndexedCampaign.of(new ResultsDir(current)),
                IndexedCampaign.of(new ResultsDir(baseline)), comparison, b, c),
                "index them again with the same command", spec.commandLine().getErr());
    }

    private static void write(Path file, ComparisonExport export, Comparison comparison, Summary b, Summary c)
            throws IOException {
        if (file != null) {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, export.render(comparison, b, c));
        }
    }
}
