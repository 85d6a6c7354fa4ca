package io.kubensbench.bench.cluster;

/** One way to print what {@code encapsulation status} and {@code verify} found; one class per format. */
public interface EncapsulationFormat {

    String status(EncapsulationStatus status);

    String verification(EncapsulationVerification verification);

    static EncapsulationFormat of(boolean json) {
        return json ? new EncapsulationJson() : new EncapsulationText();
    }
}
