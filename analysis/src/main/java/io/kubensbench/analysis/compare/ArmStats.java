package io.kubensbench.analysis.compare;

import io.kubensbench.analysis.stats.Descriptive;
import java.util.Map;

/**
 * One arm of one level: what entered the statistics and what was left out, and why, so a
 * reader can see at once whether the figures rest on the runs that were planned.
 *
 * @param encapsulation the state the arm's runs claim ({@code off} or {@code on}; values
 *                      joined with a comma if runs disagree; null without runs)
 * @param n             valid runs, the sample size of every statistic
 * @param excluded      invalid runs left out
 * @param exclusions    invalid runs by reason, in order of first appearance
 * @param cores         systemd's CPU in cores over the valid runs
 */
public record ArmStats(String arm, String encapsulation, int n, int excluded, Map<String, Integer> exclusions,
                       Descriptive cores) {
}
