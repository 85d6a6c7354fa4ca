package io.kubensbench.reports.prediction;

import static io.kubensbench.analysis.results.JsonDocument.number;

import io.kubensbench.analysis.model.Candidate;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.Parameter;
import io.kubensbench.analysis.model.Prediction;
import io.kubensbench.analysis.prediction.Calibration;
import io.kubensbench.analysis.prediction.NodePrediction;
import io.kubensbench.analysis.results.JsonDocument;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A predicted node for scripts: stable field names, CPU in cores (as {@code summary.json}
 * has it), a figure that does not exist as {@code null} rather than a number that is not JSON.
 */
final class PredictionJson implements PredictionFormat {

    static final String KIND = "prediction";

    @Override
    public String render(NodePrediction p) {
        ObjectNode root = JsonDocument.of(KIND);
        Calibration c = p.calibration();
        ObjectNode cal = root.putObject("calibration");
        cal.put("campaign", c.campaign());
        strings(cal.putArray("sources"), c.sources());
        cal.put("target", c.target());
        cal.put("systemd", c.systemd());
        cal.put("cpu", c.cpu());
        strings(cal.putArray("levels"), c.levels());
        cal.put("offRuns", p.offRuns());
        ObjectNode range = cal.putObject("range");
        number(range, "minMounts", c.range().minMounts());
        number(range, "maxMounts", c.range().maxMounts());
        number(range, "minEventsPerSecond", c.range().minEvents());
        number(range, "maxEventsPerSecond", c.range().maxEvents());
        model(root.putObject("model"), p.offModel(), p.validation());
        ObjectNode load = root.putObject("load");
        number(load, "mounts", p.load().mounts());
        number(load, "eventsPerSecond", p.load().eventsPerSecond());
        prediction(root.putObject("off"), p.off());
        if (p.on() == null) {
            root.putNull("on");
            root.putNull("saving");
        } else {
            prediction(root.putObject("on"), p.on()).put("exactlyZero", p.onIsZero());
            ObjectNode saving = root.putObject("saving");
            number(saving, "cores", p.saving().cores());
            number(saving, "low", p.saving().low());
            number(saving, "high", p.saving().high());
        }
        ObjectNode ex = root.putObject("extrapolation");
        number(ex, "factor", p.extrapolation());
        ex.put("inside", p.outside() == null);
        ex.put("outside", p.outside());
        ex.put("forced", p.forced());
        ex.put("maxWithoutAsking", NodePrediction.MAX_REACH);
        strings(root.putArray("warnings"), p.warnings());
        return JsonDocument.text(root);
    }

    private static void model(ObjectNode out, LoadModel m, Candidate validation) {
        out.put("state", m.state());
        out.put("form", m.form().name());
        out.put("label", m.form().label());
        out.put("formula", m.form().formula());
        number(out, "validationError", validation.rmsError());
        number(out, "validationMaxError", validation.maxError());
        out.put("validationWorstLevel", validation.worstLevel());
        ArrayNode params = out.putArray("parameters");
        for (Parameter p : m.parameters()) {
            ObjectNode n = params.addObject();
            n.put("name", p.name());
            number(n, "value", p.value());
            number(n, "low", p.low());
            number(n, "high", p.high());
            n.put("unit", p.unit());
        }
        ArrayNode candidates = out.putArray("candidates");
        for (Candidate c : m.candidates()) {
            ObjectNode n = candidates.addObject();
            n.put("form", c.form().name());
            number(n, "validationError", c.rmsError());
            n.put("notCompared", c.notCompared());
        }
    }

    private static ObjectNode prediction(ObjectNode out, Prediction p) {
        number(out, "cores", p.cores());
        number(out, "low", p.low());
        number(out, "high", p.high());
        out.put("degenerate", p.degenerate());
        return out;
    }


    private static void strings(ArrayNode out, List<String> values) {
        values.forEach(out::add);
    }
}
