package io.kubensbench.bench.cli;

import java.io.IOException;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs an interactive child on the user's terminal. While it runs, the harness ignores
 * SIGINT, so Ctrl-C reaches the child (a shell handles it) instead of tearing down the lab
 * under it.
 */
final class Foreground {

    private Foreground() {
    }

    static int run(List<String> command) throws IOException, InterruptedException {
        Signal sigint = new Signal("INT");
        SignalHandler previous = Signal.handle(sigint, SignalHandler.SIG_IGN);
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } finally {
            Signal.handle(sigint, previous);
        }
    }
}
