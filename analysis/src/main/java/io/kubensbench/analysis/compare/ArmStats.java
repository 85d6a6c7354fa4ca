package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.Descriptive;
import java.util.Map;

/**
 * One arm of one level: what entered the statistics and what was left out, and why, so a
 * reader can see at once whether the figures rest on the runs that were planned; and whether
 * the arm varied at all, since an interval or a test over runs that all read the same counter
 * value is float noise, not evidence.
 *
 * @param encapsulation the state the arm's runs claim ({@code off} or {@code on}; values
 *                      joined with a comma if runs disagree; null without runs)
 * @param n             valid runs, the sample size of every statistic
 * @param excluded      invalid runs left out
 * @param exclusions    invalid runs by reason, in order of first appearance
 * @param cores         systemd's CPU in cores over the valid runs
 * @param zeroRuns      valid runs in which systemd's CPU counter did not move (0 ns)
 * @param resolution    the coarsest counter step over the valid runs, in cores: one ns (or one
 *                      clock tick) over the run's window; NaN without runs
 * @param constant      at least 2 valid runs, all within one counter step of each other
 *                      (largest minus smallest at most {@code resolution}): the arm did not
 *                      vary as far as the counters can tell
 */
public record ArmStats(String arm, String encapsulation, int n, int excluded, Map<String, Integer> exclusions,
                       Descriptive cores, int zeroRuns, double resolution, boolean constant) {

    /** Every valid run at 0 ns: systemd used no CPU at all in this arm. */
    public boolean idle() {
        return n > 0 && zeroRuns == n;
    }
}
