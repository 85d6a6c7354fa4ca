package io.kubensbench.bench.cli;

import io.kubensbench.bench.cluster.Reboots;
import java.util.Locale;
import java.util.Optional;

/**
 * The confirmation a cluster switch needs: an encapsulation switch drains and reboots every
 * node of the pools that render it, usually far more nodes than a campaign measures, so the
 * user says yes to the count first ({@code --yes} in scripts). Without a terminal and
 * without {@code --yes} the answer is no, in one line.
 */
final class RebootConfirmation {

    private RebootConfirmation() {
    }

    /**
     * Returns when the user agrees (or {@code yes}, or nothing reboots); otherwise throws an
     * IllegalArgumentException (exit 2) saying why nothing was switched.
     *
     * @param switches how many switches the command may make, for the question
     */
    static void require(Reboots reboots, int switches, boolean yes, Prompt prompt) {
        if (yes || reboots.nodes() == 0) {
            return;
        }
        String what = "switching encapsulation reboots " + reboots.summary()
                + (switches > 1 ? ", up to " + switches + " times" : "");
        Optional<String> answer = prompt.ask("kubens-bench: " + what + ". Go on? [y/N] ");
        if (answer.isEmpty()) {
            throw new IllegalArgumentException(what + ": confirm on a terminal, or pass --yes; nothing was switched");
        }
        String said = answer.get().strip().toLowerCase(Locale.ROOT);
        if (!said.equals("y") && !said.equals("yes")) {
            throw new IllegalArgumentException("not confirmed: nothing was switched");
        }
    }
}
