package io.kubensbench.bench.prometheus;

import io.kubensbench.bench.campaign.PrometheusSpec;
import java.time.Duration;
import java.util.regex.Matcher;

/**
 * A query with {@code {{node}}} and {@code {{window}}} still to fill: the node's name as a
 * PromQL string (quotes and backslashes escaped, so a name cannot change the query) and the
 * window as a PromQL duration in whole milliseconds, the finest unit PromQL has.
 */
public record QueryTemplate(String text) {

    /** The campaign default, cAdvisor's counter for systemd's cgroup on the node. */
    public static final QueryTemplate DEFAULT = new QueryTemplate(PrometheusSpec.DEFAULT_QUERY);

    /** The query for one node and window. */
    public String render(String node, Duration window) {
        return text
                .replaceAll("\\{\\{\\s*" + PrometheusSpec.NODE + "\\s*}}", Matcher.quoteReplacement(labelValue(node)))
                .replaceAll("\\{\\{\\s*" + PrometheusSpec.WINDOW + "\\s*}}", duration(window));
    }

    /**
     * A PromQL duration for a window: {@code 20s}, {@code 9876ms}; at least {@code 1ms}. This is
     * Prometheus' wire format, not a duration for people
     * ({@link io.kubensbench.workloads.time.Durations}): one unit, which every Prometheus version
     * reads, rounded to the millisecond, its finest.
     */
    public static String duration(Duration window) {
        long ms = Math.max(1, Math.round(window.toNanos() / 1e6));
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** The inside of a double-quoted PromQL string holding {@code value}. */
    static String labelValue(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
