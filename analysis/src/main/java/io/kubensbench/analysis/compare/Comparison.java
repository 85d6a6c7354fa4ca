package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.SatterthwaiteInterval;
import io.kubensbench.analysis.text.Numbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The CI gate: a current campaign against a stored baseline campaign, level by level. It
 * fails on what the data confirm, says when they cannot decide, and never passes what it did
 * not check: a job that pages on exit 10 is paged only for a regression the runs show, and a
 * regression is never let through because something else was undecided.
 *
 * <p>Every interval here is a {@value #CONFIDENCE} two-sided interval whose bounds are the
 * one-sided 95% bounds the gate decides with: a regression must clear the limit with 95%
 * confidence, and so must a pass. Each change carries both campaigns' uncertainty
 * ({@link ReductionChange}, {@link io.kubensbench.analysis.stats.SatterthwaiteInterval}).
 *
 * <p>For each level of the baseline, with P = {@code maxRegressionPoints}:
 * <ul>
 * <li>{@value #NOT_ENOUGH_RUNS} (not enough valid runs): the level is missing from the
 *     current campaign, or has fewer than {@value Analyzer#MIN_RUNS_PER_ARM} valid runs in
 *     an arm of either campaign; also when no level is in both. A level the baseline has is
 *     never passed unjudged.</li>
 * <li>The reduction: the change current - baseline of the reduction, with its interval.
 *     {@value #REGRESSION} when the interval lies wholly below -P points; a pass when it lies
 *     wholly at or above -P; otherwise undecided: {@value #TOO_IMPRECISE} (too imprecise)
 *     when the interval is wider than P points, so it cannot place a change of P on either
 *     side of the limit, {@value #INCONCLUSIVE} when it is no wider, so the change itself is
 *     about P. Either way the check says how many runs would decide it. When the baseline
 *     arm used no CPU at all there is nothing to save and no reduction: said so, a pass when
 *     neither campaign had anything to save, {@value #INCONCLUSIVE} when only one had (its
 *     workload may not have reached systemd; a baseline without it judges nothing).</li>
 * <li>The candidate arm's CPU, which the reduction can hide when both arms rise:
 *     {@value #REGRESSION} when the lower bound of the rise current - baseline exceeds the
 *     larger of P% of the baseline's candidate mean and {@value #ABSOLUTE_FLOOR_CORES}
 *     cores; {@value #INCONCLUSIVE} when only the estimate does. The absolute floor is there
 *     because on a lab node the encapsulated arm is close to 0 cores, where a relative rise
 *     is a rise of noise. This check alarms; it does not decide a pass on its own.</li>
 * </ul>
 * Campaigns of several nodes are judged on their figures with nodes as blocks: a reduction
 * pooled over nodes with its node-to-node variance ({@link ReductionEstimate}), and, when both
 * campaigns have blocks at a level, the per-node difference ({@link Check#DIFFERENCE}) in
 * place of the candidate arm's CPU, so a node that is busier in one campaign in both arms
 * moves neither.
 *
 * <p>The exit code is the first of {@value #REGRESSION}, {@value #NOT_ENOUGH_RUNS},
 * {@value #TOO_IMPRECISE}, {@value #INCONCLUSIVE} that any check calls for, else 0: a
 * confirmed regression anywhere wins over everything undecided elsewhere.
 */
public final class Comparison {

    public static final int PASS = 0;
    public static final int REGRESSION = 10;
    public static final int TOO_IMPRECISE = 11;
    public static final int NOT_ENOUGH_RUNS = 12;
    public static final int INCONCLUSIVE = 13;
    private static final List<Integer> PRIORITY = List.of(REGRESSION, NOT_ENOUGH_RUNS, TOO_IMPRECISE, INCONCLUSIVE);

    public static final double ABSOLUTE_FLOOR_CORES = 0.001;
    /** Two-sided; each bound is a one-sided 95% bound, the gate's error rate at the limit on either side. */
    public static final double CONFIDENCE = 0.90;

    private final double maxRegressionPoints;
    private final List<Finding> findings;
    private final Map<String, SatterthwaiteInterval> changes;
    private final int compared;

    private Comparison(double maxRegressionPoints, List<Finding> findings, Map<String, SatterthwaiteInterval> changes,
                       int compared) {
        this.maxRegressionPoints = maxRegressionPoints;
        this.findings = List.copyOf(findings);
        this.changes = Map.copyOf(changes);
        this.compared = compared;
    }

    /**
     * @param maxRegressionPoints P: allowed drop of the reduction in percentage points, and
     *                            allowed rise of the candidate arm's CPU in percent
     */
    public static Comparison of(Summary baseline, Summary current, double maxRegressionPoints) {
        if (!(maxRegressionPoints >= 0)) {
            throw new IllegalArgumentException("the maximum regression must be 0 or more, not " + maxRegressionPoints);
        }
        LevelGate gate = new LevelGate(maxRegressionPoints);
        List<Finding> findings = new ArrayList<>();
        Map<String, SatterthwaiteInterval> changes = new HashMap<>();
        int compared = 0;
        for (CellResult b : baseline.cells()) {
            Optional<CellResult> c = current.cell(b.level());
            if (c.isEmpty()) {
                findings.add(Finding.fail(b.level(), Check.LEVELS, "in the baseline but not in the current campaign:"
                        + " not judged, so the gate cannot pass", NOT_ENOUGH_RUNS));
                continue;
            }
            compared++;
            LevelGate.Judgement judgement = gate.judge(b, c.get());
            findings.addAll(judgement.findings());
            if (judgement.change() != null) {
                changes.put(b.level(), judgement.change());
            }
        }
        for (CellResult c : current.cells()) {
            if (baseline.cell(c.level()).isEmpty()) {
                findings.add(Finding.pass(c.level(), Check.LEVELS, "only in the current campaign: nothing to compare"
                        + " it with"));
            }
        }
        if (compared == 0) {
            findings.add(Finding.fail(Check.ALL_LEVELS, Check.LEVELS, "no level is in both summaries (baseline: "
                    + levels(baseline) + "; current: " + levels(current) + ")", NOT_ENOUGH_RUNS));
        }
        return new Comparison(maxRegressionPoints, findings, changes, compared);
    }

    public int exitCode() {
        for (int code : PRIORITY) {
            if (findings.stream().anyMatch(f -> f.code() == code)) {
                return code;
            }
        }
        return PASS;
    }

    /** The gate's answer in one line, naming the first check behind the exit code and counting the others. */
    public String verdictLine() {
        int code = exitCode();
        if (code == PASS) {
            return heading(code) + ": " + compared + (compared == 1 ? " level" : " levels") + " compared; no"
                    + " reduction fell by more than " + Numbers.plain(maxRegressionPoints) + " points, by the "
                    + Math.round(100 * CONFIDENCE) + "% interval of its change, and no candidate arm's CPU rose past"
                    + " its limit";
        }
        List<Check> failing = findings.stream().filter(f -> f.code() == code).map(Finding::check).toList();
        Check first = failing.get(0);
        long others = findings.stream().filter(f -> f.code() != PASS).count() - 1;
        String more = others > 0 ? " (+" + others + " more failing)" : "";
        return heading(code) + ": " + (Check.ALL_LEVELS.equals(first.level()) ? "" : first.level()
                + ", " + first.metric() + ": ") + first.message() + more;
    }

    public List<Check> checks() {
        return findings.stream().map(Finding::check).toList();
    }

    /** The exit code a check calls for on its own: 0 when it passed. */
    public int exitCodeOf(Check check) {
        return findings.stream().filter(f -> f.check().equals(check)).mapToInt(Finding::code).findFirst().orElse(PASS);
    }

    /**
     * The change of the reduction at a level, current - baseline as a fraction (-0.05 is a
     * drop of 5 points), with the interval the gate judged it by; empty when the level's
     * reductions were not compared (missing, too few runs, nothing to save).
     */
    public Optional<SatterthwaiteInterval> reductionChange(String level) {
        return Optional.ofNullable(changes.get(level));
    }

    public double maxRegressionPoints() {
        return maxRegressionPoints;
    }

    /** The gate's answer as a heading: "PASS", "REGRESSION (exit 10)". */
    public static String heading(int exitCode) {
        return title(exitCode) + (exitCode == PASS ? "" : " (exit " + exitCode + ")");
    }

    public static String title(int exitCode) {
        return switch (exitCode) {
            case PASS -> "PASS";
            case REGRESSION -> "REGRESSION";
            case TOO_IMPRECISE -> "TOO IMPRECISE";
            case NOT_ENOUGH_RUNS -> "NOT ENOUGH VALID RUNS";
            case INCONCLUSIVE -> "INCONCLUSIVE";
            default -> "EXIT " + exitCode;
        };
    }

    /** A change of the reduction in percentage points, as the gate prints it: {@code -0.3 points}. */
    public static String points(double fraction) {
        return String.format(Locale.ROOT, "%+.1f points", 100 * fraction);
    }

    /** A change with its interval in a table: {@code -0.3 points [-0.8, +0.2]}, {@code +0.0 points (exact)}. */
    public static String pointsBracketed(SatterthwaiteInterval change) {
        return points(change.estimate()) + (change.exact() ? " (exact)"
                : String.format(Locale.ROOT, " [%+.1f, %+.1f]", 100 * change.low(), 100 * change.high()));
    }

    private static String levels(Summary s) {
        return s.cells().isEmpty() ? "none" : String.join(", ", s.cells().stream().map(CellResult::level).toList());
    }
}
