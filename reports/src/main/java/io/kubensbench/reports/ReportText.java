package io.kubensbench.reports;

import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.CostModel;
import io.kubensbench.analysis.compare.Summary;
import io.kubensbench.analysis.results.Environment;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sentences the HTML report and {@code summary.md} share, as plain text (each format escapes it). */
public final class ReportText {

    /** systemd rate-limits its mount table processing since this version. */
    public static final int RATE_LIMIT_SINCE = 248;

    private static final Pattern VERSION = Pattern.compile("(\\d{3})");

    private ReportText() {
    }

    public static String systemd(Environment env) {
        return env == null || env.systemdVersion() == null ? "unknown" : env.systemdVersion();
    }

    public static OptionalInt systemdMajor(Environment env) {
        if (env == null || env.systemdVersion() == null) {
            return OptionalInt.empty();
        }
        Matcher m = VERSION.matcher(env.systemdVersion());
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** The verdict of one level in one sentence with its numbers. */
    public static String verdict(Summary s, CellResult c, Environment env) {
        StringBuilder b = new StringBuilder();
        b.append("At ").append(c.level()).append(", encapsulation ");
        switch (c.verdict()) {
            case REDUCED -> b.append("reduced systemd's CPU by ").append(reduction(c));
            case INCREASED -> b.append("increased systemd's CPU (reduction ").append(reduction(c)).append(')');
            case NO_SIGNIFICANT_DIFFERENCE -> b.append("made no significant difference to systemd's CPU (reduction ")
                    .append(reduction(c)).append(", minimal detectable effect ")
                    .append(cores(c.minimalDetectableEffect())).append(')');
            default -> b.append("could not be judged: insufficient data");
        }
        b.append(", from ").append(cores(c.baseline().cores().mean())).append(" (").append(s.baselineArm())
                .append(") to ").append(cores(c.candidate().cores().mean())).append(" (").append(s.candidateArm())
                .append("); n = ").append(c.baseline().n()).append(' ').append(s.baselineArm()).append(" and ")
                .append(c.candidate().n()).append(' ').append(s.candidateArm()).append(" runs; systemd ")
                .append(systemd(env).replaceFirst("^systemd\\s+", "")).append('.');
        return b.toString();
    }

    /** "97.1% (95% CI 95.0% to 99.0%)", or "-" when undefined. */
    public static String reduction(CellResult c) {
        if (Double.isNaN(c.reduction())) {
            return "-";
        }
        String r = pct(c.reduction());
        return c.reductionCi().defined()
                ? r + " (95% CI " + pct(c.reductionCiLow()) + " to " + pct(c.reductionCiHigh()) + ")"
                : r + " (no interval)";
    }

    public static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    public static String cores(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%% of a core", 100 * v);
    }

    public static String num(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    public static String p(double v) {
        return Double.isNaN(v) ? "-" : v < 1e-4 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", v);
    }

    public static String costModel(CostModel m) {
        return String.format(Locale.ROOT, "%s: %.3f%% of a core per %s (95%% CI %.3f to %.3f), intercept %s, "
                        + "R\u00b2 %.3f, %d runs", m.arm(), m.rate(), m.unit(), m.rateCi().low(), m.rateCi().high(),
                cores(m.fit().intercept()), m.fit().r2(), m.fit().n());
    }

    /** The caveat on systemd's mount event rate limit, for the version measured. */
    public static String rateLimit(Environment env) {
        OptionalInt major = systemdMajor(env);
        String version = "The version measured: " + systemd(env) + ". ";
        String limit = "Since v" + RATE_LIMIT_SINCE + " systemd rate-limits its processing of mount table changes "
                + "(a burst of 5 per 1 s, then it waits), so beyond that rate its CPU no longer grows with the "
                + "mount event rate; ";
        if (major.isEmpty()) {
            return limit + "the systemd version is unknown, so whether the limit applied is too. " + version;
        }
        return limit + (major.getAsInt() >= RATE_LIMIT_SINCE
                ? "it applied here, and an older systemd would spend more on the same load. "
                : "it did not apply here: a newer systemd would spend less on the same load. ") + version;
    }
}
