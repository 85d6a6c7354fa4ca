package io.kubensbench.bench.estimate;

import static io.kubensbench.analysis.results.JsonDocument.number;

import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.Prediction;
import io.kubensbench.analysis.prediction.Saving;
import io.kubensbench.analysis.results.Environment;
import io.kubensbench.analysis.results.JsonDocument;
import io.kubensbench.workloads.time.Durations;
import java.io.PrintWriter;
import tools.jackson.databind.node.ObjectNode;

/**
 * The estimate for scripts: every figure the table shows and the counts behind them, under
 * field names that stay put. CPU is in cores; a figure that does not exist (an interval a
 * degenerate model has not) is null, never NaN, so any JSON reader takes it.
 */
final class EstimateJson implements EstimateFormat {

    /** Kept for scripts written before {@code schemaVersion}, which now versions every document. */
    static final int SCHEMA = 1;

    static final String KIND = "estimate";

    @Override
    public void write(Estimate e, PrintWriter out) {
        ObjectNode root = JsonDocument.of(KIND);
        root.put("schema", SCHEMA);
        root.put("at", e.at().toString());
        root.put("window", Durations.exact(e.window()));
        root.put("windowSeconds", e.window().toMillis() / 1000.0);
        ObjectNode selector = root.putObject("selector");
        e.selector().forEach(selector::put);
        calibration(root.putObject("calibration"), e.calibration());
        ObjectNode base = root.putObject("baseMounts");
        number(base, "value", e.base().value());
        base.put("source", e.base().source());
        base.put("known", e.base().known());
        for (NodeEstimate n : e.nodes()) {
            node(root.withArray("nodes").addObject(), n);
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("nodes", e.nodes().size());
        prediction(totals.putObject("off"), e.totalOff());
        prediction(totals.putObject("on"), e.totalOn());
        saving(totals.putObject("saving"), e.totalSaving());
        e.caveats().forEach(root.withArray("caveats")::add);
        out.print(JsonDocument.text(root));
        out.flush();
    }

    private static void calibration(ObjectNode o, Calibration c) {
        o.put("dir", c.dir().toString());
        o.put("campaign", c.campaign());
        Environment env = c.environment();
        o.put("target", env == null ? null : env.target());
        o.put("cpuModel", env == null ? null : env.cpuModel());
        if (env == null) {
            o.putNull("cpus");
        } else {
            o.put("cpus", env.cpus());
        }
        o.put("kernel", env == null ? null : env.kernel());
        o.put("systemdVersion", env == null ? null : env.systemdVersion());
        model(o.putObject("off"), c.off());
        model(o.putObject("on"), c.on());
    }

    private static void model(ObjectNode o, LoadModel m) {
        o.put("form", m.form() == null ? null : m.form().label());
        o.put("formula", m.form() == null ? null : m.form().formula());
        number(o, "validationError", m.validationError());
        number(o, "baseMounts", m.baseMounts());
        o.put("degenerate", m.degenerate());
        if (m.range() != null) {
            ObjectNode r = o.putObject("range");
            number(r, "minMounts", m.range().minMounts());
            number(r, "maxMounts", m.range().maxMounts());
            number(r, "minEventsPerSecond", m.range().minEvents());
            number(r, "maxEventsPerSecond", m.range().maxEvents());
        }
    }

    private static void node(ObjectNode o, NodeEstimate n) {
        NodeLoad l = n.load();
        o.put("name", n.node());
        ObjectNode facts = o.putObject("facts");
        facts.put("osImage", n.facts().osImage());
        facts.put("kernelVersion", n.facts().kernelVersion());
        facts.put("architecture", n.facts().architecture());
        facts.put("containerRuntimeVersion", n.facts().containerRuntimeVersion());
        facts.put("cpus", n.facts().cpus());
        o.put("pods", l.pods());
        o.put("runningPods", l.runningPods());
        ObjectNode mounts = o.putObject("mounts");
        number(mounts, "base", l.baseMounts());
        mounts.put("volumes", l.podMounts().volumes());
        mounts.put("sandboxes", l.podMounts().sandbox());
        mounts.put("containers", l.podMounts().containers());
        ObjectNode assumed = mounts.putObject("assumed");
        l.podMounts().assumed().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(a -> assumed.put(a.getKey(), a.getValue()));
        mounts.put("pods", l.podMounts().total());
        number(mounts, "total", l.mounts());
        ObjectNode churn = o.putObject("churn");
        churn.put("startedPods", l.startedPods());
        churn.put("startedMounts", l.startedMounts());
        churn.put("restarts", l.restarts());
        number(churn, "eventsPerSecond", l.eventsPerSecond());
        ObjectNode load = o.putObject("load");
        number(load, "mounts", l.mounts());
        number(load, "eventsPerSecond", l.eventsPerSecond());
        prediction(o.putObject("off"), n.off());
        prediction(o.putObject("on"), n.on());
        saving(o.putObject("saving"), n.saving());
        o.put("outside", n.outside());
    }

    private static void prediction(ObjectNode o, Prediction p) {
        number(o, "cores", p.cores());
        number(o, "low", p.low());
        number(o, "high", p.high());
        number(o, "extrapolation", p.extrapolation());
        o.put("outside", p.outside());
        o.put("degenerate", p.degenerate());
    }

    private static void saving(ObjectNode o, Saving s) {
        number(o, "cores", s.cores());
        number(o, "low", s.low());
        number(o, "high", s.high());
        o.put("note", s.note());
    }
}
