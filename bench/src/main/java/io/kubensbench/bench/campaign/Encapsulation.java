package io.kubensbench.bench.campaign;

/** The state a node is measured in: mount namespace encapsulation off or on. */
public enum Encapsulation {
    OFF, ON;

    public String label() {
        return name().toLowerCase();
    }
}
