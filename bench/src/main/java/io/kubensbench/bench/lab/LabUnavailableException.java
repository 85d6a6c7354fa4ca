package io.kubensbench.bench.lab;

/**
 * A lab node cannot run on this machine (not Linux, not root, no systemd, no namespaces).
 * The message is one line that says what is missing; the CLI turns it into exit code 2.
 */
public final class LabUnavailableException extends RuntimeException {

    public LabUnavailableException(String message) {
        super(message);
    }
}
