package io.kubensbench.bench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The CLI as a user types it, its output kept per call: each call starts with empty streams. */
public final class Cli {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    public int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** What the last call printed on stdout. */
    public String out() {
        return out.toString();
    }

    /** What the last call printed on stderr. */
    public String err() {
        return err.toString();
    }
}
