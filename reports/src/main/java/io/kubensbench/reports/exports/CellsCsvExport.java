package io.kubensbench.reports.exports;

import io.kubensbench.analysis.compare.BlockedResult;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.reports.ReportData;

/**
 * {@code cells.csv}: one row per level, the comparison's figures as the analysis computed them
 * (cores). The {@code blocked_} columns hold the comparison with nodes as blocks, which the
 * verdict rests on when the level was measured on several nodes; they are empty otherwise, so
 * one campaign's file reads like another's. Columns added later come last, so a script that
 * reads columns by position keeps working: what stands behind the reduction's interval, the
 * deciding p raw and Holm-adjusted, the rank test's floor, the arms' stillness.
 */
public final class CellsCsvExport implements SummaryExport {

    @Override
    public String fileName() {
        return "cells.csv";
    }

    @Override
    public String render(ReportData data) {
        StringBuilder b = new StringBuilder(Csv.row("level", "pods", "baseline_arm", "baseline_n", "baseline_excluded",
                "baseline_mean_cores", "baseline_median_cores", "baseline_sd", "candidate_arm", "candidate_n",
                "candidate_excluded", "candidate_mean_cores", "candidate_median_cores", "candidate_sd", "difference",
                "difference_ci_low", "difference_ci_high", "reduction", "reduction_ci_low", "reduction_ci_high",
                "welch_p", "mann_whitney_p", "hedges_g", "cliffs_delta", "minimal_detectable_effect",
                "mean_systemd_mounts_baseline", "mean_systemd_mounts_candidate", "mean_mount_events_per_s", "verdict",
                "blocked_nodes", "blocked_difference", "blocked_difference_ci_low", "blocked_difference_ci_high",
                "blocked_paired_t_p", "blocked_wilcoxon_p", "blocked_reduction", "blocked_reduction_ci_low",
                "blocked_reduction_ci_high", "reduction_interval", "p", "holm_p", "holm_levels", "fragile",
                "mann_whitney_exact", "mann_whitney_smallest_p", "runs_for_10_percent", "runs_for_50_percent",
                "baseline_zero_runs", "baseline_constant", "candidate_zero_runs", "candidate_constant",
                "blocked_reduction_interval"));
        for (CellResult c : data.summary().cells()) {
            BlockedResult k = c.blocked();
            b.append(Csv.row(c.level(), c.pods(), c.baseline().arm(), c.baseline().n(), c.baseline().excluded(),
                    c.baseline().cores().mean(), c.baseline().cores().median(), c.baseline().cores().sd(),
                    c.candidate().arm(), c.candidate().n(), c.candidate().excluded(), c.candidate().cores().mean(),
                    c.candidate().cores().median(), c.candidate().cores().sd(), c.difference(), c.differenceCiLow(),
                    c.differenceCiHigh(), c.reduction(), c.reductionCiLow(), c.reductionCiHigh(),
                    c.welch() == null ? null : c.welch().p(), c.mannWhitney() == null ? null : c.mannWhitney().p(),
                    c.hedgesG(), c.cliffsDelta(), c.minimalDetectableEffect(), c.meanSystemdMountsBaseline(),
                    c.meanSystemdMountsCandidate(), c.meanMountEventsPerSecond(), c.verdict().label(),
                    k == null ? null : k.k(), k == null ? null : k.difference(),
                    k == null ? null : k.differenceCi().low(), k == null ? null : k.differenceCi().high(),
                    k == null ? null : k.pairedT().p(), k == null ? null : k.wilcoxon().p(),
                    k == null ? null : k.reduction(), k == null ? null : k.reductionCiLow(),
                    k == null ? null : k.reductionCiHigh(), c.reductionInterval(), c.p(), c.holmP(), c.holmLevels(),
                    c.fragile(), c.mannWhitney().exact(), c.mannWhitney().smallestP(), c.repetitionsForTenPercent(),
                    c.repetitionsForFiftyPercent(), c.baseline().zeroRuns(), c.baseline().constant(),
                    c.candidate().zeroRuns(), c.candidate().constant(), k == null ? null : k.reductionInterval()));
        }
        return b.toString();
    }
}
