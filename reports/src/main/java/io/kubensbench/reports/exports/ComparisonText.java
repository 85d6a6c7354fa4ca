package io.kubensbench.reports.exports;

import io.kubensbench.analysis.compare.Check;
import io.kubensbench.analysis.compare.Comparison;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.reports.ResultsDirText;
import java.util.Locale;

/**
 * The CI gate's comparison as {@code compare} prints it: lines of either campaign that could
 * not be read (a gate never passes on damage unseen), a line per check, the verdict line.
 */
public final class ComparisonText implements ComparisonExport {

    @Override
    public String render(Comparison comparison, Summary baseline, Summary current) {
        StringBuilder out = new StringBuilder();
        skipped(out, "baseline", baseline);
        skipped(out, "current", current);
        for (Check check : comparison.checks()) {
            int code = comparison.exitCodeOf(check);
            out.append(String.format(Locale.ROOT, "%-5s %-14s %-14s %s%n", code == 0 ? "ok" : "FAIL", check.level(),
                    check.metric(), check.message()));
        }
        out.append(comparison.verdictLine()).append(System.lineSeparator());
        return out.toString();
    }

    private static void skipped(StringBuilder out, String side, Summary s) {
        if (!s.unreadable().isEmpty()) {
            out.append(side).append(": ").append(ResultsDirText.skippedCount(s.unreadable())).append(":")
                    .append(System.lineSeparator());
            ResultsDirText.skippedLines(s.unreadable())
                    .forEach(line -> out.append("  ").append(line).append(System.lineSeparator()));
        }
    }
}
