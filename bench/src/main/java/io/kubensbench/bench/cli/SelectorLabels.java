package io.kubensbench.bench.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --selector KEY=VALUE ...} as node labels, for the commands that pick nodes by label
 * ({@code observe}, {@code estimate}): one rule and one wording for a malformed or repeated
 * label, and the same default, the workers.
 */
final class SelectorLabels {

    private SelectorLabels() {
    }

    /** The labels given, in order; the workers' role label when none is. */
    static Map<String, String> of(List<String> selector) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String s : selector.isEmpty() ? List.of(ObserveCommand.DEFAULT_SELECTOR) : selector) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--selector " + s + ": write KEY=VALUE (KEY= for a label with an"
                        + " empty value, as node-role.kubernetes.io/worker=)");
            }
            if (labels.put(s.substring(0, eq), s.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("--selector " + s + ": " + s.substring(0, eq) + " is given twice");
            }
        }
        return labels;
    }
}
