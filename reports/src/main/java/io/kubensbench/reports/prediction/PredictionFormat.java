package io.kubensbench.reports.prediction;

import io.kubensbench.analysis.prediction.NodePrediction;
import java.util.List;

/** One output format for a predicted node ({@code kubens-bench predict -o}); {@link #forName} picks one. */
public interface PredictionFormat {

    List<String> NAMES = List.of("text", "json");

    String render(NodePrediction prediction);

    /** The format of a name, or an IllegalArgumentException naming the choices. */
    static PredictionFormat forName(String name) {
        return switch (name) {
            case "text" -> new PredictionText();
            case "json" -> new PredictionJson();
            default -> throw new IllegalArgumentException("-o must be one of " + NAMES + " (got '" + name + "')");
        };
    }
}
