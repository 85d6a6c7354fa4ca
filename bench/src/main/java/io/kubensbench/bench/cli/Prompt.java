package io.kubensbench.bench.cli;

import java.io.Console;
import java.util.Optional;

/**
 * Asks the user a question at the terminal. Commands that reboot a cluster's nodes ask
 * before they do; a script has no terminal and must say {@code --yes} instead, so a
 * missing terminal is an answer of its own (empty), never a silent yes.
 */
@FunctionalInterface
interface Prompt {

    /** No terminal: every question goes unanswered. */
    Prompt NONE = question -> Optional.empty();

    /** The answer typed, or empty when there is no terminal to ask at. */
    Optional<String> ask(String question);

    /** The process's terminal ({@link System#console()}); end of input reads as an empty answer. */
    static Prompt console() {
        return question -> {
            Console console = System.console();
            if (console == null) {
                return Optional.empty();
            }
            String answer = console.readLine("%s", question);
            return Optional.of(answer == null ? "" : answer);
        };
    }
}
