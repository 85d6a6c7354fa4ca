package io.kubensbench.bench.estimate;

import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.text.Numbers;
import io.kubensbench.workloads.time.Durations;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** The lines the table and the Markdown both open with: what was read, and what it was predicted from. */
final class CalibrationText {

    private CalibrationText() {
    }

    static String scope(Estimate e) {
        return e.nodes().size() + (e.nodes().size() == 1 ? " node" : " nodes") + " matching "
                + selector(e.selector()) + ", read at " + e.at().truncatedTo(ChronoUnit.SECONDS)
                + "; churn over the last "
                + Durations.exact(e.window());
    }

    static String calibration(Estimate e) {
        Calibration c = e.calibration();
        return c.dir() + " (" + c.campaign() + (c.environment() == null ? "" : ", " + c.environment().target()) + ")";
    }

    static String model(LoadModel m) {
        if (m.degenerate() != null || m.form() == null) {
            return m.state() + ": no form fitted: " + (m.degenerate() == null ? "none fits" : m.degenerate());
        }
        return m.state() + ": " + m.form().label() + ", " + m.form().formula() + ", leave-one-level-out error "
                + Numbers.percent(m.validationError());
    }

    static String base(BaseMounts b) {
        return Reading.count(b.value()) + ", " + b.source();
    }

    private static String selector(Map<String, String> selector) {
        return selector.isEmpty() ? "(all)" : String.join(",", selector.entrySet().stream()
                .map(x -> x.getKey() + "=" + x.getValue()).sorted().toList());
    }
}
