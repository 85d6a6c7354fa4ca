package io.kubensbench.bench.estimate;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The default output: aligned text for a terminal, a row per node, the totals, then the caveats. */
final class EstimateTable implements EstimateFormat {

    private static final List<String> HEADER = List.of("node", "pods", "running", "mounts", "assumed", "events/s",
            "off [95% PI]", "on [95% PI]", "saving [95% PI]", "");

    @Override
    public void write(Estimate e, PrintWriter out) {
        out.println("estimate: " + CalibrationText.scope(e));
        out.println("calibration: " + CalibrationText.calibration(e));
        out.println("  " + CalibrationText.model(e.calibration().off()));
        out.println("  " + CalibrationText.model(e.calibration().on()));
        out.println("base mounts: " + CalibrationText.base(e.base()));
        out.println();
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (NodeEstimate n : e.nodes()) {
            NodeLoad l = n.load();
            rows.add(List.of(n.node(), Integer.toString(l.pods()), Integer.toString(l.runningPods()),
                    Reading.count(l.mounts()), Integer.toString(l.podMounts().assumedTotal()),
                    Reading.events(l.eventsPerSecond()), Reading.share(n.off()), Reading.share(n.on()),
                    Reading.share(n.saving()), n.outside() ? "outside" : ""));
        }
        print(rows, out);
        out.println();
        out.println("total over " + e.nodes().size() + (e.nodes().size() == 1 ? " node" : " nodes") + ", in cores:");
        out.println("  off     " + Reading.cores(e.totalOff().cores(), e.totalOff().low(), e.totalOff().high()));
        out.println("  on      " + Reading.cores(e.totalOn().cores(), e.totalOn().low(), e.totalOn().high()));
        out.println("  saving  " + Reading.cores(e.totalSaving().cores(), e.totalSaving().low(),
                e.totalSaving().high()) + (e.totalSaving().note() == null ? "" : "; " + e.totalSaving().note()));
        out.println();
        out.println("caveats:");
        e.caveats().forEach(c -> out.println("- " + c));
        out.flush();
    }

    /** Columns left-aligned for words, right-aligned for numbers, two spaces apart. */
    private static void print(List<List<String>> rows, PrintWriter out) {
        int[] widths = new int[HEADER.size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                boolean number = i >= 1 && i <= 5;
                String cell = r.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(number ? pad + cell : cell + pad);
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
