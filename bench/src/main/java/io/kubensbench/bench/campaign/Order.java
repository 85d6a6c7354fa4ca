package io.kubensbench.bench.campaign;

import io.kubensbench.analysis.results.TargetTraits;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The order a campaign's runs go in, which decides what its analysis can tell apart. Running
 * one arm always first would let a drift over time (a warming machine, a growing journal)
 * pass for an effect of encapsulation; interleaving spreads it over both arms. But on a
 * cluster every change of arm is a MachineConfig rollout that reboots whole pools, so there
 * the designs that switch once ({@link #BLOCKED}) or twice ({@link #ABA}) are the ones a
 * campaign can afford, and {@link #ABA} still estimates the drift.
 */
public enum Order {
    /** Both arms back to back per level, alternating which goes first from one repetition to the next. */
    INTERLEAVED,
    /** Both arms back to back per level, which goes first drawn with the schedule's seed. */
    RANDOM,
    /** Every run of the baseline, then every run of the candidate: one switch; arm and time are confounded. */
    BLOCKED,
    /**
     * Baseline, candidate, baseline again: two switches. The baseline's repetitions are split
     * over its two segments (the first gets the larger half), so every level is measured before
     * and after the candidate and the drift over time can be estimated per level.
     */
    ABA;

    /** The word a campaign file uses: {@code interleaved}, {@code random}, {@code blocked}, {@code aba}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether both arms run back to back per level and repetition, so each switch of arm can be a rollout. */
    public boolean pairsArms() {
        return this == INTERLEAVED || this == RANDOM;
    }

    /** The order a campaign file names, if it names one. */
    public static Optional<Order> fromLabel(String label) {
        return Arrays.stream(values()).filter(o -> o.label().equals(label)).findFirst();
    }

    /** {@code interleaved, random, blocked or aba}, for messages. */
    public static String labels() {
        String all = Arrays.stream(values()).map(Order::label).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }

    /**
     * The order a campaign gets when its file names none, from how the target switches arms:
     * in place (the lab, seconds) {@link #INTERLEAVED}; by a rollout (hours) {@link #ABA}, the
     * fewest switches that still estimate a drift; by hand (one arm per invocation anyway)
     * {@link #BLOCKED}.
     */
    public static Order defaultFor(TargetTraits.ArmSwitching switching) {
        return switch (switching) {
            case IN_PLACE -> INTERLEAVED;
            case ROLLOUT -> ABA;
            case BY_HAND -> BLOCKED;
        };
    }

    /** How many of the baseline's {@code repetitions} go to its first segment in {@link #ABA}: the larger half. */
    public static int firstSegmentRepetitions(int repetitions) {
        return (repetitions + 1) / 2;
    }
}
