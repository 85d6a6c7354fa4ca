package io.kubensbench.analysis.text;

import io.kubensbench.analysis.model.Candidate;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.Parameter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The load model in one line per encapsulation state, the same in the terminal and in
 * {@code summary.md}: the form chosen with its parameters, how well it predicted levels it was
 * not fitted on (the figure to trust, not its fit), and how the other forms did, so a reader
 * sees how clear the choice was. A state without a form says why.
 */
public final class LoadModelText {

    private LoadModelText() {
    }

    /** One line per model, in the summary's order (off first). */
    public static List<String> lines(List<LoadModel> models) {
        return models.stream().map(LoadModelText::line).toList();
    }

    /**
     * "load model, off: mounts × saturating events/s, cores = a + b·M·E/(E+K); a = 0.40% of a
     * core (95% CI -0.90 to 1.70), b = 21.05% of a core per 1,000 mounts at saturated events/s
     * (95% CI ...), K = 188 events/s; predicts a level it was not fitted on within 4.1% (RMS
     * over 6 levels left out; worst 7.9%, pods=240); other forms: mounts 12.3%, ...", or
     * "load model, on: systemd used no measurable CPU at any calibrated level (0 ns in 18 of 18 runs)".
     */
    public static String line(LoadModel m) {
        String head = "load model, " + m.state() + ": ";
        if (m.form() == null) {
            return head + m.degenerate() + others(m, null);
        }
        String parameters = m.parameters().stream().map(LoadModelText::parameter).collect(Collectors.joining(", "));
        Candidate chosen = m.candidates().stream().filter(c -> c.form() == m.form()).findFirst().orElseThrow();
        return head + m.form().label() + ", cores = " + m.form().formula() + "; " + parameters
                + "; predicts a level it was not fitted on within " + Numbers.percent(m.validationError())
                + " (RMS over " + m.points().size() + " levels left out; worst " + Numbers.percent(chosen.maxError())
                + ", " + chosen.worstLevel() + ")" + others(m, chosen);
    }

    /** "a = 0.40% of a core (95% CI -0.90 to 1.70)"; K without an interval: "K = 188 events/s". */
    private static String parameter(Parameter p) {
        if (Double.isNaN(p.low())) {
            return p.name() + " = " + String.format(Locale.ROOT, p.value() >= 10 ? "%,.0f" : "%.1f", p.value()) + " "
                    + p.unit();
        }
        String unit = p.unit().startsWith("%") ? p.unit() : " " + p.unit();
        return String.format(Locale.ROOT, "%s = %.2f%s (95%% CI %.2f to %.2f)", p.name(), p.value(), unit, p.low(),
                p.high());
    }

    /** "; other forms: mounts 12.3%, mounts + events/s not compared (events/s do not vary ...)". */
    private static String others(LoadModel m, Candidate chosen) {
        List<Candidate> others = m.candidates().stream().filter(c -> c != chosen).toList();
        if (others.isEmpty() || others.stream().noneMatch(Candidate::compared)) {
            return "";
        }
        return "; other forms: " + others.stream()
                .map(c -> c.form().label() + " " + (c.compared() ? Numbers.percent(c.rmsError())
                        : "not compared (" + c.notCompared() + ")"))
                .collect(Collectors.joining(", "));
    }
}
