package io.kubensbench.reports.html;

import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.text.Numbers;
import io.kubensbench.reports.LoadModelTables;
import io.kubensbench.reports.LoadModelTables.CandidateRow;
import io.kubensbench.reports.LoadModelTables.LevelRow;
import io.kubensbench.reports.LoadModelTables.ParameterRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's section on the load model: per encapsulation state the form chosen, its
 * parameters, every candidate form with how well it predicted the levels it was not fitted
 * on, and the levels beside the model, so a reader can judge the figure that carries over to
 * a node never measured.
 */
final class LoadModelSection {

    private LoadModelSection() {
    }

    /** The template's model of the section; false (no section) when the campaign has no load model. */
    static Object model(List<LoadModel> models, List<Map<String, Object>> charts) {
        if (models.isEmpty()) {
            return false;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("states", models.stream().map(LoadModelSection::state).toList());
        m.put("charts", charts);
        return m;
    }

    private static Map<String, Object> state(LoadModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heading", LoadModelTables.state(model));
        m.put("arms", String.join(", ", model.arms()));
        m.put("sentence", LoadModelTables.sentence(model));
        m.put("fitted", model.form() != null);
        if (model.form() != null) {
            m.put("form", model.form().label());
            m.put("formula", model.form().formula());
            m.put("validation", Numbers.percent(model.validationError()));
            m.put("range", model.range() == null ? "-" : LoadModelTables.range(model.range()));
        }
        List<ParameterRow> parameters = LoadModelTables.parameters(model);
        m.put("parameters", parameters);
        m.put("hasParameters", !parameters.isEmpty());
        List<CandidateRow> candidates = LoadModelTables.candidates(model);
        m.put("candidates", candidates.stream().map(LoadModelSection::candidate).toList());
        m.put("hasCandidates", !candidates.isEmpty());
        List<LevelRow> levels = LoadModelTables.levels(model);
        m.put("levels", levels);
        m.put("hasLevels", !levels.isEmpty());
        return m;
    }

    private static Map<String, Object> candidate(CandidateRow c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("form", c.form());
        m.put("formula", c.formula());
        m.put("rms", c.rms());
        m.put("worst", c.worst());
        m.put("notCompared", c.notCompared().isEmpty() ? false : c.notCompared());
        m.put("chosen", c.chosen() ? "chosen" : "");
        m.put("rowClass", c.chosen() ? "chosen" : "");
        return m;
    }
}
