package io.kubensbench.reports;

import io.kubensbench.analysis.model.Candidate;
import io.kubensbench.analysis.model.LevelPoint;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.LoadRange;
import io.kubensbench.analysis.model.Parameter;
import io.kubensbench.analysis.model.Prediction;
import io.kubensbench.analysis.stats.Interval;
import io.kubensbench.analysis.text.Numbers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * A load model's tables as cells of text, the same on the page and in summary.md: its levels
 * beside what the model gives at their loads, its candidate forms and its parameters. CPU
 * reads as a share of one core, as everywhere in the report.
 */
public final class LoadModelTables {

    /** Parameters are shown to this many significant digits: their intervals are rarely tighter. */
    private static final MathContext DIGITS = new MathContext(3);

    private LoadModelTables() {
    }

    /**
     * One level: its load, systemd's measured mean {@code ± sd (n)}, the model at that load
     * with its 95% prediction interval, and how far the model is from the measurement.
     */
    public record LevelRow(String level, String mounts, String events, String measured, String model,
                           String difference) {
    }

    /** One candidate form and how it predicted the levels it was not fitted on. */
    public record CandidateRow(String form, String formula, String rms, String worst, String notCompared,
                               boolean chosen) {
    }

    /** One parameter of the chosen form with its 95% interval and its unit. */
    public record ParameterRow(String name, String value, String interval, String unit) {
    }

    /** "Encapsulation off": a state as a heading reads. */
    public static String state(LoadModel model) {
        return "Encapsulation " + model.state();
    }

    /** The model in one sentence: the chosen form and how well it predicted a level left out, or why there is none. */
    public static String sentence(LoadModel model) {
        if (model.form() == null) {
            return model.degenerate() != null ? model.degenerate() : "no form could be fitted to the levels";
        }
        return "systemd's CPU with encapsulation " + model.state() + " follows " + model.form().label() + " ("
                + model.form().formula() + ") over " + model.points().size() + " levels; it predicted a level left out"
                + " with an RMS error of " + Numbers.percent(model.validationError());
    }

    public static List<LevelRow> levels(LoadModel model) {
        return model.points().stream().map(p -> level(model, p)).toList();
    }

    private static LevelRow level(LoadModel model, LevelPoint p) {
        String sd = Double.isNaN(p.sd()) ? "" : " ± " + Numbers.coreShare(p.sd());
        String measured = Numbers.coreShare(p.cores()) + sd + " (" + p.runs() + ")";
        // a model without a form still predicts 0 where systemd used none at every level
        Prediction at = model.predict(p.load());
        return new LevelRow(p.level(), mounts(p.load().mounts()), events(p.load().eventsPerSecond()), measured,
                Numbers.coreShareBracketed(at.cores(), new Interval(at.low(), at.high())),
                relative(at.cores(), p.cores()));
    }

    /** The model against the measurement, relative to it: {@code +2.1%}; {@code -} against a mean of 0. */
    static String relative(double model, double measured) {
        if (measured == 0 || Double.isNaN(model) || Double.isNaN(measured)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%+.1f%%", 100 * (model - measured) / measured);
    }

    public static List<CandidateRow> candidates(LoadModel model) {
        return model.candidates().stream().map(c -> candidate(model, c)).toList();
    }

    private static CandidateRow candidate(LoadModel model, Candidate c) {
        return new CandidateRow(c.form().label(), c.form().formula(),
                c.compared() ? Numbers.percent(c.rmsError()) : "-",
                c.compared() ? Numbers.percent(c.maxError()) + (c.worstLevel() == null ? "" : " at " + c.worstLevel())
                        : "-",
                c.compared() ? "" : c.notCompared(), c.form() == model.form());
    }

    public static List<ParameterRow> parameters(LoadModel model) {
        return model.parameters().stream().map(LoadModelTables::parameter).toList();
    }

    /** The analysis gives parameters in the units a user reasons in (% of a core per 1,000 mounts ...). */
    private static ParameterRow parameter(Parameter p) {
        String interval = Double.isNaN(p.low()) || Double.isNaN(p.high()) ? "-"
                : "[" + significant(p.low()) + ", " + significant(p.high()) + "]";
        return new ParameterRow(p.name(), significant(p.value()), interval, p.unit());
    }

    /** The calibrated loads in words: "602 to 3,404 mounts at 140 to 280 events/s". */
    public static String range(LoadRange r) {
        return span(mounts(r.minMounts()), mounts(r.maxMounts())) + " mounts at "
                + span(events(r.minEvents()), events(r.maxEvents())) + " events/s";
    }

    private static String span(String low, String high) {
        return low.equals(high) ? low : low + " to " + high;
    }

    /** Mounts as a count reads: {@code 3,404}. */
    public static String mounts(double mounts) {
        return Double.isNaN(mounts) ? "-" : String.format(Locale.ROOT, "%,.0f", mounts);
    }

    /**
     * Mount events a second as the model's own sentences read them: whole from 10 up
     * ({@code 140}), one decimal below ({@code 2.5}).
     */
    public static String events(double eventsPerSecond) {
        return Double.isNaN(eventsPerSecond) ? "-"
                : String.format(Locale.ROOT, eventsPerSecond >= 10 ? "%,.0f" : "%.1f", eventsPerSecond);
    }

    private static String significant(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "-" : v > 0 ? "inf" : "-inf";
        }
        return v == 0 ? "0" : new BigDecimal(v).round(DIGITS).stripTrailingZeros().toPlainString();
    }
}
