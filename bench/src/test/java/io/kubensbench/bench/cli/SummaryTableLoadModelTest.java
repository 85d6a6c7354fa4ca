package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubensbench.analysis.compare.Analyzer;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.RunRecord;
import io.kubensbench.analysis.text.LoadModelText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code analyze} prints the load model per encapsulation state after the cost model. */
class SummaryTableLoadModelTest {

    private static final long WINDOW_NS = 10_000_000_000L;

    /** Six levels varying pods and churn, systemd's CPU growing with both; the on arm at 0 ns. */
    private static List<RunRecord> runs() {
        int[][] levels = {{40, 1}, {120, 5}, {240, 5}, {180, 10}, {120, 10}, {80, 2}};
        List<RunRecord> runs = new ArrayList<>();
        for (int[] l : levels) {
            long mounts = 40 + 15L * l[0];
            double events = 28.0 * l[1];
            double cores = 0.004 + 2.6e-4 * mounts * events / (events + 190);
            for (int rep = 0; rep < 3; rep++) {
                for (String arm : List.of("off", "on")) {
                    int index = runs.size();
                    runs.add(RunRecord.builder().index(index).attempt("a" + index).repetition(rep + 1)
                            .level("pods=" + l[0] + ",churn=" + l[1]).pods(l[0]).arm(arm).encapsulation(arm)
                            .node("lab").startedAt("2026-11-27T00:00:00Z").endedAt("2026-11-27T00:00:10Z")
                            .measureNs(WINDOW_NS)
                            .systemdSchedNs(arm.equals("off") ? Math.round(cores * (0.97 + 0.03 * rep) * WINDOW_NS) : 0)
                            .ticksPerSecond(100).mountEvents(Math.round(events * 10))
                            .systemdMounts(arm.equals("off") ? mounts : 40).kubeletMounts(mounts).samples(10)
                            .valid(true).build());
                }
            }
        }
        return runs;
    }

    @Test
    void theLoadModelLinesFollowTheCostModel() {
        Summary summary = new Analyzer().analyze("load", List.of("d"), runs(), "off", "on", List.of(), null);
        StringWriter text = new StringWriter();
        new SummaryTable(new PrintWriter(text, true)).print(summary);
        String out = text.toString();
        List<String> lines = LoadModelText.lines(summary.loadModels());
        assertThat(lines).hasSize(2);
        assertThat(out).contains("cost model (", lines.get(0), lines.get(1));
        assertThat(out.indexOf(lines.get(0))).isGreaterThan(out.indexOf("cost model ("));
        assertThat(lines.get(0)).startsWith("load model, off: ");
        assertThat(lines.get(1)).startsWith("load model, on: systemd used no measurable CPU");
    }
}
