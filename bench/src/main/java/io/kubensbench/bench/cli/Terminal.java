package io.kubensbench.bench.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether a person is reading the output at a terminal, so a command can print a summary
 * there and the full data into a file or a pipe. A seam of its own, so tests can be either.
 */
@FunctionalInterface
interface Terminal {

    boolean attached();

    /**
     * The process's terminal: {@link System#console()}, which Java 17 gives only when stdin and
     * stdout are both a terminal. From Java 22 on it gives a console also when they are
     * redirected, and {@code Console.isTerminal()} tells; it is asked where it exists.
     */
    static Terminal console() {
        return () -> {
            Console console = System.console();
            if (console == null) {
                return false;
            }
            try {
                Method isTerminal = Console.class.getMethod("isTerminal");
                return (Boolean) isTerminal.invoke(console);
            } catch (ReflectiveOperationException e) {
                return true;
            }
        };
    }
}
