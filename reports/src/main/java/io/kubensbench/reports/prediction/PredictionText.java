package io.kubensbench.reports.prediction;

import io.kubensbench.analysis.model.Candidate;
import io.kubensbench.analysis.model.LoadModel;
import io.kubensbench.analysis.model.LoadRange;
import io.kubensbench.analysis.model.Parameter;
import io.kubensbench.analysis.model.Prediction;
import io.kubensbench.analysis.prediction.Calibration;
import io.kubensbench.analysis.prediction.NodePrediction;
import io.kubensbench.analysis.prediction.Saving;
import io.kubensbench.analysis.stats.Interval;
import io.kubensbench.analysis.text.Numbers;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A predicted node for the terminal: what it was calibrated on first, since that decides
 * whether the figures carry to the node asked about, then the model and its validation error,
 * then systemd's CPU off and on and the saving in % of a core, as the rest of the tool reads.
 */
final class PredictionText implements PredictionFormat {

    @Override
    public String render(NodePrediction p) {
        StringBuilder out = new StringBuilder();
        Calibration c = p.calibration();
        LoadRange r = c.range();
        line(out, "calibration", c.campaign() + " (" + c.target() + "), " + p.offRuns() + " valid runs off over "
                + p.levels() + " levels, from " + String.join(", ", c.sources()));
        line(out, "", c.systemd() + ", on " + c.cpu());
        line(out, "", "levels " + String.join("; ", c.levels()));
        line(out, "", "calibrated " + count(r.minMounts()) + " to " + count(r.maxMounts()) + " mounts, "
                + rate(r.minEvents()) + " to " + rate(r.maxEvents()) + " mount events/s");
        LoadModel off = p.offModel();
        Candidate v = p.validation();
        line(out, "model off", off.form().label() + ": " + off.form().formula());
        line(out, "", "leave-one-level-out error " + Numbers.percent(v.rmsError()) + " (RMS over " + p.levels()
                + " levels" + (v.worstLevel() == null ? ")" : "; worst " + Numbers.percent(v.maxError()) + " at "
                + v.worstLevel() + ")"));
        String others = off.candidates().stream().filter(x -> x.form() != off.form())
                .map(x -> x.form().label() + " " + (x.compared() ? Numbers.percent(x.rmsError()) : "not compared"))
                .collect(Collectors.joining(", "));
        if (!others.isEmpty()) {
            line(out, "", "other forms " + others);
        }
        line(out, "", off.parameters().stream().map(PredictionText::parameter).collect(Collectors.joining(", ")));
        line(out, "model on", onModel(p));
        line(out, "load", count(p.load().mounts()) + " mounts, " + rate(p.load().eventsPerSecond())
                + " mount events/s" + (p.outside() == null ? ", inside the calibrated loads"
                : String.format(Locale.ROOT, ", outside the calibrated loads (%.1f times)", p.extrapolation())));
        out.append('\n').append("systemd CPU, % of a core (95% prediction interval)\n");
        row(out, "off", p.off().cores(), interval(p.off()), "");
        if (p.on() == null) {
            out.append(String.format(Locale.ROOT, "  %-7s %7s%n", "on", "-"));
            out.append(String.format(Locale.ROOT, "  %-7s %7s%n", "saving", "-"));
        } else {
            row(out, "on", p.on().cores(), interval(p.on()),
                    p.onIsZero() ? " (exactly: no CPU at any calibrated level)" : "");
            Saving s = p.saving();
            row(out, "saving", s.cores(), s.hasInterval() ? new Interval(s.low(), s.high()) : Interval.undefined(), "");
        }
        for (String w : p.warnings()) {
            out.append("warning: ").append(w).append('\n');
        }
        return out.toString();
    }

    private static String onModel(NodePrediction p) {
        LoadModel on = p.onModel();
        if (on == null) {
            return "none: no valid run with encapsulation on";
        }
        if (on.form() == null) {
            return "none: " + (on.degenerate() == null ? "no form could be fitted" : on.degenerate());
        }
        return on.form().label() + ": " + on.form().formula() + ", leave-one-level-out error "
                + Numbers.percent(on.validationError());
    }

    private static Interval interval(Prediction p) {
        return Double.isNaN(p.low()) || Double.isNaN(p.high()) ? Interval.undefined() : new Interval(p.low(), p.high());
    }

    private static void row(StringBuilder out, String name, double cores, Interval ci, String note) {
        String share = Numbers.coreShare(cores);
        String bounds = Numbers.coreShareBracketed(cores, ci).substring(share.length());
        out.append(String.format(Locale.ROOT, "  %-7s %7s%s%s%n", name, share, bounds, note));
    }

    private static void line(StringBuilder out, String label, String text) {
        out.append(String.format(Locale.ROOT, "%-12s %s%n", label, text));
    }

    private static String parameter(Parameter p) {
        return String.format(Locale.ROOT, "%s = %.4g%s%s", p.name(), p.value(), p.unit().startsWith("%") ? "" : " ",
                p.unit());
    }

    private static String count(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String rate(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%,.1f" : "%,.0f", v);
    }
}
