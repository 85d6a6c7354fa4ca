package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.Descriptive;
import io.kubensbench.analysis.stats.Interval;
import io.kubensbench.analysis.stats.WelchTest;
import io.kubensbench.analysis.text.Numbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The CI gate: a current campaign against a stored baseline campaign, level by level. It
 * fails only on what the data confirm, so a noisy job does not page anyone: a regression
 * must be outside the 95% interval, not just in the point estimate.
 *
 * <p>For each level in both summaries, with P = {@code maxRegressionPoints}:
 * <ul>
 * <li>{@value #NOT_ENOUGH_RUNS} (not enough valid runs): fewer than
 *     {@value Analyzer#MIN_RUNS_PER_ARM} valid runs in an arm of either summary; also when
 *     no level is in both.</li>
 * <li>{@value #VARIANCE_TOO_HIGH} (variance too high): the baseline arm's coefficient of
 *     variation exceeds {@value #MAX_CV} in either summary, so the gate cannot tell a
 *     regression from noise.</li>
 * <li>{@value #REGRESSION} (regression): the current reduction's upper bound is below the
 *     baseline's reduction minus P percentage points; or the candidate arm's systemd CPU rose
 *     with confidence, i.e. the lower bound of Welch's 95% interval of current minus baseline
 *     exceeds the larger of P% of the baseline's candidate mean and
 *     {@value #ABSOLUTE_FLOOR_CORES} cores. The absolute floor is there because on a lab node
 *     the encapsulated arm is close to 0 cores, where a relative rise is a rise of noise.</li>
 * <li>{@value #INCONCLUSIVE} (inconclusive): a point estimate crosses one of these
 *     thresholds but its interval does not confirm it.</li>
 * </ul>
 * Summaries of several nodes (levels with a {@link BlockedResult}) are judged on their
 * blocked figures, so the node-to-node spread is not read as noise or as a change:
 * <ul>
 * <li>the variance check takes the baseline arm's within-node coefficient of variation
 *     ({@link BlockedResult#baselineCv()}); when no node has 2 valid baseline runs it cannot
 *     be measured and the check passes, the spread of the per-node differences being in
 *     the intervals below;</li>
 * <li>the reduction check takes the pooled reduction over nodes and its node bootstrap
 *     interval (each summary its own: blocked when it has it, run-level otherwise);</li>
 * <li>when both summaries are blocked at a level, the candidate CPU check becomes the
 *     per-node difference check ({@link Check#DIFFERENCE}): the per-node difference
 *     (candidate - baseline arm) must not rise, with confidence, by more than the same
 *     threshold. With at least 2 nodes in both summaries the nodes are blocks across the
 *     campaigns too: the change is the mean over those nodes of current minus baseline
 *     difference, with its t interval (m - 1 degrees of freedom for m nodes); otherwise it
 *     is the change of the mean difference with Welch's interval over the two summaries'
 *     per-node differences. Either way, a node that is busier in one campaign in both arms
 *     does not move the check; only a change of the saving on the nodes does.</li>
 * </ul>
 * When several apply the exit code is the first of 12, 11, 10, 13; otherwise 0. A summary
 * compared with itself passes both regression checks (its rise is 0, and its reduction is
 * the baseline's, inside its own interval), so it exits 0 unless it has too few runs or too
 * much noise to be a baseline at all.
 */
public final class Comparison {

    public static final int PASS = 0;
    public static final int REGRESSION = 10;
    public static final int VARIANCE_TOO_HIGH = 11;
    public static final int NOT_ENOUGH_RUNS = 12;
    public static final int INCONCLUSIVE = 13;
    private static final List<Integer> PRIORITY = List.of(NOT_ENOUGH_RUNS, VARIANCE_TOO_HIGH, REGRESSION, INCONCLUSIVE);

    public static final double MAX_CV = 0.5;
    public static final double ABSOLUTE_FLOOR_CORES = 0.001;
    public static final double CONFIDENCE = 0.95;

    /** A check and the exit code it calls for (0 when it passed). */
    private record Finding(Check check, int code) {
    }

    private final double maxRegressionPoints;
    private final List<Finding> findings;
    private final int compared;

    private Comparison(double maxRegressionPoints, List<Finding> findings, int compared) {
        this.maxRegressionPoints = maxRegressionPoints;
        this.findings = List.copyOf(findings);
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
        Gate gate = new Gate(baseline, current, maxRegressionPoints);
        List<Finding> findings = new ArrayList<>();
        int compared = 0;
        for (CellResult b : baseline.cells()) {
            Optional<CellResult> c = current.cell(b.level());
            if (c.isEmpty()) {
                findings.add(pass(b.level(), Check.LEVELS, "only in the baseline; not compared"));
                continue;
            }
            compared++;
            gate.level(b, c.get(), findings);
        }
        for (CellResult c : current.cells()) {
            if (baseline.cell(c.level()).isEmpty()) {
                findings.add(pass(c.level(), Check.LEVELS, "only in the current campaign; not compared"));
            }
        }
        if (compared == 0) {
            findings.add(new Finding(new Check(Check.ALL_LEVELS, Check.LEVELS, false,
                    "no level is in both summaries (baseline: " + levels(baseline) + "; current: " + levels(current)
                            + ")"), NOT_ENOUGH_RUNS));
        }
        return new Comparison(maxRegressionPoints, findings, compared);
    }

    public int exitCode() {
        for (int code : PRIORITY) {
            if (findings.stream().anyMatch(f -> f.code == code)) {
                return code;
            }
        }
        return PASS;
    }

    /** The gate's answer in one line, naming the first check behind the exit code. */
    public String verdictLine() {
        int code = exitCode();
        if (code == PASS) {
            return heading(code) + ": " + compared + (compared == 1 ? " level" : " levels")
                    + " compared; no regression beyond " + Numbers.plain(maxRegressionPoints) + " points of reduction or "
                    + Numbers.plain(maxRegressionPoints) + "% of the candidate arm's CPU";
        }
        List<Check> failing = findings.stream().filter(f -> f.code == code).map(Finding::check).toList();
        Check first = failing.get(0);
        String more = failing.size() > 1 ? " (+" + (failing.size() - 1) + " more failing)" : "";
        return heading(code) + ": " + (Check.ALL_LEVELS.equals(first.level()) ? "" : first.level()
                + ", " + first.metric() + ": ") + first.message() + more;
    }

    public List<Check> checks() {
        return findings.stream().map(Finding::check).toList();
    }

    /** The exit code a check calls for on its own: 0 when it passed. */
    public int exitCodeOf(Check check) {
        return findings.stream().filter(f -> f.check.equals(check)).mapToInt(Finding::code).findFirst().orElse(PASS);
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
            case VARIANCE_TOO_HIGH -> "VARIANCE TOO HIGH";
            case NOT_ENOUGH_RUNS -> "NOT ENOUGH VALID RUNS";
            case INCONCLUSIVE -> "INCONCLUSIVE";
            default -> "EXIT " + exitCode;
        };
    }

    /** The checks of one level, with the two summaries' arm names and P at hand. */
    private record Gate(Summary baseline, Summary current, double points) {

        void level(CellResult b, CellResult c, List<Finding> out) {
            String level = b.level();
            int min = Analyzer.MIN_RUNS_PER_ARM;
            boolean enough = b.baseline().n() >= min && b.candidate().n() >= min
                    && c.baseline().n() >= min && c.candidate().n() >= min;
            String counts = "valid runs per arm: baseline " + arms(b) + "; current " + arms(c)
                    + "; at least " + min + " needed";
            if (!enough) {
                out.add(new Finding(new Check(level, Check.VALID_RUNS, false, counts), NOT_ENOUGH_RUNS));
                return;
            }
            out.add(pass(level, Check.VALID_RUNS, counts));
            variance(level, b, c, out);
            reduction(level, b, c, out);
            if (b.blocked() != null && c.blocked() != null) {
                difference(level, b.blocked(), c.blocked(), b, out);
            } else {
                candidateCpu(level, b, c, out);
            }
        }

        private void variance(String level, CellResult b, CellResult c, List<Finding> out) {
            double cvBaseline = cv(b);
            double cvCurrent = cv(c);
            String message = String.format(Locale.ROOT,
                    "coefficient of variation of the baseline arm: baseline %s (%s%s), current %s (%s%s); limit %.2f",
                    Numbers.fixed(cvBaseline, 3), b.baseline().arm(), b.blocked() == null ? "" : ", within nodes",
                    Numbers.fixed(cvCurrent, 3), c.baseline().arm(), c.blocked() == null ? "" : ", within nodes", MAX_CV);
            if (unmeasured(b, cvBaseline) || unmeasured(c, cvCurrent)) {
                out.add(pass(level, Check.VARIANCE, message + "; the within-node variation is not measured"
                        + " (no node has 2 valid baseline runs), the per-node spread is in the intervals"));
                return;
            }
            boolean ok = cvBaseline <= MAX_CV && cvCurrent <= MAX_CV;
            out.add(ok ? pass(level, Check.VARIANCE, message)
                    : new Finding(new Check(level, Check.VARIANCE, false, message
                            + ": the gate cannot tell a regression from noise; add repetitions or quiet the node"),
                            VARIANCE_TOO_HIGH));
        }

        private static double cv(CellResult cell) {
            return cell.blocked() == null ? cell.baseline().cores().cv() : cell.blocked().baselineCv();
        }

        private static boolean unmeasured(CellResult cell, double cv) {
            return cell.blocked() != null && Double.isNaN(cv);
        }

        private void reduction(String level, CellResult b, CellResult c, List<Finding> out) {
            Effect before = Effect.of(b);
            Effect now = Effect.of(c);
            if (Double.isNaN(before.reduction()) || Double.isNaN(now.reduction())) {
                out.add(pass(level, Check.REDUCTION, "reduction undefined (a baseline arm mean of 0 cores); not compared"));
                return;
            }
            double threshold = before.reduction() - points / 100;
            String figures = "reduction " + Numbers.percentWithCi(now.reduction(), now.ci(), now.basis())
                    + " against the baseline's " + Numbers.percent(before.reduction()) + "; limit "
                    + Numbers.percent(threshold) + " (" + Numbers.plain(points) + " points below)";
            if (now.ci().high() < threshold) {
                out.add(new Finding(new Check(level, Check.REDUCTION, false,
                        figures + ": lower with confidence"), REGRESSION));
            } else if (now.reduction() < threshold) {
                out.add(new Finding(new Check(level, Check.REDUCTION, false,
                        figures + ": lower, but the interval does not confirm it"), INCONCLUSIVE));
            } else {
                out.add(pass(level, Check.REDUCTION, figures));
            }
        }

        private void difference(String level, BlockedResult b, BlockedResult c, CellResult baselineCell,
                                List<Finding> out) {
            Map<String, Double> before = new HashMap<>();
            b.blocks().forEach(n -> before.put(n.node(), n.difference()));
            double[] changes = c.blocks().stream().filter(n -> before.containsKey(n.node()))
                    .mapToDouble(n -> n.difference() - before.get(n.node())).toArray();
            Interval rise;
            double change;
            String basis;
            if (changes.length >= 2) {
                Descriptive paired = Descriptive.of(changes);
                rise = paired.ci();
                change = paired.mean();
                basis = "paired over the " + changes.length + " nodes in both";
            } else {
                rise = WelchTest.differenceInterval(c.differences(), b.differences(), CONFIDENCE);
                change = c.difference() - b.difference();
                basis = "Welch, fewer than 2 nodes in both";
            }
            double threshold = Math.max(points / 100 * baselineCell.candidate().cores().mean(), ABSOLUTE_FLOOR_CORES);
            String candidate = baselineCell.candidate().arm();
            String figures = String.format(Locale.ROOT,
                    "mean per-node difference (%s - %s) %s cores over %d nodes against the baseline's %s over %d"
                            + " (change %s cores, 95%% CI %s to %s, %s); limit +%s cores (%s%% of the baseline's"
                            + " %s arm, at least %s)",
                    candidate, baselineCell.baseline().arm(), Numbers.signed(c.difference()), c.k(),
                    Numbers.signed(b.difference()), b.k(), Numbers.signed(change), Numbers.signed(rise.low()),
                    Numbers.signed(rise.high()), basis, Numbers.fixed(threshold, 4), Numbers.plain(points), candidate,
                    Numbers.plain(ABSOLUTE_FLOOR_CORES));
            if (rise.low() > threshold) {
                out.add(new Finding(new Check(level, Check.DIFFERENCE, false,
                        figures + ": the saving shrank with confidence"), REGRESSION));
            } else if (change > threshold) {
                out.add(new Finding(new Check(level, Check.DIFFERENCE, false,
                        figures + ": the saving shrank, but the interval does not confirm it"), INCONCLUSIVE));
            } else {
                out.add(pass(level, Check.DIFFERENCE, figures));
            }
        }

        private void candidateCpu(String level, CellResult b, CellResult c, List<Finding> out) {
            Descriptive before = b.candidate().cores();
            Descriptive now = c.candidate().cores();
            Interval rise = WelchTest.differenceInterval(now, before, CONFIDENCE);
            double difference = now.mean() - before.mean();
            double threshold = Math.max(points / 100 * before.mean(), ABSOLUTE_FLOOR_CORES);
            String figures = String.format(Locale.ROOT,
                    "%s arm's systemd CPU %s cores against the baseline's %s (change %s cores, 95%% CI %s to %s);"
                            + " limit +%s cores (%s%% of the baseline, at least %s)",
                    c.candidate().arm(), Numbers.fixed(now.mean(), 4), Numbers.fixed(before.mean(), 4),
                    Numbers.signed(difference), Numbers.signed(rise.low()), Numbers.signed(rise.high()),
                    Numbers.fixed(threshold, 4), Numbers.plain(points), Numbers.plain(ABSOLUTE_FLOOR_CORES));
            if (rise.low() > threshold) {
                out.add(new Finding(new Check(level, Check.CANDIDATE_CPU, false,
                        figures + ": higher with confidence"), REGRESSION));
            } else if (difference > threshold) {
                out.add(new Finding(new Check(level, Check.CANDIDATE_CPU, false,
                        figures + ": higher, but the interval does not confirm it"), INCONCLUSIVE));
            } else {
                out.add(pass(level, Check.CANDIDATE_CPU, figures));
            }
        }

        private static String arms(CellResult cell) {
            return cell.baseline().arm() + " " + cell.baseline().n() + ", " + cell.candidate().arm() + " "
                    + cell.candidate().n();
        }
    }

    /** A summary's estimate of the saving at a level: blocked over nodes when it has one, else over runs. */
    private record Effect(double reduction, Interval ci, String basis) {

        static Effect of(CellResult cell) {
            BlockedResult blocked = cell.blocked();
            return blocked == null
                    ? new Effect(cell.reduction(), cell.reductionCi(), "")
                    : new Effect(blocked.reduction(), blocked.reductionCi(), ", " + blocked.k() + " nodes as blocks");
        }
    }

    private static Finding pass(String level, String metric, String message) {
        return new Finding(new Check(level, metric, true, message), PASS);
    }

    private static String levels(Summary s) {
        return s.cells().isEmpty() ? "none" : String.join(", ", s.cells().stream().map(CellResult::level).toList());
    }
}
