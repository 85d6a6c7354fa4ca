package io.kubensbench.bench.index;

import io.kubensbench.analysis.results.JsonDocument;
import tools.jackson.databind.node.ObjectNode;

/**
 * How figures go into a document: CPU in percent of one core (what the CLI prints and Grafana
 * plots), and an undefined figure (an interval of one run, a reduction of a zero baseline) as
 * null, since JSON has no NaN and a search engine's number fields take none.
 */
final class Figures {

    private Figures() {
    }

    static void number(ObjectNode node, String field, double value) {
        JsonDocument.number(node, field, value);
    }

    /** Cores as percent of one core: 0.25 cores is 25. */
    static void percent(ObjectNode node, String field, double cores) {
        number(node, field, 100 * cores);
    }

    static void count(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.longValue());
        }
    }

    static void text(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
