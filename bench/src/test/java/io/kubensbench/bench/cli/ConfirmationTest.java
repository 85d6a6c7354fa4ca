package io.kubensbench.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only a typed yes, or --yes, lets a command delete what it listed; no terminal and no --yes is a refusal. */
class ConfirmationTest {

    @Test
    void onlyYesTypedAtTheTerminalGoesAhead() {
        List<String> asked = new ArrayList<>();
        for (String answer : new String[] {"y", "YES", " yes "}) {
            assertThat(new Confirmation(false, q -> { asked.add(q); return answer; }).granted("Delete? [y/N] ", "-"))
                    .isTrue();
        }
        for (String answer : new String[] {"", "n", "no", "yess", null}) {
            assertThat(new Confirmation(false, q -> answer).granted("Delete? [y/N] ", "-")).as(answer).isFalse();
        }
        assertThat(asked).containsOnly("Delete? [y/N] ");
    }

    @Test
    void yesNeedsNoTerminalAndNoTerminalWithoutYesIsARefusal() {
        assertThat(new Confirmation(true, null).granted("Delete? [y/N] ", "-")).isTrue();
        assertThat(new Confirmation(true, q -> "n").granted("Delete? [y/N] ", "-")).as("--yes is not asked").isTrue();
        assertThatThrownBy(() -> new Confirmation(false, null).granted("Delete? [y/N] ", "pass --yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pass --yes");
        assertThat(Main.exitCode(new IllegalArgumentException("x"))).isEqualTo(Main.BAD_INPUT);
    }
}
