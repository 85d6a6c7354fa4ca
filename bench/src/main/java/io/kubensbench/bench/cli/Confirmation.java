package io.kubensbench.bench.cli;

import java.io.Console;
import java.util.Locale;

/**
 * A person's yes before a step on a cluster that cannot be undone, such as deleting other
 * runs' namespaces. A script gives it with {@code --yes}; otherwise the question goes to the
 * terminal, and without a terminal the command refuses (exit 2) rather than guess.
 */
final class Confirmation {

    /** Prints a question and reads one answer; null at the end of input. */
    @FunctionalInterface
    interface Terminal {
        String ask(String question);
    }

    private final boolean yes;
    private final Terminal terminal;

    /**
     * @param yes      whether {@code --yes} was given
     * @param terminal where to ask, or null when there is no terminal
     */
    Confirmation(boolean yes, Terminal terminal) {
        this.yes = yes;
        this.terminal = terminal;
    }

    /** Confirmation from {@code --yes} or the process's console, if it has one. */
    static Confirmation fromConsole(boolean yes) {
        Console console = System.console();
        return new Confirmation(yes, console == null ? null : question -> console.readLine("%s", question));
    }

    /**
     * Whether to go ahead: {@code --yes}, or {@code y} or {@code yes} typed at the terminal.
     *
     * @param question       the question, ending in {@code [y/N] }
     * @param withoutConsent why the command stops when there is no terminal to ask, and how to
     *                       go ahead; the message of the exit-2 refusal
     */
    boolean granted(String question, String withoutConsent) {
        if (yes) {
            return true;
        }
        if (terminal == null) {
            throw new IllegalArgumentException(withoutConsent);
        }
        String answer = terminal.ask(question);
        String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        return a.equals("y") || a.equals("yes");
    }
}
