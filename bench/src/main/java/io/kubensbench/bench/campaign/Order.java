package io.kubensbench.bench.campaign;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The order of the two arms within each (repetition, level) pair. Running one arm always
 * first would let a drift over time (a warming machine, a growing journal) pass for an
 * effect of encapsulation; both orders spread it over the arms.
 */
public enum Order {
    /** Alternates which arm goes first from one repetition to the next: no randomness to explain. */
    INTERLEAVED,
    /** Shuffles each pair with the schedule's seed: protects against a drift with the period of the alternation. */
    RANDOM;

    /** The word a campaign file uses: {@code interleaved}, {@code random}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The order a campaign file names, if it names one. */
    public static Optional<Order> fromLabel(String label) {
        return Arrays.stream(values()).filter(o -> o.label().equals(label)).findFirst();
    }
}
