package io.kubensbench.bench.lab;

/** The two states a node is compared in: mount namespace encapsulation off or on. */
public enum Arm {
    OFF, ON;

    public String label() {
        return name().toLowerCase();
    }
}
