package io.kubensbench.bench.estimate;

import java.io.PrintWriter;

/** The estimate for a pull request, a ticket or a wiki page: a table per node, the totals, the caveats. */
final class EstimateMarkdown implements EstimateFormat {

    @Override
    public void write(Estimate e, PrintWriter out) {
        out.println("## What encapsulation would save");
        out.println();
        out.println(CalibrationText.scope(e) + ".");
        out.println();
        out.println("Calibration: `" + CalibrationText.calibration(e) + "`; "
                + CalibrationText.model(e.calibration().off()) + "; " + CalibrationText.model(e.calibration().on())
                + ". Base mounts: " + CalibrationText.base(e.base()) + ".");
        out.println();
        out.println("| node | pods | running | mounts | assumed | events/s | off [95% PI] | on [95% PI]"
                + " | saving [95% PI] | outside |");
        out.println("|---|---:|---:|---:|---:|---:|---|---|---|---|");
        for (NodeEstimate n : e.nodes()) {
            NodeLoad l = n.load();
            out.println("| " + cell(n.node()) + " | " + l.pods() + " | " + l.runningPods() + " | "
                    + Reading.count(l.mounts()) + " | " + l.podMounts().assumedTotal() + " | "
                    + Reading.events(l.eventsPerSecond()) + " | " + Reading.share(n.off()) + " | "
                    + Reading.share(n.on()) + " | " + Reading.share(n.saving()) + " | "
                    + (n.outside() ? "yes" : "") + " |");
        }
        out.println();
        out.println("| total over " + e.nodes().size() + (e.nodes().size() == 1 ? " node" : " nodes")
                + " | cores [95% PI] |");
        out.println("|---|---|");
        out.println("| off | " + Reading.cores(e.totalOff().cores(), e.totalOff().low(), e.totalOff().high()) + " |");
        out.println("| on | " + Reading.cores(e.totalOn().cores(), e.totalOn().low(), e.totalOn().high()) + " |");
        out.println("| saving | " + Reading.cores(e.totalSaving().cores(), e.totalSaving().low(),
                e.totalSaving().high()) + " |");
        out.println();
        out.println("### Caveats");
        out.println();
        e.caveats().forEach(c -> out.println("- " + cell(c)));
        out.flush();
    }

    /** A table cell or list item: a pipe would end the cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
