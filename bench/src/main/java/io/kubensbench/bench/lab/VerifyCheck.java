package io.kubensbench.bench.lab;

/**
 * One of {@code lab verify}'s checks against the documented behaviour, as a script reads it.
 *
 * @param arm    the arm it was made in, {@code off} or {@code on}
 * @param name   what was checked: {@code namespaces}, {@code mounts}, {@code unprivileged view},
 *               or {@code propagation MOUNT to CONTEXT}
 * @param detail what was found, in the words {@code lab verify} prints a failure with
 */
public record VerifyCheck(String arm, String name, boolean passed, String detail) {
}
