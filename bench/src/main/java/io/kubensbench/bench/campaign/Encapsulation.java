package io.kubensbench.bench.campaign;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The state a node is measured in: mount namespace encapsulation off or on. */
public enum Encapsulation {
    OFF, ON;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a label names ({@code off}, {@code on}); empty for anything else ({@code mixed}). */
    public static Optional<Encapsulation> fromLabel(String label) {
        return Arrays.stream(values()).filter(e -> e.label().equals(label)).findFirst();
    }
}
