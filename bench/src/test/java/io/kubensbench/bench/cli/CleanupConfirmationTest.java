package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only a typed yes, or --yes, lets cleanup --all delete what it listed; no terminal and no --yes is a refusal. */
class CleanupConfirmationTest {

    @Test
    void onlyYesTypedAtTheTerminalGoesAhead() {
        List<String> asked = new ArrayList<>();
        for (String answer : new String[] {"y", "YES", " yes "}) {
            assertThatCode(() -> CleanupConfirmation.require(2, false, q -> {
                asked.add(q);
                return Optional.of(answer);
            })).doesNotThrowAnyException();
        }
        for (String answer : new String[] {"", "n", "no", "yess"}) {
            assertThatThrownBy(() -> CleanupConfirmation.require(2, false, q -> Optional.of(answer)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("not confirmed: nothing was deleted");
        }
        assertThatCode(() -> asked.forEach(q -> {
            if (!q.equals("kubens-bench: delete everything listed above, 2 runs? [y/N] ")) {
                throw new AssertionError(q);
            }
        })).doesNotThrowAnyException();
    }

    @Test
    void yesNeedsNoTerminalAndNoTerminalWithoutYesIsARefusal() {
        assertThatCode(() -> CleanupConfirmation.require(1, true, Prompt.NONE)).doesNotThrowAnyException();
        assertThatCode(() -> CleanupConfirmation.require(1, true, q -> Optional.of("n")))
                .as("--yes is not asked").doesNotThrowAnyException();
        assertThatThrownBy(() -> CleanupConfirmation.require(1, false, Prompt.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cleanup --all would delete 1 run (listed above), perhaps a campaign still running: pass"
                        + " --yes to delete them, --dry-run to only list, or --run-id ID for one");
    }
}
