package io.kubensbench.bench.lab;

/** One way to print what {@code lab verify} found; one class per format. */
public interface VerifyFormat {

    void print(VerifyReport report);
}
