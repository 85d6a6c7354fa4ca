package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.Descriptive;
import io.kubensbench.analysis.stats.SatterthwaiteInterval;
import java.util.List;

/**
 * Whether a cost model's line goes through one level: the mean residual of the level's runs
 * against the standard error of their mean. A line can have an R² near 1 and still miss the
 * smallest level entirely (its CPU is small beside the others'), and a per-mount cost read off
 * such a line does not carry over to a node of that size.
 *
 * <p>The level is missed when |t| = |mean residual| / (s / sqrt(n)) exceeds Student's t
 * quantile at 1 - 0.05 / (2 m), n - 1 degrees of freedom, for the m levels checked
 * (Bonferroni: a line that fits flags no level in at least 95% of campaigns). The level's own
 * spread is the yardstick, since the spread differs from level to level; the fitted line is
 * pulled toward the level's own runs, which makes a residual's true spread smaller than this,
 * so the check errs toward not flagging. A level needs 2 runs to be checked; runs that do not
 * vary at all are checked against the counters' resolution ({@value #RESOLUTION_CORES} cores).
 *
 * @param n            runs at the level
 * @param meanResidual mean of their residuals, in cores (positive: the line runs below them)
 * @param t            meanResidual over its standard error; NaN when not checked
 * @param critical     the |t| beyond which the level is missed; NaN when not checked
 */
public record LevelResidual(String level, int n, double meanResidual, double t, double critical) {

    /** Below this a residual is rounding: a nanosecond over a measure window of seconds. */
    static final double RESOLUTION_CORES = 1e-9;
    static final double ALPHA = 0.05;

    /**
     * @param residuals the level's runs' residuals
     * @param levels    how many levels are checked, for the Bonferroni correction
     */
    static LevelResidual of(String level, double[] residuals, int levels) {
        Descriptive d = Descriptive.of(residuals);
        if (d.n() < 2) {
            return new LevelResidual(level, d.n(), d.mean(), Double.NaN, Double.NaN);
        }
        double critical = criticalT(1 - ALPHA / (2.0 * levels), d.n() - 1);
        double se = d.sd() / Math.sqrt(d.n());
        double t;
        if (d.sd() <= RESOLUTION_CORES) {
            t = Math.abs(d.mean()) <= RESOLUTION_CORES ? 0 : Math.copySign(Double.POSITIVE_INFINITY, d.mean());
        } else {
            t = d.mean() / se;
        }
        return new LevelResidual(level, d.n(), d.mean(), t, critical);
    }

    public boolean checked() {
        return !Double.isNaN(t);
    }

    /** Whether the line misses the level: its mean residual is beyond what its runs' spread explains. */
    public boolean missed() {
        return checked() && Math.abs(t) > critical;
    }

    /** Student's t quantile: the upper bound of a unit-variance interval on {@code df} degrees of freedom. */
    private static double criticalT(double p, int df) {
        return SatterthwaiteInterval.of(0, List.of(new SatterthwaiteInterval.Part(1, df)), 2 * p - 1).high();
    }
}
