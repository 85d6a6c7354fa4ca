package io.kubensbench.bench.estimate;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** One way to print an estimate; {@link #named} picks it by the name {@code -o} takes. */
public interface EstimateFormat {

    void write(Estimate estimate, PrintWriter out);

    /** The names {@code -o} accepts, the default first. */
    List<String> NAMES = List.of("table", "json", "markdown");

    static EstimateFormat named(String name) {
        return switch (name == null ? "table" : name.toLowerCase(Locale.ROOT)) {
            case "table" -> new EstimateTable();
            case "json" -> new EstimateJson();
            case "markdown", "md" -> new EstimateMarkdown();
            default -> throw new IllegalArgumentException("-o " + name + ": write one of " + String.join(", ", NAMES));
        };
    }
}
