package io.kubensbench.bench.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * The confirmation {@code cleanup --all} needs: it deletes what every run left on the cluster,
 * anyone's, a campaign still running included, so the user says yes to the list it printed
 * first ({@code --yes} in scripts). Without a terminal and without {@code --yes} the answer is
 * no, in one line.
 */
final class CleanupConfirmation {

    private CleanupConfirmation() {
    }

    /**
     * Returns when the user agrees (or {@code yes}); otherwise throws an
     * IllegalArgumentException (exit 2) saying why nothing was deleted.
     *
     * @param runs how many runs the listing above the question names
     */
    static void require(int runs, boolean yes, Prompt prompt) {
        if (yes) {
            return;
        }
        String what = runs + (runs == 1 ? " run" : " runs");
        Optional<String> answer = prompt.ask("kubens-bench: delete everything listed above, " + what + "? [y/N] ");
        if (answer.isEmpty()) {
            throw new IllegalArgumentException("cleanup --all would delete " + what + " (listed above), perhaps a"
                    + " campaign still running: pass --yes to delete them, --dry-run to only list, or --run-id ID"
                    + " for one");
        }
        String said = answer.get().strip().toLowerCase(Locale.ROOT);
        if (!said.equals("y") && !said.equals("yes")) {
            throw new IllegalArgumentException("not confirmed: nothing was deleted");
        }
    }
}
