package io.kubensbench.reports.exports;

import io.kubensbench.analysis.compare.Check;
import io.kubensbench.analysis.compare.Comparison;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.text.Numbers;
import java.util.List;

/**
 * JUnit XML, which every CI system can show: one test case per level and metric, a failure
 * for each check that calls for a non-zero exit, with the check's message.
 */
public final class JunitXmlExport implements ComparisonExport {

    @Override
    public String render(Comparison comparison, Summary baseline, Summary current) {
        List<Check> checks = comparison.checks();
        long failures = checks.stream().filter(c -> comparison.exitCodeOf(c) != Comparison.PASS).count();
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"kubens-bench compare\" tests=\"").append(checks.size())
                .append("\" failures=\"").append(failures).append("\">\n");
        x.append("  <testsuite name=\"").append(esc("kubens-bench compare: " + current.campaign()))
                .append("\" tests=\"").append(checks.size()).append("\" failures=\"").append(failures).append("\">\n");
        x.append("    <properties>\n");
        property(x, "baseline", String.join(", ", baseline.sources()));
        property(x, "current", String.join(", ", current.sources()));
        property(x, "max-regression", Numbers.plain(comparison.maxRegressionPoints()));
        property(x, "exit-code", Integer.toString(comparison.exitCode()));
        x.append("    </properties>\n");
        for (Check c : checks) {
            x.append("    <testcase classname=\"").append(esc("level " + c.level())).append("\" name=\"")
                    .append(esc(c.metric())).append("\">");
            int code = comparison.exitCodeOf(c);
            if (code != Comparison.PASS) {
                x.append("\n      <failure type=\"").append(esc(Comparison.title(code))).append("\" message=\"")
                        .append(esc(c.message())).append("\">").append(esc(c.message())).append("</failure>\n    ");
            } else {
                x.append("<system-out>").append(esc(c.message())).append("</system-out>");
            }
            x.append("</testcase>\n");
        }
        x.append("  </testsuite>\n</testsuites>\n");
        return x.toString();
    }

    private static void property(StringBuilder x, String name, String value) {
        x.append("      <property name=\"").append(esc(name)).append("\" value=\"").append(esc(value)).append("\"/>\n");
    }

    /** XML text and attribute escaping; control characters XML 1.0 cannot carry are dropped. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (ch >= 0x20 || ch == '\n' || ch == '\t' || ch == '\r') {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }
}
