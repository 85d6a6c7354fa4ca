package io.kubensbench.reports;

import io.kubensbench.analysis.compare.BlockedResult;
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

    /**
     * The verdict of one level in one sentence with its numbers: the figures it rests on, so
     * for a level measured on several nodes the ones with nodes as blocks, never the pooled
     * runs' (which would let the node-to-node spread pass for noise).
     */
    public static String verdict(Summary s, CellResult c, Environment env) {
        if (c.blocked() != null) {
            return blockedVerdict(s, c, env);
        }
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
                .append(')');
        return b.append(runsAndVersion(s, c, env)).toString();
    }

    private static String blockedVerdict(Summary s, CellResult c, Environment env) {
        BlockedResult k = c.blocked();
        String reduction = reduction(k);
        StringBuilder b = new StringBuilder();
        b.append("At ").append(c.level()).append(", encapsulation ");
        switch (c.verdict()) {
            case REDUCED -> b.append("reduced systemd's CPU by ").append(reduction);
            case INCREASED -> b.append("increased systemd's CPU (reduction ").append(reduction).append(')');
            case NO_SIGNIFICANT_DIFFERENCE -> b.append("made no significant difference to systemd's CPU (reduction ")
                    .append(reduction).append(')');
            default -> b.append("could not be judged: insufficient data (reduction ").append(reduction).append(')');
        }
        b.append(", with ").append(k.k()).append(" nodes as blocks: mean per-node difference ")
                .append(cores(k.difference()));
        if (k.differenceCi().defined()) {
            b.append(" (95% CI ").append(hundredths(k.differenceCi().low())).append(" to ")
                    .append(hundredths(k.differenceCi().high())).append(')');
        }
        b.append(", paired t p ").append(p(k.pairedT().p()));
        if (!k.dropped().isEmpty()) {
            b.append("; left out for lacking a valid run in an arm: ").append(String.join(", ", k.dropped()));
        }
        return b.append(runsAndVersion(s, c, env)).toString();
    }

    /** "; n = 4 off and 3 on runs; systemd 252.": what a verdict rests on and where it was measured. */
    private static String runsAndVersion(Summary s, CellResult c, Environment env) {
        return "; n = " + c.baseline().n() + ' ' + s.baselineArm() + " and " + c.candidate().n() + ' '
                + s.candidateArm() + " runs; systemd " + systemd(env).replaceFirst("^systemd\\s+", "") + '.';
    }

    /** The pooled reduction over nodes: "93.1% (95% CI 90.2% to 95.8%, node bootstrap)", or "-" when undefined. */
    public static String reduction(BlockedResult b) {
        if (Double.isNaN(b.reduction())) {
            return "-";
        }
        String r = pct(b.reduction());
        return b.reductionCi().defined()
                ? r + " (95% CI " + pct(b.reductionCiLow()) + " to " + pct(b.reductionCiHigh()) + ", node bootstrap)"
                : r + " (no interval)";
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

    /** A share of a core as a percentage with two decimals, for interval bounds after {@link #cores}: "-12.34%". */
    public static String hundredths(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
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
