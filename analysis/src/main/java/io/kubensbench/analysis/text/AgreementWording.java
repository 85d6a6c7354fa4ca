package io.kubensbench.analysis.text;

import io.kubensbench.analysis.agreement.NodeAgreement;
import io.kubensbench.analysis.agreement.PrometheusAgreement;
import io.kubensbench.analysis.results.AgreementTolerance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the comparison of the harness's figure with Prometheus's reads, alike in the terminal,
 * summary.md and the HTML report: the tolerance stated with its numbers, a row's cells, and a
 * sentence for the campaign. A row without any compared run says why instead of a figure.
 */
public final class AgreementWording {

    /** A row with a run beyond the tolerance. */
    public static final String DISAGREES = "DISAGREES";
    /** A row whose compared runs all lie within the tolerance. */
    public static final String AGREES = "agrees";
    /** A row with no compared run. */
    public static final String NO_FIGURE = "no figure";

    private AgreementWording() {
    }

    /** "10% of the harness's figure or 0.50% of a core, whichever is larger". */
    public static String tolerance(AgreementTolerance t) {
        return Numbers.plain(100 * t.relative()) + "% of the harness's figure or " + Numbers.cores(t.cores())
                + ", whichever is larger";
    }

    /** What the table compares and by what rule, in one line. */
    public static String method(PrometheusAgreement a) {
        return "systemd's CPU by the harness and by Prometheus over the same valid runs, per node and arm"
                + (a.query() == null ? "" : " (Prometheus: " + a.query() + ", evaluated at each window's end)")
                + "; a run disagrees when the two differ by more than " + tolerance(a.tolerance());
    }

    /** The campaign's comparison in one sentence. */
    public static String sentence(PrometheusAgreement a) {
        int compared = a.compared();
        int valid = a.rows().stream().mapToInt(NodeAgreement::runs).sum();
        if (compared == 0) {
            return valid == 0 ? "No valid run to compare with Prometheus."
                    : "Prometheus gave no figure for any of the " + valid + " valid runs: " + join(missing(a)) + ".";
        }
        String over = compared + " of " + valid + " valid runs compared";
        if (!a.disagrees()) {
            return "Prometheus agrees with the harness within " + tolerance(a.tolerance()) + ", in every run compared ("
                    + over + ")" + (compared < valid ? reasons(missing(a)) : "") + ".";
        }
        List<String> where = a.rows().stream().filter(NodeAgreement::disagrees)
                .map(r -> r.node() + " " + r.arm() + " (" + r.beyond() + " of " + r.compared() + ")").toList();
        return "Prometheus disagrees with the harness by more than " + tolerance(a.tolerance()) + ", in " + a.beyond()
                + " of " + compared + " runs compared: " + String.join(", ", where) + "; " + over
                + (compared < valid ? reasons(missing(a)) : "") + ".";
    }

    /** The row's verdict: {@link #AGREES}, {@link #DISAGREES} or {@link #NO_FIGURE}. */
    public static String flag(NodeAgreement r) {
        return r.compared() == 0 ? NO_FIGURE : r.disagrees() ? DISAGREES : AGREES;
    }

    /** The harness's mean as a share of a core: "24.21%", "-" without compared runs. */
    public static String harness(NodeAgreement r) {
        return Numbers.coreShare(r.harnessCores());
    }

    public static String prometheus(NodeAgreement r) {
        return Numbers.coreShare(r.prometheusCores());
    }

    /** Prometheus minus harness, with its sign and relative size: "-0.31% (-1.3%)", "+0.00%". */
    public static String difference(NodeAgreement r) {
        if (Double.isNaN(r.difference())) {
            return "-";
        }
        return signedShare(r.difference())
                + (Double.isNaN(r.relativeDifference()) ? "" : " (" + signedPercent(r.relativeDifference()) + ")");
    }

    /** The largest per-run difference: "+0.52%". */
    public static String largest(NodeAgreement r) {
        return Double.isNaN(r.largestDifference()) ? "-" : signedShare(r.largestDifference());
    }

    /** "0 of 3"; for a row without compared runs, "-". */
    public static String beyond(NodeAgreement r) {
        return r.compared() == 0 ? "-" : r.beyond() + " of " + r.compared();
    }

    /** The valid runs without a figure and why: "no figure in 3 of 3 runs: timed out after 5s"; empty when none. */
    public static String missing(NodeAgreement r) {
        if (r.missing().isEmpty()) {
            return "";
        }
        int n = r.missing().values().stream().mapToInt(Integer::intValue).sum();
        return "no figure in " + n + " of " + r.runs() + " runs: " + join(r.missing());
    }

    private static Map<String, Integer> missing(PrometheusAgreement a) {
        Map<String, Integer> all = new LinkedHashMap<>();
        a.rows().forEach(r -> r.missing().forEach((reason, n) -> all.merge(reason, n, Integer::sum)));
        return all;
    }

    private static String reasons(Map<String, Integer> missing) {
        return missing.isEmpty() ? "" : "; without a figure: " + join(missing);
    }

    private static String join(Map<String, Integer> reasons) {
        List<String> parts = new ArrayList<>();
        reasons.forEach((reason, n) -> parts.add(n + " \u00d7 " + reason));
        return String.join(", ", parts);
    }

    private static String signedShare(double cores) {
        String s = Numbers.coreShare(Math.abs(cores));
        return (cores < 0 && !s.equals("0.00%") ? "-" : "+") + s;
    }

    private static String signedPercent(double fraction) {
        String s = String.format(Locale.ROOT, "%.1f%%", 100 * Math.abs(fraction));
        return (fraction < 0 && !s.equals("0.0%") ? "-" : "+") + s;
    }
}
