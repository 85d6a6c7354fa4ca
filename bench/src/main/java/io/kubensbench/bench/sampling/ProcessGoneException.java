package io.kubensbench.bench.sampling;

import java.io.IOException;

/** The process being sampled no longer exists; the message names it. */
public final class ProcessGoneException extends IOException {

    public ProcessGoneException(long pid) {
        super("process " + pid + " is gone");
    }
}
