package io.kubensbench.analysis.text;

import io.kubensbench.analysis.compare.ArmStats;
import io.kubensbench.analysis.compare.BlockedResult;
import io.kubensbench.analysis.compare.CellResult;
import io.kubensbench.analysis.compare.IntervalKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a reduction and the arms behind it read, by what stands behind the interval: Fieller's
 * bounds, an unbounded set said as unbounded, an arm at 0 ns said as counted, an arm without
 * spread said as such. A reader never meets "100.0% [100.0, 100.0]" for three zeros.
 */
final class Reductions {

    private Reductions() {
    }

    /** "96.4% (95% CI 96.0% to 96.6%)", "100.0% by counting (systemd used 0 ns in 3 of 3 on runs, so no interval)". */
    static String sentence(CellResult c) {
        double r = c.reduction();
        return switch (c.reductionInterval()) {
            case ESTIMATED -> Numbers.percentWithCi(r, c.reductionCi(), "");
            case UNBOUNDED -> Numbers.percent(r) + " (95% CI unbounded: the " + c.baseline().arm()
                    + " mean is not clearly above 0)";
            case EXACT -> Numbers.percent(r) + " by counting (" + stillness(c.candidate()).orElse("")
                    + ", so no interval)";
            case CONSTANT_ARM -> Numbers.percent(r) + " (no interval: " + String.join(" and ", constantArms(c)) + ")";
            case UNDEFINED -> undefined(r, c.baseline());
        };
    }

    /** "93.1% (95% CI 90.2% to 95.8%)", or "-" when undefined. */
    static String sentence(BlockedResult b) {
        return switch (b.reductionInterval()) {
            case ESTIMATED -> Numbers.percentWithCi(b.reduction(), b.reductionCi(), "");
            case UNBOUNDED -> Numbers.percent(b.reduction())
                    + " (95% CI unbounded: the nodes' baseline means are not clearly above 0)";
            case EXACT -> Numbers.percent(b.reduction()) + " by counting (systemd used 0 ns in every candidate run,"
                    + " so no interval)";
            default -> Numbers.percentWithCi(b.reduction(), b.reductionCi(), "");
        };
    }

    /** "96.4% [96.0, 96.6]", "100.0% by counting", "12.0% [unbounded]", "50.0% [no interval]", "-". */
    static String bracketed(CellResult c) {
        double r = c.reduction();
        return switch (c.reductionInterval()) {
            case ESTIMATED, UNBOUNDED -> Numbers.percentBracketed(r, c.reductionCi());
            case EXACT -> Numbers.percent(r) + " by counting";
            case CONSTANT_ARM -> Numbers.percent(r) + " [no interval]";
            case UNDEFINED -> Numbers.percentBracketed(r, c.reductionCi());
        };
    }

    static String bracketed(BlockedResult b) {
        return b.reductionInterval() == IntervalKind.EXACT ? Numbers.percent(b.reduction()) + " by counting"
                : Numbers.percentBracketed(b.reduction(), b.reductionCi());
    }

    /** An arm's mean as a sentence names it: "6.03% of a core", "0 ns in all 3 runs", "0.10% of a core in every run". */
    static String armMean(ArmStats arm) {
        if (arm.n() == 0) {
            return "-";
        }
        if (arm.idle()) {
            return "0 ns in " + (arm.n() == 1 ? "its run" : "all " + arm.n() + " runs");
        }
        return Numbers.cores(arm.cores().mean()) + (arm.constant() ? " in every run" : "");
    }

    /**
     * An arm's mean with its interval in a table: "6.03% of a core [5.03, 7.03]" ({@code share}
     * false) or "6.03% [5.03, 7.03]" (true); an arm that did not vary has no interval to show:
     * "0 ns in all 3 runs", "0.10% of a core in every run".
     */
    static String armMeanBracketed(ArmStats arm, boolean share) {
        if (arm.n() == 0 || arm.idle()) {
            return armMean(arm);
        }
        double mean = arm.cores().mean();
        if (arm.constant()) {
            return (share ? Numbers.coreShare(mean) : Numbers.cores(mean)) + " in every run";
        }
        return share ? Numbers.coreShareBracketed(mean, arm.cores().ci()) : Numbers.coresBracketed(mean, arm.cores().ci());
    }

    /**
     * An arm that did not vary, or did not move in some runs, said as it is: "systemd used 0 ns
     * in 3 of 3 on runs", "the off runs are all within one counter step (0.10% of a core)".
     */
    static Optional<String> stillness(ArmStats arm) {
        if (arm.zeroRuns() > 0) {
            return Optional.of("systemd used 0 ns in " + arm.zeroRuns() + " of " + arm.n() + " " + arm.arm() + " runs");
        }
        if (arm.constant()) {
            return Optional.of("the " + arm.arm() + " runs are all within one counter step ("
                    + Numbers.cores(arm.cores().mean()) + ")");
        }
        return Optional.empty();
    }

    private static List<String> constantArms(CellResult c) {
        List<String> out = new ArrayList<>();
        for (ArmStats arm : List.of(c.baseline(), c.candidate())) {
            if (arm.constant()) {
                out.add("the " + arm.arm() + " runs are all within one counter step");
            }
        }
        return out;
    }

    private static String undefined(double reduction, ArmStats baseline) {
        if (!Double.isNaN(reduction)) {
            return Numbers.percent(reduction) + " (no interval)";
        }
        return baseline.idle() ? "undefined (systemd used 0 ns in " + baseline.zeroRuns() + " of " + baseline.n()
                + " " + baseline.arm() + " runs: nothing to reduce)" : "-";
    }
}
